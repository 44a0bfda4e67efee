#!/usr/bin/env bash
# Session resumption against OpenSSL, both kinds, both roles, decrypted by tshark:
# - tlssim's client (`run --connect --resume`) against `openssl s_server` with
#   tickets, without (-no_ticket), and with nothing to resume from (-no_cache
#   -no_ticket: the negative control); OpenSSL's -www page says "Reused" or "New".
# - `openssl s_client -sess_out F` then `-sess_in F`, and `-reconnect`, against
#   `tlssim run --listen`, with tickets and with session ids (-no_ticket).
# Each capture (tlssim's --pcap with its --keylog) must decrypt in tshark, every
# connection of it.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"
verdict() { # NAME OK? LOG
  cases=$((cases + 1))
  if [ "$2" = yes ]; then echo "ok    $1"; else echo "FAIL  $1"; sed 's/^/      /' "$3" | tail -12; failures=$((failures + 1)); fi
}
# decrypt PCAP KEYS N: one tshark run follows the decrypted TLS of streams 0..N-1,
# each into follow.K (tshark prints them in any order, each under "Filter: tcp.stream eq K").
decrypt() {
  local args=() k
  for ((k = 0; k < $3; k++)); do args+=(-z "follow,tls,ascii,$k"); done
  rm -f follow.*
  tshark -r "$1" -o "tls.keylog_file:$2" -q "${args[@]}" 2>/dev/null |
    awk '/^Filter: tcp.stream eq / { out = "follow." $4 } out { print > out }'
}
# stream_has STREAM PATTERN: the decrypted stream (see decrypt) holds the text.
stream_has() { grep -aq "$2" "follow.$1" 2>/dev/null; }

# in_process KIND: `tlssim run --resume KIND` in one process; its capture holds two TCP
# streams that tshark decrypts with the key log, the second an abbreviated handshake.
in_process() {
  local kind=$1 ok=yes
  rm -f p.pcap p.keys
  "$TLSSIM" run --resume "$kind" --pcap p.pcap --keylog p.keys >p.log 2>&1 || ok=no
  decrypt p.pcap p.keys 2
  for s in 0 1; do
    stream_has $s "GET / HTTP/1.1" && stream_has $s "Hello from tlssim" || ok=no
  done
  # Handshake message types per stream, as tshark reads them: the second has no
  # Certificate (11) and no ClientKeyExchange (16).
  local s0 s1
  tshark -r p.pcap -o tls.keylog_file:p.keys -Y tls.handshake -T fields -e tcp.stream \
    -e tls.handshake.type >types.txt 2>/dev/null || ok=no
  s0=$(awk '$1 == 0 {printf "%s ", $2}' types.txt)
  s1=$(awk '$1 == 1 {printf "%s ", $2}' types.txt)
  case $s0 in *"2,11,12,14"*"16,20"*) ;; *) ok=no ;; esac
  case $s1 in *11*|*16*) ok=no ;; esac
  case $s1 in "1 2,4,20 20 ") ;; "1 2,20 20 ") ;; *) ok=no ;; esac
  [ "$(wc -l <p.keys)" = 2 ] && [ "$(cut -d' ' -f3 p.keys | sort -u | wc -l)" = 1 ] || ok=no
  echo "tshark: stream 0: $s0; stream 1: $s1" >>p.log
  verdict "tlssim run --resume $kind: both connections decrypted by tshark" $ok p.log
}
in_process ticket
in_process id

# against_s_server NAME "S_SERVER ARGS" "TLSSIM ARGS" EXPECT: EXPECT is "ticket", "id" or
# "none" (the server names no session: nothing to resume).
against_s_server() {
  local name=$1 sargs=$2 targs=$3 expect=$4
  port=$((port + 1))
  rm -f s.log c.pcap c.keys
  # shellcheck disable=SC2086
  openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
    -cert_chain intermediate-ca.pem -tls1_2 -www -naccept 2 $sargs </dev/null >s.log 2>&1 &
  peer_pids+=($!)
  wait_for s.log '^ACCEPT' || true
  local ok=yes
  # shellcheck disable=SC2086
  timeout 30 "$TLSSIM" run --connect "127.0.0.1:$port" --resume $targs --pcap c.pcap \
    --keylog c.keys >c.log 2>&1 || ok=no
  case $expect in
    ticket) grep -q "resumes the session from the ticket" c.log || ok=no ;;
    id) grep -q "resumes the session from its cache" c.log || ok=no ;;
    none) { grep -q "session not resumable" c.log && ! grep -q "verify  resumption$" c.log; } || ok=no ;;
  esac
  # OpenSSL's own word on each connection, read from the decrypted capture.
  decrypt c.pcap c.keys 2
  stream_has 0 "New, TLSv1.2" || ok=no
  if [ "$expect" = none ]; then stream_has 1 "New, TLSv1.2" || ok=no
  else stream_has 1 "Reused, TLSv1.2" || ok=no; fi
  # One key log line per connection: two client randoms; one master secret when resumed.
  [ "$(wc -l <c.keys)" = 2 ] || ok=no
  [ "$(cut -d' ' -f2 c.keys | sort -u | wc -l)" = 2 ] || ok=no
  local secrets; secrets=$(cut -d' ' -f3 c.keys | sort -u | wc -l)
  if [ "$expect" = none ]; then [ "$secrets" = 2 ] || ok=no; else [ "$secrets" = 1 ] || ok=no; fi
  verdict "tlssim --connect --resume $targs -> openssl s_server $sargs: $name" $ok c.log
}

