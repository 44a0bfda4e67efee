#!/usr/bin/env bash
# `tlssim run --listen` as a lab server, against `openssl s_client`: one listener
# serves 100 handshakes one after another and 20 at once, each reported with its
# client's address, and Ctrl-C ends it with a summary and status 0; --max-connections
# ends it by itself; the capture, key log and JSON hold every connection (tshark
# decrypts each stream). A client that closes, sends half a record header, sends
# close_notify early or stays silent is reported as what it did (closed, timeout:
# exit status 4), never as an alert nobody sent, and the server goes on serving.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"


# start_listener LOG ARGS...: a listener in the background on a free port; sets
# $port and $srv. Another test may hold the port: then the next one is tried.
start_listener() {
  local log=$1; shift
  for _ in 1 2 3 4 5; do
    port=$((port + 1))
    rm -f "$log"
    "$TLSSIM" run --listen "$port" "$@" >"$log" 2>&1 &
    srv=$!
    peer_pids+=("$srv")
    for _ in $(seq 200); do
      grep -q 'listening on' "$log" 2>/dev/null && return 0
      kill -0 "$srv" 2>/dev/null || break
      sleep 0.05
    done
  done
  echo "cannot start the listener:"; cat "$log"; exit 1
}

# wait_count LOG PATTERN N: until LOG has N lines matching PATTERN (30 s at most).
wait_count() {
  for _ in $(seq 600); do
    [ "$(grep -c -- "$2" "$1" 2>/dev/null || true)" -ge "$3" ] && return 0
    sleep 0.05
  done
  return 1
}

handshake() { # OUT: one handshake and a request; true when tlssim's page came back
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 \
    -CAfile root-ca.pem -verify_return_error -verify_hostname server.test -servername server.test \
    -ign_eof >"$1" 2>&1 || true
  # Read by bash itself: a grep per handshake would cost 10-30 ms of CPU 120 times.
  local l
  while IFS= read -r l || [ -n "$l" ]; do [[ $l == *"Hello from tlssim's server"* ]] && return 0; done <"$1"
  return 1
}

# --- 100 one after another, then 20 at once, then Ctrl-C --------------------------
start_listener many.log --quiet
ok=0
for i in $(seq 100); do handshake seq.out && ok=$((ok + 1)); done
check "100 sequential s_client handshakes against one listener: $ok ok" "$([ $ok = 100 ] && echo yes)" seq.out
pids=()
for i in $(seq 20); do handshake "par$i.out" & pids+=($!); done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
check "20 concurrent s_client handshakes against the same listener: $ok ok" "$([ $ok = 20 ] && echo yes)"
wait_count many.log '^result: ok ' 120 || true
kill -INT "$srv"
st=0; wait "$srv" || st=$?
check "Ctrl-C ends the listener with status 0 (got $st)" "$([ $st = 0 ] && echo yes)" many.log
check "one result line per connection, each naming its client" \
  "$([ "$(grep -c '^result: ok TLS_[A-Z0-9_]* (client 127\.0\.0\.1:[0-9]*)$' many.log)" = 120 ] && echo yes)" many.log
check "the summary counts them" \
  "$(grep -qx 'summary: 120 connections: 120 ok, 0 alert, 0 closed, 0 timeout (interrupted)' many.log && echo yes)" many.log

# --- --max-connections, and every connection in one capture, key log, JSON --------
start_listener two.log --quiet --max-connections 2 --json two.json --pcap two.pcap --keylog two.keys
handshake a.out || true
handshake b.out || true
st=0; wait "$srv" || st=$?
check "--max-connections 2: the listener ends after two, with the last one's status (got $st)" \
  "$([ $st = 0 ] && echo yes)" two.log
peers=$(jq -r '[.connections[].peer] | unique | length' two.json 2>/dev/null || echo 0)
oks=$(jq -r '[.connections[].result.outcome] | map(select(. == "ok")) | length' two.json 2>/dev/null || echo 0)
check "the JSON holds both connections, each with its own peer and result" \
  "$([ "$peers" = 2 ] && [ "$oks" = 2 ] && [ "$(jq -r .summary.connections two.json)" = 2 ] && echo yes)" two.json
