#!/usr/bin/env bash
# The demo PKI as OpenSSL sees it: every file reads, every key matches its
# certificate, the chains verify for their purpose, and a seed repeats byte for byte.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

"$TLSSIM" pki --out "$d/a" --seed 7 >/dev/null
"$TLSSIM" pki --out "$d/b" --seed 7 >/dev/null
"$TLSSIM" pki --out "$d/c" --seed 8 >/dev/null
cd "$d/a"

for f in root-ca intermediate-ca server-rsa server-ecdsa client-rsa client-ecdsa; do
  openssl x509 -in "$f.pem" -noout -text >/dev/null
  openssl pkey -in "$f.key" -noout
  # The key belongs to the certificate: the same SubjectPublicKeyInfo.
  cmp <(openssl x509 -in "$f.pem" -noout -pubkey) <(openssl pkey -in "$f.key" -pubout) \
    || { echo "$f.key does not match $f.pem"; exit 1; }
  # Same seed, same bytes; another seed, other keys.
  cmp "$f.pem" "../b/$f.pem"
  cmp "$f.key" "../b/$f.key"
  if cmp -s "$f.key" "../c/$f.key"; then echo "seed 8 gave the same $f.key as seed 7"; exit 1; fi
done

expect_ok() { # purpose leaf [extra openssl args]
  local purpose=$1 leaf=$2; shift 2
  out=$(openssl verify -CAfile root-ca.pem -untrusted intermediate-ca.pem -purpose "$purpose" "$@" "$leaf" 2>&1)
  [ "$out" = "$leaf: OK" ] || { echo "openssl verify -purpose $purpose $leaf: $out"; exit 1; }
}
expect_ok sslserver server-rsa.pem -verify_hostname server.test
expect_ok sslserver server-ecdsa.pem -verify_hostname server.test
expect_ok sslclient client-rsa.pem
expect_ok sslclient client-ecdsa.pem
# The chain files hold the leaf then the intermediate.
for f in server-rsa server-ecdsa client-rsa client-ecdsa; do
  [ "$(grep -c 'BEGIN CERTIFICATE' "$f-chain.pem")" = 2 ]
  cmp <(openssl x509 -in "$f-chain.pem") <(openssl x509 -in "$f.pem")
done

# What the issue asks of the leaves, as OpenSSL prints it.
openssl x509 -in server-rsa.pem -noout -ext subjectAltName,extendedKeyUsage | grep -q 'DNS:server.test'
openssl x509 -in server-rsa.pem -noout -ext extendedKeyUsage | grep -q 'TLS Web Server Authentication'
openssl x509 -in client-ecdsa.pem -noout -ext extendedKeyUsage | grep -q 'TLS Web Client Authentication'
openssl x509 -in intermediate-ca.pem -noout -ext basicConstraints | grep -q 'CA:TRUE, pathlen:0'
openssl x509 -in server-ecdsa.pem -noout -text | grep -q 'ASN1 OID: prime256v1'
openssl x509 -in server-rsa.pem -noout -text | grep -q 'Public-Key: (2048 bit)'
# Leaves are not usable for the other purpose.
if openssl verify -CAfile root-ca.pem -untrusted intermediate-ca.pem -purpose sslclient server-rsa.pem >/dev/null 2>&1; then
  echo "server leaf wrongly verifies for sslclient"; exit 1
fi

# The built-in PKI is the default-seed PKI.
"$TLSSIM" pki --out "$d/default" >/dev/null
"$TLSSIM" verify --host server.test "$d/default/server-rsa-chain.pem" | tail -1 | grep -qx 'result: OK'
echo "pki: all checks passed"
