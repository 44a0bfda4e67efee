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
# shellcheck source=tests/lib/tshark_batch.sh
. "$(dirname "$0")/../lib/tshark_batch.sh"
. "$(dirname "$0")/../lib/openssl_peers.sh"
verdict() { # NAME OK? LOG
  cases=$((cases + 1))
  if [ "$2" = yes ]; then echo "ok    $1"; else echo "FAIL  $1"; sed 's/^/      /' "$3" | tail -12; failures=$((failures + 1)); fi
}
# tshark starts slowly (0.6 s of CPU), so it runs twice in all, after every case,
# over the merge of all captures (tests/lib/tshark_batch.sh): each case runs, checks
# what needs no tshark, keeps its files in a directory of its own and queues its
# capture and the rest of its checks (`later FUNCTION ARGS...`, called with $base,
# the tcp.stream number of its capture's first connection in the merge).
tshark_batch_init batch
pending=() pending_case=() ncase=0
later() { pending+=("$(printf '%q ' "$@")"); pending_case+=("$tshark_batch_n"); }
# case_dir: a new directory for the next case's files; sets $cdir.
case_dir() { ncase=$((ncase + 1)); cdir=case$ncase; mkdir -p "$cdir"; }
# stream_has STREAM PATTERN: the decrypted TLS of that connection of the merge holds
# the text (follow.K, written below from one tshark run).
stream_has() { grep -aq "$2" "follow.$1" 2>/dev/null; }
# types STREAM: the handshake message types tshark reads in that connection, one
# record per word ("2,11,12,14" is a record of four).
types() { awk -v s="$1" '$1 == s {printf "%s ", $2}' types.txt; }

# in_process KIND: `tlssim run --resume KIND` in one process; its capture holds two TCP
# streams that tshark decrypts with the key log, the second an abbreviated handshake.
in_process() {
  local kind=$1 ok=yes
  case_dir
  "$TLSSIM" run --resume "$kind" --pcap "$cdir/p.pcap" --keylog "$cdir/p.keys" >"$cdir/p.log" 2>&1 || ok=no
  [ "$(wc -l <"$cdir/p.keys")" = 2 ] && [ "$(cut -d' ' -f3 "$cdir/p.keys" | sort -u | wc -l)" = 1 ] || ok=no
  tshark_batch_add "$cdir/p.pcap" "$cdir/p.keys"
  later in_process_end "$kind" "$cdir" "$ok"
}
in_process_end() { # KIND DIR OK
  local kind=$1 dir=$2 ok=$3 s
  for s in $base $((base + 1)); do
    stream_has $s "GET / HTTP/1.1" && stream_has $s "Hello from tlssim" || ok=no
  done
  # The second has no Certificate (11) and no ClientKeyExchange (16).
  local s0 s1
  s0=$(types $base); s1=$(types $((base + 1)))
  case $s0 in *"2,11,12,14"*"16,20"*) ;; *) ok=no ;; esac
  case $s1 in *11*|*16*) ok=no ;; esac
  case $s1 in "1 2,4,20 20 ") ;; "1 2,20 20 ") ;; *) ok=no ;; esac
  echo "tshark: stream 0: $s0; stream 1: $s1" >>"$dir/p.log"
  verdict "tlssim run --resume $kind: both connections decrypted by tshark" $ok "$dir/p.log"
}
in_process ticket
in_process id

