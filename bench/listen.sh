#!/usr/bin/env bash
# tlssim's server over TCP, measured (figures only, nothing asserted):
#  1. handshakes per second of `tlssim run --listen` beside `openssl s_server` under
#     the same client load: CLIENTS parallel `openssl s_time -new` (a full handshake
#     per connection; then again with -www /, a request and the answer too; s_server
#     answers with its status page), SECONDS_EACH seconds each, same
#     suite (ECDHE-RSA-AES128-GCM-SHA256), group (x25519) and certificate; the two
#     servers take turns for ROUNDS rounds in the same run. Both servers are one
#     process on one thread.
#  2. memory per open connection: VmRSS of the listener with OPEN connections
#     idle before their ClientHello, then with OPEN openssl clients idle after a
#     completed handshake (each holds its trace), over the listener's RSS at rest.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
tlssim="$PWD/$build/tlssim"
clients=${CLIENTS:-4}
secs=${SECONDS_EACH:-5}
rounds=${ROUNDS:-3}
open=${OPEN:-50}
d=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$d"; }
trap cleanup EXIT
"$tlssim" pki --out "$d" >/dev/null
cd "$d"
# The OpenSSL peers read a FIFO that this script holds open and never writes: they
# stay idle, and no helper process is left behind.
mkfifo idle
exec 9<>idle
port=$((20000 + RANDOM % 20000))

wait_log() { for _ in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
wait_fds() { # PID N: until the process holds N sockets
  for _ in $(seq 400); do
    [ "$(find "/proc/$1/fd" -lname 'socket:*' 2>/dev/null | wc -l)" -ge "$2" ] && return 0
    sleep 0.05
  done
  return 1
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# load PORT [-www /]: CLIENTS s_time processes at once; prints the total connections
# per second. Without -www a client closes right after the handshake (the servers
# see a peer closing); with it, each connection also carries a request and its answer.
load() {
  local outs=() port=$1; shift
  rm -f st*.log
  for ((c = 0; c < clients; c++)); do
    openssl s_time -connect "127.0.0.1:$port" -new "$@" -time "$secs" >"st$c.log" 2>&1 &
    outs+=($!)
  done
  for p in "${outs[@]}"; do wait "$p" || true; done
  # "N connections in S real seconds, ...": the sum over the clients, per second.
  cat st*.log | awk '/connections in/ && /real seconds/ { n += $1; t = $4 } END { if (t > 0) printf "%.1f", n / t; else print "0" }'
}

port=$((port + 1)); tport=$port
"$tlssim" run --listen "$tport" --quiet --timeout 60 >tlssim.log 2>&1 &
tpid=$!; pids+=("$tpid")
wait_log tlssim.log listening
port=$((port + 1)); oport=$port
openssl s_server -accept "127.0.0.1:$oport" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -groups X25519 -www -quiet <idle >ossl.log 2>&1 &
pids+=($!)
for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$oport") 2>/dev/null && break; sleep 0.05; done

# rate LABEL S_TIME_ARGS...: alternating rounds, then the median ratio.
rate() {
  local label=$1; shift
  echo "handshakes per second, $clients parallel 'openssl s_time -new $*' clients, ${secs} s per turn ($label)"
  local ratios=() ours theirs ratio r
  for ((r = 1; r <= rounds; r++)); do
    ours=$(load "$tport" "$@")
    theirs=$(load "$oport" "$@")
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
    ratios+=("$ratio")
    printf 'round %d: tlssim --listen %7.1f hs/s   openssl s_server %7.1f hs/s   ratio %s\n' "$r" "$ours" "$theirs" "$ratio"
  done
  echo "ratio tlssim/openssl: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }') (median of $rounds rounds)"
}
rate "handshake only"
rate "a request and its answer" -www /
kill -INT "$tpid"; wait "$tpid" || true
tail -1 tlssim.log

# Memory: a fresh listener, at rest, then with connections open.
port=$((port + 1))
"$tlssim" run --listen "$port" --quiet --timeout 120 >mem.log 2>&1 &
mpid=$!; pids+=("$mpid")
wait_log mem.log listening
base=$(rss_kb "$mpid")
fds=()
for ((i = 0; i < open; i++)); do exec {fd}<>"/dev/tcp/127.0.0.1/$port"; fds+=("$fd"); done
wait_fds "$mpid" $((open + 1))
idle=$(rss_kb "$mpid")
for fd in "${fds[@]}"; do exec {fd}>&-; done
wait_log mem.log "summary" || true
for _ in $(seq 200); do [ "$(grep -c '^result:' mem.log)" -ge "$open" ] && break; sleep 0.05; done
after_idle=$(rss_kb "$mpid")
for ((i = 0; i < open; i++)); do
  openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem <idle >"c$i.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 600); do [ "$(grep -l 'SSL handshake has read' c*.log 2>/dev/null | wc -l)" -ge "$open" ] && break; sleep 0.05; done
done_hs=$(grep -l 'SSL handshake has read' c*.log 2>/dev/null | wc -l)
held=$(rss_kb "$mpid")
printf 'listener VmRSS at rest: %d KiB\n' "$base"
printf '%d connections open before their ClientHello: %d KiB, %.1f KiB per connection\n' \
  "$open" "$idle" "$(awk -v a="$idle" -v b="$base" -v n="$open" 'BEGIN { print (a - b) / n }')"
printf '%d connections open after a completed handshake (%d of %d done): %d KiB, %.1f KiB per connection over the RSS before them (%d KiB)\n' \
  "$open" "$done_hs" "$open" "$held" "$(awk -v a="$held" -v b="$after_idle" -v n="$open" 'BEGIN { print (a - b) / n }')" "$after_idle"
kill -INT "$mpid"; wait "$mpid" || true
tail -1 mem.log
