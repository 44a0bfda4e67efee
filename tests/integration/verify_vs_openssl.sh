#!/usr/bin/env bash
# tlssim's chain validator against `openssl verify` on the same files: the same
# verdict, the same error number, depth and wording, for the valid chains and for
# every broken variant of the demo PKI. -auth_level 2 gives `openssl verify` the
# security level a Debian TLS client runs at, as tlssim's client does.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$TLSSIM" pki --out "$d" --variants >/dev/null
cd "$d"

failures=0 cases=0
# Prints "OK" or "error N at D: TEXT" from openssl verify's output.
openssl_verdict() {
  local out
  out=$(openssl verify -auth_level 2 "$@" 2>&1) || true
  if grep -q ': OK$' <<<"$out"; then echo OK; return; fi
  sed -n 's/^error \([0-9]*\) at \([0-9]*\) depth lookup: \(.*\)$/error \1 at \2: \3/p' <<<"$out" | head -1
}
tlssim_verdict() {
  local out
  out=$("$TLSSIM" verify "$@") || true
  sed -n 's/^result: OK$/OK/p; s/^result: \(error [0-9]* at \)depth \([0-9]*: .*\) (a TLS peer sends .*)$/\1\2/p' <<<"$out"
}
# compare NAME PURPOSE HOST LEAF UNTRUSTED [ATTIME-DATE]
compare() {
  local name=$1 purpose=$2 host=$3 leaf=$4 untrusted=$5 at=${6:-}
  local o_args=(-CAfile root-ca.pem -purpose "$purpose") t_args=(--cafile root-ca.pem --purpose "$purpose")
  [ -n "$host" ] && { o_args+=(-verify_hostname "$host"); t_args+=(--host "$host"); }
  [ -n "$untrusted" ] && { o_args+=(-untrusted "$untrusted"); t_args+=(--untrusted "$untrusted"); }
  [ -n "$at" ] && { o_args+=(-attime "$(date -u -d "$at" +%s)"); t_args+=(--time "$at"); }
  local want got
  want=$(openssl_verdict "${o_args[@]}" "$leaf")
  got=$(tlssim_verdict "${t_args[@]}" "$leaf")
  cases=$((cases + 1))
  if [ "$want" = "$got" ] && [ -n "$want" ]; then
    echo "ok    $name: $want"
  else
    echo "FAIL  $name: openssl says '$want', tlssim says '$got'"; failures=$((failures + 1))
  fi
}

compare valid-server-rsa sslserver server.test server-rsa.pem intermediate-ca.pem
compare valid-server-ecdsa sslserver server.test server-ecdsa.pem intermediate-ca.pem
compare valid-client-rsa sslclient "" client-rsa.pem intermediate-ca.pem
compare valid-client-ecdsa sslclient "" client-ecdsa.pem intermediate-ca.pem
compare server-leaf-as-client sslclient "" server-rsa.pem intermediate-ca.pem
compare client-leaf-as-server sslserver server.test client-rsa.pem intermediate-ca.pem
compare wrong-name-asked sslserver www.server.test server-rsa.pem intermediate-ca.pem
compare after-validity sslserver server.test server-rsa.pem intermediate-ca.pem 2036-06-01
compare before-validity sslserver server.test server-rsa.pem intermediate-ca.pem 2024-06-01
compare root-expired sslserver server.test server-rsa.pem intermediate-ca.pem 2046-01-01
compare no-intermediate-given sslserver server.test server-rsa.pem ""
for v in variants/*/; do
  v=${v%/}
  u=""; [ -f "$v/intermediates.pem" ] && u="$v/intermediates.pem"
  compare "${v#variants/}" sslserver server.test "$v/leaf.pem" "$u"
done
echo "verify vs openssl: $((cases - failures)) of $cases cases agree"
[ "$failures" -eq 0 ]