against_s_server "resumed by ticket" "" "" ticket
against_s_server "resumed from the cache" "-no_ticket" "" id
against_s_server "resumed by session id" "" "id" id
against_s_server "nothing to resume: full handshake again" "-no_cache -no_ticket" "" none
# Resumption keeps the suite and skips client authentication: the session carries both.
against_s_server "with client authentication" "-Verify 1 -CAfile root-ca.pem" "--client-auth" ticket
against_s_server "RSA key transport, AES-CBC" "-cipher AES128-SHA256" \
  "--suite TLS_RSA_WITH_AES_128_CBC_SHA256" ticket
against_s_server "DHE" "-cipher DHE-RSA-AES128-GCM-SHA256" \
  "id --suite TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" id

# The other direction: one listener serves both (or all six) connections.
# s_client_pair NAME "S_CLIENT ARGS" KIND: -sess_out, then -sess_in, against one listener.
s_client_pair() {
  local name=$1 cargs=$2
  rm -f l.pcap l.keys sess.pem
  start_tlssim_server t.log --max-connections 2 --pcap l.pcap --keylog l.keys
  local ok=yes
  for step in "-sess_out sess.pem" "-sess_in sess.pem"; do
    # shellcheck disable=SC2086
    printf 'GET / HTTP/1.1\r\nHost: server.test\r\n\r\n' | timeout 20 openssl s_client \
      -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem -verify_return_error \
      -servername server.test -ign_eof $cargs $step >"o${step:6:1}.log" 2>&1 || true
  done
  wait "$tlssim_pid" 2>/dev/null || ok=no
  grep -q "^New, TLSv1.2" oo.log && grep -q "Hello from tlssim's server" oo.log || ok=no
  grep -q "^Reused, TLSv1.2" oi.log && grep -q "Hello from tlssim's server" oi.log || ok=no
  decrypt l.pcap l.keys 2
  for s in 0 1; do
    stream_has $s "GET / HTTP/1.1" && stream_has $s "Hello from tlssim" || ok=no
  done
  cat oo.log oi.log t.log >pair.log
  verdict "openssl s_client -sess_out/-sess_in $cargs -> tlssim --listen: $name" $ok pair.log
}
# s_client_reconnect NAME "S_CLIENT ARGS": one full handshake and five resumed ones.
s_client_reconnect() {
  local name=$1 cargs=$2
  rm -f l.pcap l.keys
  start_tlssim_server t.log --max-connections 6 --pcap l.pcap --keylog l.keys
  local ok=yes
  # The request goes out on the last connection, after the five reconnections.
  # shellcheck disable=SC2086
  printf 'GET / HTTP/1.1\r\nHost: server.test\r\n\r\n' | timeout 30 openssl s_client \
    -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem -verify_return_error \
    -servername server.test -ign_eof -reconnect $cargs >r.log 2>&1 || true
  wait "$tlssim_pid" 2>/dev/null || ok=no
  [ "$(grep -c '^Reused, TLSv1.2' r.log)" = 5 ] || ok=no
  grep -q "Hello from tlssim's server" r.log || ok=no
  # Six connections, six client randoms, one master secret: the first one's.
  [ "$(wc -l <l.keys)" = 6 ] && [ "$(cut -d' ' -f3 l.keys | sort -u | wc -l)" = 1 ] || ok=no
  [ "$(cut -d' ' -f2 l.keys | sort -u | wc -l)" = 6 ] || ok=no
  # Both Finished messages of every connection decrypt (they travel encrypted).
  [ "$(tshark -r l.pcap -o tls.keylog_file:l.keys -Y 'tls.handshake.type == 20' -T fields \
    -e tcp.stream 2>/dev/null | sort | uniq -c | awk '$1 == 2' | wc -l)" = 6 ] || ok=no
  decrypt l.pcap l.keys 6
  stream_has 5 "Hello from tlssim" || ok=no
  cat r.log t.log >rec.log
  verdict "openssl s_client -reconnect $cargs -> tlssim --listen: $name" $ok rec.log
}
s_client_pair "ticket" ""
s_client_pair "session id" "-no_ticket"
s_client_reconnect "ticket" ""
s_client_reconnect "session id" "-no_ticket"

echo "resume_openssl: $((cases - failures)) of $cases passed"
[ "$failures" -eq 0 ]
