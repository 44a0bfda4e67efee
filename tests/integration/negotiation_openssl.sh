#!/usr/bin/env bash
# Negotiation against real peers, with OpenSSL on the other end over 127.0.0.1:
# failures end with the alert the RFC requires, and tlssim's result line names it (no
# shared suite, no usable signature scheme, an old protocol version); --suite and
# --group restrict what tlssim's client offers and what its server accepts, and the
# server picks by its own order of preference.
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
  -cert_chain intermediate-ca.pem -tls1_2 -cipher AES256-SHA256 -naccept 1 <&"$peer_idle" >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet >c.log 2>&1 || true
expect "no shared suite (tlssim client)" "result: alert handshake_failure(40) sent by server" c.log

# s_client offers no suite tlssim's server accepts: tlssim sends handshake_failure.
start_tlssim_server t.log
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -cipher AES256-SHA256 </dev/null >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "no shared suite (tlssim server)" "result: alert handshake_failure(40) sent by server" t.log
expect "no shared suite (openssl sees it)" "alert handshake failure" o.log

# s_client speaks TLS 1.1 at most: tlssim's server sends protocol_version.
start_tlssim_server t.log
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "old version (tlssim server)" "result: alert protocol_version(70) sent by server" t.log

# s_client offers only signature schemes tlssim cannot make (SHA-224): like OpenSSL's
# s_server, tlssim's server decides before ServerHello and sends handshake_failure
# with nothing else: no ServerHello, no Certificate.
port=$((port + 1))
rm -f s.log
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -sigalgs RSA+SHA256 -naccept 1 <&"$peer_idle" >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -msg -sigalgs RSA+SHA224 \
  -cipher ECDHE-RSA-AES128-GCM-SHA256 </dev/null >ref.log 2>&1 || true
expect "unusable signature schemes (openssl s_server, the reference)" "alert handshake failure" ref.log
start_tlssim_server t.log
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -msg -sigalgs RSA+SHA224 \
  -cipher ECDHE-RSA-AES128-GCM-SHA256 </dev/null >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "unusable signature schemes (tlssim server)" "result: alert handshake_failure(40) sent by server" t.log
expect "unusable signature schemes (openssl sees it)" "alert handshake failure" o.log
absent() { # NAME PATTERN FILE
  cases=$((cases + 1))
  if grep -q "$2" "$3"; then echo "FAIL  $1: found '$2'"; grep "$2" "$3" | head -3 | sed 's/^/      /'; failures=$((failures + 1)); else echo "ok    $1: no '$2'"; fi
}
absent "openssl s_server decides before ServerHello" "<<< TLS 1.2, Handshake.*ServerHello" ref.log
absent "tlssim decides before ServerHello" "<<< TLS 1.2, Handshake.*ServerHello" o.log
absent "tlssim sends no Certificate first" "<<< TLS 1.2, Handshake.*Certificate" o.log

# The client's --suite restricts its offer: s_server prefers its own first suite
# (-serverpref), which tlssim's client must not offer.
port=$((port + 1))
rm -f s.log
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -serverpref -www -naccept 1 \
  -cipher ECDHE-RSA-AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA <&"$peer_idle" >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet --suite TLS_RSA_WITH_AES_128_CBC_SHA \
  --suite TLS_RSA_WITH_AES_256_GCM_SHA384 >c.log 2>&1 || true
expect "--suite twice restricts the offer (tlssim client)" "result: ok TLS_RSA_WITH_AES_256_GCM_SHA384" c.log

# The client's --group restricts its offer the same way.
port=$((port + 1))
rm -f s.log
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -serverpref -www -naccept 1 -groups x25519:P-384 <&"$peer_idle" >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --group secp384r1 >c.log 2>&1 || true
expect "--group restricts the offer (tlssim client)" "pre_master_secret = secp384r1(" c.log
expect "--group restricts the offer (the run completes)" "result: ok" c.log

# The server's --suite, given twice, is the set it accepts, the first preferred: s_client
# prefers a suite outside it, then offers both of the set in the other order.
start_tlssim_server t.log --suite TLS_RSA_WITH_AES_256_CBC_SHA --suite TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
printf 'GET / HTTP/1.1\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -ign_eof \
  -cipher ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES256-SHA >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "--suite set on the server (openssl sees its choice)" "Cipher is AES256-SHA" o.log
expect "--suite set on the server (tlssim)" "result: ok TLS_RSA_WITH_AES_256_CBC_SHA" t.log

# Without --suite the server takes the first of its own order that the client offers,
# not the client's favourite.
start_tlssim_server t.log
printf 'GET / HTTP/1.1\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -ign_eof \
  -cipher AES128-SHA:DHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384 >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "server preference (openssl sees it)" "Cipher is ECDHE-ECDSA-AES256-GCM-SHA384" o.log

# The server's --group: the set it accepts, whatever the client prefers.
start_tlssim_server t.log --group secp256r1 --group secp384r1
printf 'GET / HTTP/1.1\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -ign_eof \
  -groups x25519:P-384:P-256 >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "--group set on the server (openssl sees its choice)" "Server Temp Key: ECDH, prime256v1" o.log
start_tlssim_server t.log --group secp384r1
timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -groups x25519:P-256 \
  -cipher ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256 </dev/null >o.log 2>&1 || true
wait "$tlssim_pid" 2>/dev/null || true
expect "no shared group (tlssim server)" "result: alert handshake_failure(40) sent by server" t.log

echo "negotiation: $((cases - failures)) of $cases as expected"
[ "$failures" -eq 0 ]
