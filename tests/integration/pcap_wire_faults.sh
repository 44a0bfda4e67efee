#!/usr/bin/env bash
# A capture shows what crossed the wire, after a fault changed it on the way: the
# tampered record rather than the one its sender sealed, and a replayed record twice.
# tshark reads the capture; the trace's JSON says what each side sent.
set -euo pipefail
# shellcheck source=tests/lib/tshark_batch.sh
. "$(dirname "$0")/../lib/tshark_batch.sh"
. "$(dirname "$0")/../lib/openssl_peers.sh" # the demo PKI in a temporary directory, cleaned up
d="$peer_dir/out"
mkdir -p "$d"
verdict() { if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi; }
count() { grep -o -- "$2" <<<"$1" | wc -l; }

# tshark starts slowly (0.6 s of CPU): every case runs first, its capture queued, then
# one tshark run reads them all (tests/lib/tshark_batch.sh), then each case's checks.
# Per packet: its stream, source port, TCP payload, handshake types, HTTP fields.
tshark_batch_init "$d/batch"
# stream_rows N [K]: the rows of connection K (0 by default) of capture N.
stream_rows() { awk -F'\t' -v s=$((${tshark_batch_stream[$1]:-999999} + ${2:-0})) '$1 == s' "$d/all.txt"; }
# client_stream N: the client's TCP payload in capture N, as one hex string.
client_stream() { stream_rows "$1" | awk -F'\t' '$2 != 443 { printf "%s", $3 }'; }

"$TLSSIM" run --seed 5 --fault tamper-appdata --quiet --json "$d/t.json" --pcap "$d/t.pcap" >/dev/null || true
tshark_batch_add "$d/t.pcap"; n_t=$tshark_batch_n
"$TLSSIM" run --seed 5 --fault replay-record --quiet --json "$d/r.json" --pcap "$d/r.pcap" >/dev/null || true
tshark_batch_add "$d/r.pcap"; n_r=$tshark_batch_n
"$TLSSIM" run --seed 5 --quiet --json "$d/o.json" --pcap "$d/o.pcap" >/dev/null
tshark_batch_add "$d/o.pcap"; n_o=$tshark_batch_n
"$TLSSIM" run --seed 5 --fault mitm-anon --quiet --json "$d/m.json" --pcap "$d/m.pcap" --keylog "$d/m.keys" >/dev/null
tshark_batch_add "$d/m.pcap" "$d/m.keys"; n_m=$tshark_batch_n
# Over TCP: tlssim's client against a real server.
port=$((port + 1))
rm -f s.log # a stale log would tell wait_for the new peer listens
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -www -naccept 1 </dev/null >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
c_ok=0
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet --pcap "$d/c.pcap" --keylog "$d/c.keys" >/dev/null || c_ok=1
tshark_batch_add "$d/c.pcap" "$d/c.keys"; n_c=$tshark_batch_n
tshark_batch_run "$d/all.txt" -T fields -e tcp.stream -e tcp.srcport -e tcp.payload -e tls.handshake.type \
  -e http.request.method -e http.response.code || true

sent=$(jq -r '.events[] | select(.kind == "record" and .actor == "client" and (.title | test("application data"))) | .bytes' "$d/t.json")
changed=$(jq -r '.events[] | select(.actor == "attacker" and (.title | test("tamper-appdata"))) | .bytes' "$d/t.json")
wire=$(client_stream $n_t)
st=0
[ -n "$sent" ] && [ -n "$changed" ] && [ "$sent" != "$changed" ] || st=1
[ "$(count "$wire" "$changed")" = 1 ] && [ "$(count "$wire" "$sent")" = 0 ] || st=1
verdict "tamper-appdata: the capture holds the flipped record, not the one the client sealed" $st

finished=$(jq -r '[.events[] | select(.kind == "record" and .actor == "client" and (.title | test("Finished")))][0].bytes' "$d/r.json")
wire=$(client_stream $n_r)
st=0; [ "$finished" != null ] && [ "$(count "$wire" "$finished")" = 2 ] || st=1
verdict "replay-record: the client's Finished record crosses the wire twice" $st

records=$(jq -r '[.events[] | select(.kind == "record" and .actor == "client") | .bytes] | join("")' "$d/o.json")
st=0; [ "$(client_stream $n_o)" = "$records" ] || st=1
verdict "without faults: the client's stream is exactly its records, in order" $st

# A man in the middle makes two connections, each its own session: the capture holds
# both (the client's from port 50000, the attacker's from 50001), the key log names
# each by its client random, and tshark decrypts both ends of both.
st=0
[ "$(wc -l <"$d/m.keys")" = 2 ] && [ "$(cut -d' ' -f2 "$d/m.keys" | sort -u | wc -l)" = 2 ] || st=1
for stream in 0 1; do
  mine=$(stream_rows $n_m $stream | cut -f1,4-)
  [ "$(grep -cE $'^[0-9]+\t([0-9,]*,)?20(,|\t)' <<<"$mine")" = 2 ] || st=1 # both Finished
  grep -qP '\tGET\t' <<<"$mine" && grep -qP '\t200$' <<<"$mine" || st=1
done
# Its two connections, and no more: the next stream of the merge is the next capture's.
[ "$((${tshark_batch_stream[n_m + 1]:-0} - ${tshark_batch_stream[n_m]:-0}))" = 2 ] || st=1
# The client's connection (port 50000 of the capture) carries what the client sent.
records=$(jq -r '[.events[] | select(.kind == "record" and .actor == "client") | .bytes] | join("")' "$d/m.json")
p50000=$(tshark_batch_port $n_m 50000)
wire=$(awk -F'\t' -v p="$p50000" '$2 == p { printf "%s", $3 }' "$d/all.txt")
[ "$wire" = "$records" ] || st=1
verdict "mitm-anon: two connections in the capture, each decrypted with its own key log line" $st

# Over TCP the capture holds both directions as they arrived: the real server's
# flights too, which tshark decrypts with the key log.
st=$c_ok
types=$(stream_rows $n_c | cut -f2,4)
grep -qE '^443[[:space:]]+2(,|$)' <<<"$types" || st=1 # ServerHello, from the real server (port 443 in captures)
[ "$(grep -cE '(^|[[:space:],])20($|[[:space:],])' <<<"$types")" -ge 2 ] || st=1 # both Finished decrypted
verdict "--connect: the capture has the real server's flights, and tshark decrypts both Finished" $st
[ "$failures" -eq 0 ]