# against_s_server NAME "S_SERVER ARGS" "TLSSIM ARGS" EXPECT: EXPECT is "ticket", "id" or
# "none" (the server names no session: nothing to resume).
against_s_server() {
  local name=$1 sargs=$2 targs=$3 expect=$4
  port=$((port + 1))
  case_dir
  rm -f s.log
  # shellcheck disable=SC2086
  openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
    -cert_chain intermediate-ca.pem -tls1_2 -www -naccept 2 $sargs </dev/null >s.log 2>&1 &
  peer_pids+=($!)
  wait_for s.log '^ACCEPT' || true
  local ok=yes c=$cdir/c
  # shellcheck disable=SC2086
  timeout 30 "$TLSSIM" run --connect "127.0.0.1:$port" --resume $targs --pcap $c.pcap \
    --keylog $c.keys >$c.log 2>&1 || ok=no
  case $expect in
    ticket) grep -q "resumes the session from the ticket" $c.log || ok=no ;;
    id) grep -q "resumes the session from its cache" $c.log || ok=no ;;
    none) { grep -q "session not resumable" $c.log && ! grep -q "verify  resumption$" $c.log; } || ok=no ;;
  esac
  # One key log line per connection: two client randoms; one master secret when resumed.
  [ "$(wc -l <$c.keys)" = 2 ] || ok=no
  [ "$(cut -d' ' -f2 $c.keys | sort -u | wc -l)" = 2 ] || ok=no
  local secrets; secrets=$(cut -d' ' -f3 $c.keys | sort -u | wc -l)
  if [ "$expect" = none ]; then [ "$secrets" = 2 ] || ok=no; else [ "$secrets" = 1 ] || ok=no; fi
  tshark_batch_add $c.pcap $c.keys
  later against_s_server_end "tlssim --connect --resume $targs -> openssl s_server $sargs: $name" "$expect" $c.log $ok
}
against_s_server_end() { # NAME EXPECT LOG OK
  local ok=$4
  # OpenSSL's own word on each connection, read from the decrypted capture.
  stream_has $base "New, TLSv1.2" || ok=no
  if [ "$2" = none ]; then stream_has $((base + 1)) "New, TLSv1.2" || ok=no
  else stream_has $((base + 1)) "Reused, TLSv1.2" || ok=no; fi
  verdict "$1" $ok "$3"
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
  case_dir
  local l=$cdir/l
  rm -f sess.pem
  start_tlssim_server t.log --max-connections 2 --pcap $l.pcap --keylog $l.keys
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
  cat oo.log oi.log t.log >$cdir/pair.log
  tshark_batch_add $l.pcap $l.keys
  later s_client_pair_end "openssl s_client -sess_out/-sess_in $cargs -> tlssim --listen: $name" $cdir/pair.log $ok
}
s_client_pair_end() { # NAME LOG OK
  local ok=$3 s
  for s in $base $((base + 1)); do
    stream_has $s "GET / HTTP/1.1" && stream_has $s "Hello from tlssim" || ok=no
  done
  verdict "$1" $ok "$2"
}
# s_client_reconnect NAME "S_CLIENT ARGS": one full handshake and five resumed ones.
s_client_reconnect() {
  local name=$1 cargs=$2
  case_dir
  local l=$cdir/l
  start_tlssim_server t.log --max-connections 6 --pcap $l.pcap --keylog $l.keys
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
  [ "$(wc -l <$l.keys)" = 6 ] && [ "$(cut -d' ' -f3 $l.keys | sort -u | wc -l)" = 1 ] || ok=no
  [ "$(cut -d' ' -f2 $l.keys | sort -u | wc -l)" = 6 ] || ok=no
  cat r.log t.log >$cdir/rec.log
  tshark_batch_add $l.pcap $l.keys
  later s_client_reconnect_end "openssl s_client -reconnect $cargs -> tlssim --listen: $name" $cdir/rec.log $ok
}
s_client_reconnect_end() { # NAME LOG OK
  local ok=$3 s finished=0
  # Both Finished messages of every connection decrypt (they travel encrypted): two
  # records holding a Finished (20) in each of the six connections.
  for ((s = base; s < base + 6; s++)); do
    [ "$(awk -v s=$s '$1 == s && $2 ~ /(^|,)20(,|$)/' types.txt | wc -l)" = 2 ] && finished=$((finished + 1))
  done
  [ "$finished" = 6 ] || ok=no
  stream_has $((base + 5)) "Hello from tlssim" || ok=no
  verdict "$1" $ok "$2"
}
s_client_pair "ticket" ""
s_client_pair "session id" "-no_ticket"
s_client_reconnect "ticket" ""
s_client_reconnect "session id" "-no_ticket"

# tshark, twice over the merge of every capture: the handshake message types of each
# record (-Y tls.handshake: records tshark could read, decrypted where encrypted),
# and the decrypted TLS of every connection, each into follow.K (tshark prints them
# in any order, each under "Filter: tcp.stream eq K").
tshark_batch_run types.txt -Y tls.handshake -T fields -e tcp.stream -e tls.handshake.type || true
follow=()
for ((k = 0; k < tshark_batch_streams; k++)); do follow+=(-z "follow,tls,ascii,$k"); done
rm -f follow.*
tshark_batch_run decrypted.txt -q "${follow[@]}" || true
awk '/^Filter: tcp.stream eq / { out = "follow." $4 } out { print > out }' decrypted.txt
for i in "${!pending[@]}"; do
  base=${tshark_batch_stream[pending_case[i]]:-none}
  eval "${pending[i]}"
done

echo "resume_openssl: $((cases - failures)) of $cases passed"
[ "$failures" -eq 0 ]
