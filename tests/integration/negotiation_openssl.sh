#!/usr/bin/env bash
# Negotiation failures against real peers end with the alert the RFC requires, and
# tlssim's result line names it: no shared suite and an old protocol version, in both
# roles, with OpenSSL on the other end over 127.0.0.1.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"
expect() { # NAME WANT GOT-FILE
  cases=$((cases + 1))
  if grep -qF "$2" "$3"; then echo "ok    $1: $2"; else echo "FAIL  $1: wanted '$2'"; sed 's/^/      /' "$3" | tail -5; failures=$((failures + 1)); fi
}

# tlssim's client offers no suite s_server accepts: s_server sends handshake_failure.
port=$((port + 1))
rm -f s.log # a stale log would tell wait_for the new peer listens
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -cipher AES256-SHA -naccept 1 <&"$peer_idle" >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet >c.log 2>&1 || true
expect "no shared suite (tlssim client)" "result: alert handshake_failure(40) sent by server" c.log

# s_client offers no suite tlssim's server accepts: tlssim sends handshake_failure.
start_tlssim_server t.log
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -cipher AES256-SHA </dev/null >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "no shared suite (tlssim server)" "result: alert handshake_failure(40) sent by server" t.log
expect "no shared suite (openssl sees it)" "alert handshake failure" o.log

# s_client speaks TLS 1.1 at most: tlssim's server sends protocol_version.
start_tlssim_server t.log
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "old version (tlssim server)" "result: alert protocol_version(70) sent by server" t.log

echo "negotiation failures: $((cases - failures)) of $cases as expected"
[ "$failures" -eq 0 ]