check "the key log has a line for each connection" "$([ "$(grep -c '^CLIENT_RANDOM ' two.keys)" = 2 ] && echo yes)" two.keys
if command -v tshark >/dev/null; then
  # One tshark run (it takes 0.6 s of CPU to start): per packet its stream, whether
  # it holds an HTTP response, and the client port of each SYN.
  tshark -r two.pcap -o tls.keylog_file:two.keys -T fields -E occurrence=f -e tcp.stream -e http.response \
    -e tcp.flags.syn -e tcp.flags.ack -e tcp.srcport >two.fields 2>/dev/null || true
  streams=$(awk -F'\t' '$2 != "" { print $1 }' two.fields | sort -u | wc -l)
  ports=$(awk -F'\t' '$3 == 1 && $4 == 0 { print $5 }' two.fields | sort -u | wc -l)
  check "tshark decrypts the response in each of the capture's 2 TCP streams (got $streams, $ports client ports)" \
    "$([ "$streams" = 2 ] && [ "$ports" = 2 ] && echo yes)"
fi

# --- clients that go away: true result lines, exit 4, and the server goes on -------
start_listener bad.log --quiet --timeout 2 --max-connections 5
exec 3<>"/dev/tcp/127.0.0.1/$port"; exec 3>&-
wait_count bad.log '^result: closed: the client closed the connection without an alert' 1 || true
check "a client that closes at once: result: closed" \
  "$(grep -q '^result: closed: the client closed the connection without an alert before the exchange finished (client 127' bad.log && echo yes)" bad.log
exec 3<>"/dev/tcp/127.0.0.1/$port"; printf '\026\003\001' >&3; exec 3>&-
wait_count bad.log "record header's 5 bytes" 1 || true
check "a client that closes after 3 bytes of a record header: result: closed, saying so" \
  "$(grep -q "^result: closed: the client closed the connection after 3 of a record header's 5 bytes" bad.log && echo yes)" bad.log
# A ClientHello (tlssim's own, taken from its JSON), then close_notify (RFC 5246 7.2.1).
hello=$("$TLSSIM" run --seed 1 --json - | jq -r '[.events[] | select(.kind == "record" and .actor == "client")][0].bytes')
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf "$(sed 's/../\\x&/g' <<<"$hello")\\x15\\x03\\x03\\x00\\x02\\x01\\x00" >&3
wait_count bad.log 'sent close_notify before' 1 || true
exec 3>&-
check "a client that sends close_notify in the middle of the handshake: result: closed, not internal_error" \
  "$(grep -q '^result: closed: the client sent close_notify before the exchange finished' bad.log && ! grep -q internal_error bad.log && echo yes)" bad.log
exec 3<>"/dev/tcp/127.0.0.1/$port"
wait_count bad.log '^result: timeout' 1 || true
exec 3>&-
check "a silent client: result: timeout after --timeout 2" \
  "$(grep -q '^result: timeout: the exchange did not finish within 2 s (--timeout) (client 127' bad.log && echo yes)" bad.log
handshake after.out && ok=yes || ok=no
check "after four failed connections the server still serves a handshake" "$ok" after.out
st=0; wait "$srv" || st=$?
check "the last connection was ok: status 0 (got $st)" "$([ $st = 0 ] && echo yes)" bad.log
check "the summary counts what happened" \
  "$(grep -qx 'summary: 5 connections: 1 ok, 0 alert, 3 closed, 1 timeout' bad.log && echo yes)" bad.log

start_listener one.log --quiet --max-connections 1
exec 3<>"/dev/tcp/127.0.0.1/$port"; exec 3>&-
st=0; wait "$srv" || st=$?
check "a connection that ended without an alert: exit status 4 (got $st)" "$([ $st = 4 ] && echo yes)" one.log

# --- tlssim's client against servers that close or stay silent ----------------------
# silent_peer MODE: a TCP server that accepts one connection and closes it, or says nothing.
silent_peer() {
  port=$((port + 1))
  rm -f peer.log
  python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen()
print("listening", flush=True)
c, _ = s.accept()
if sys.argv[2] == "silent":
    c.settimeout(20)
    try:
        while c.recv(65536):
            pass
    except OSError:
        pass
c.close()
' "$port" "$1" >peer.log 2>&1 &
  peer_pids+=($!)
  wait_for peer.log listening
}
if command -v python3 >/dev/null; then
  silent_peer silent
  st=0; timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --timeout 1 --quiet >c.log 2>&1 || st=$?
  check "--connect to a silent server: result: timeout, exit 4 (got $st)" \
    "$([ $st = 4 ] && grep -q '^result: timeout: the exchange did not finish within 1 s' c.log && echo yes)" c.log
  silent_peer close
  st=0; timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet >c.log 2>&1 || st=$?
  check "--connect to a server that closes: result: closed, exit 4 (got $st)" \
    "$([ $st = 4 ] && grep -q '^result: closed: the server \(closed\|reset\) the connection' c.log && echo yes)" c.log
fi

echo "listen server: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
