#!/usr/bin/env bash
# Signature schemes with OpenSSL on the other end: when the peer allows only one
# scheme, tlssim signs its ServerKeyExchange or CertificateVerify with it and OpenSSL
# accepts the signature; when OpenSSL signs with one, tlssim checks it. Covers
# rsa_pss_rsae_sha512 both ways, and rsa_pkcs1_sha1 for a client that accepts nothing
# stronger (OpenSSL offers SHA-1 only below its default security level).
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"
expect() { # NAME WANT FILE
  cases=$((cases + 1))
  if grep -qF "$2" "$3"; then echo "ok    $1: $2"; else echo "FAIL  $1: wanted '$2'"; sed 's/^/      /' "$3" | tail -6; failures=$((failures + 1)); fi
}

# from_s_client NAME WANT-IN-S_CLIENT WANT-IN-TLSSIM TLSSIM-ARGS -- S_CLIENT-ARGS
from_s_client() {
  local name=$1 want_o=$2 want_t=$3; shift 3
  local targs=()
  while [ "$1" != -- ]; do targs+=("$1"); shift; done
  shift
  rm -f t.log
  port=$((port + 1))
  timeout 30 "$TLSSIM" run --listen "$port" --max-connections 1 "${targs[@]}" >t.log 2>&1 &
  tlssim_pid=$!
  peer_pids+=("$tlssim_pid")
  wait_for t.log listening || true
  printf 'GET / HTTP/1.1\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 \
    -CAfile root-ca.pem -verify_return_error -ign_eof "$@" >o.log 2>&1 || true
  wait "$tlssim_pid" 2>/dev/null || true
  expect "$name (openssl s_client)" "$want_o" o.log
  expect "$name (tlssim server)" "$want_t" t.log
  expect "$name (completes)" "result: ok" t.log
}

# ServerKeyExchange: tlssim signs with the only scheme s_client allows.
from_s_client "rsa_pss_rsae_sha512 from tlssim's server" "Peer signing digest: SHA512" \
  "rsa_pss_rsae_sha512(private_key" -- -sigalgs rsa_pss_rsae_sha512
grep -q "Peer signature type: RSA-PSS" o.log || { echo "FAIL  s_client saw no RSA-PSS signature"; failures=$((failures + 1)); }
from_s_client "rsa_pkcs1_sha1 from tlssim's server" "Peer signing digest: SHA1" \
  "rsa_pkcs1_sha1(private_key" -- -sigalgs RSA+SHA1 -cipher 'DEFAULT:@SECLEVEL=0'
# CertificateVerify: s_client signs with rsa_pss_rsae_sha512, tlssim's server checks it.
from_s_client "rsa_pss_rsae_sha512 CertificateVerify to tlssim's server" "Verify return code: 0 (ok)" \
  "rsa_pss_rsae_sha512 signature checked with the public key" --client-auth -- \
  -client_sigalgs rsa_pss_rsae_sha512 -cert client-rsa.pem -key client-rsa.key \
  -cert_chain intermediate-ca.pem

# against_s_server NAME WANT-IN-TLSSIM S_SERVER-ARGS -- TLSSIM-ARGS
against_s_server() {
  local name=$1 want=$2; shift 2
  local sargs=()
  while [ "$1" != -- ]; do sargs+=("$1"); shift; done
  shift
  port=$((port + 1))
  rm -f s.log
  openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
    -cert_chain intermediate-ca.pem -tls1_2 -www -naccept 1 "${sargs[@]}" </dev/null >s.log 2>&1 &
  peer_pids+=($!)
  wait_for s.log '^ACCEPT' || true
  timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" "$@" >c.log 2>&1 || true
  expect "$name" "$want" c.log
  expect "$name (completes)" "result: ok" c.log
}

# ServerKeyExchange: s_server signs with rsa_pss_rsae_sha512, tlssim's client checks it.
against_s_server "rsa_pss_rsae_sha512 from openssl s_server" \
  "rsa_pss_rsae_sha512 signature checked with the public key" -sigalgs rsa_pss_rsae_sha512 --
# CertificateVerify: tlssim's client signs with the only scheme s_server asks for.
against_s_server "rsa_pss_rsae_sha512 CertificateVerify from tlssim's client" \
  "rsa_pss_rsae_sha512(private_key" -Verify 1 -verify_return_error -CAfile root-ca.pem \
  -client_sigalgs rsa_pss_rsae_sha512 -- --client-auth

echo "signature schemes with openssl: $((cases - failures)) of $cases as expected"
[ "$failures" -eq 0 ]
