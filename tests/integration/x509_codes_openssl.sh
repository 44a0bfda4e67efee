#!/usr/bin/env bash
# Every verification code tlssim's validator can return has OpenSSL's number and
# OpenSSL's words for it: tlssim's table (crypto/x509_verify_errors.c) against the
# installed OpenSSL's X509_V_ERR_* macros and X509_verify_cert_error_string().
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cc=${CC:-cc}

# tlssim's side: "NAME NUMBER TEXT" for every code with an OpenSSL name.
cat >"$d/ours.c" <<'C'
#include <stdio.h>
#include "crypto/x509_verify_errors.h"
int main(void)
{
    unsigned n = 0;
    x509_verify_code_at(0, &n);
    for (unsigned i = 0; i < n; i++) {
        x509_verify_code c = x509_verify_code_at(i, NULL);
        if (x509_verify_code_name(c))
            printf("%s %d %s\n", x509_verify_code_name(c), (int)c, x509_verify_code_text(c));
    }
    return 0;
}
C
"$cc" -std=c11 -I"$root" "$d/ours.c" "$root/crypto/x509_verify_errors.c" -o "$d/ours"
"$d/ours" >"$d/ours.txt"
[ -s "$d/ours.txt" ] || { echo "FAIL  tlssim's table printed nothing"; exit 1; }

# OpenSSL's side, for the same names: its macro's value and its library's words.
{
  echo '#include <stdio.h>'
  echo '#include <openssl/x509_vfy.h>'
  echo 'int main(void) {'
  while read -r name _; do
    echo "    printf(\"%s %d %s\\n\", \"$name\", (int)$name, X509_verify_cert_error_string($name));"
  done <"$d/ours.txt"
  echo '    return 0; }'
} >"$d/theirs.c"
"$cc" "$d/theirs.c" -o "$d/theirs" -lcrypto
"$d/theirs" >"$d/theirs.txt"

if diff -u "$d/theirs.txt" "$d/ours.txt"; then
  echo "x509 codes vs openssl: all $(wc -l <"$d/ours.txt") codes agree (number and text)"
else
  echo "FAIL  tlssim's codes differ from OpenSSL's (- openssl, + tlssim)"
  exit 1
fi
