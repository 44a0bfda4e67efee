#!/usr/bin/env bash
# A capture shows what crossed the wire, after a fault changed it on the way: the
# tampered record rather than the one its sender sealed, and a replayed record twice.
# tshark reads the capture; the trace's JSON says what each side sent.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh" # the demo PKI in a temporary directory, cleaned up
d="$peer_dir/out"
mkdir -p "$d"
verdict() { if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi; }
# client_stream PCAP: the client's TCP payload, as one hex string.
client_stream() {
  tshark -r "$1" -T fields -e tcp.srcport -e tcp.payload 2>/dev/null | awk '$1 != 443 { printf "%s", $2 }'
}
count() { grep -o -- "$2" <<<"$1" | wc -l; }

"$TLSSIM" run --seed 5 --fault tamper-appdata --quiet --json "$d/t.json" --pcap "$d/t.pcap" >/dev/null || true
sent=$(jq -r '.events[] | select(.kind == "record" and .actor == "client" and (.title | test("application data"))) | .bytes' "$d/t.json")
changed=$(jq -r '.events[] | select(.actor == "attacker" and (.title | test("tamper-appdata"))) | .bytes' "$d/t.json")
wire=$(client_stream "$d/t.pcap")
st=0
[ -n "$sent" ] && [ -n "$changed" ] && [ "$sent" != "$changed" ] || st=1
[ "$(count "$wire" "$changed")" = 1 ] && [ "$(count "$wire" "$sent")" = 0 ] || st=1
verdict "tamper-appdata: the capture holds the flipped record, not the one the client sealed" $st

"$TLSSIM" run --seed 5 --fault replay-record --quiet --json "$d/r.json" --pcap "$d/r.pcap" >/dev/null || true
finished=$(jq -r '[.events[] | select(.kind == "record" and .actor == "client" and (.title | test("Finished")))][0].bytes' "$d/r.json")
wire=$(client_stream "$d/r.pcap")
st=0; [ "$finished" != null ] && [ "$(count "$wire" "$finished")" = 2 ] || st=1
verdict "replay-record: the client's Finished record crosses the wire twice" $st

"$TLSSIM" run --seed 5 --quiet --json "$d/o.json" --pcap "$d/o.pcap" >/dev/null
records=$(jq -r '[.events[] | select(.kind == "record" and .actor == "client") | .bytes] | join("")' "$d/o.json")
st=0; [ "$(client_stream "$d/o.pcap")" = "$records" ] || st=1
verdict "without faults: the client's stream is exactly its records, in order" $st

# A man in the middle makes two connections, each its own session: the capture holds
# both (the client's from port 50000, the attacker's from 50001), the key log names
# each by its client random, and tshark decrypts both ends of both.
"$TLSSIM" run --seed 5 --fault mitm-anon --quiet --json "$d/m.json" --pcap "$d/m.pcap" --keylog "$d/m.keys" >/dev/null
st=0
[ "$(wc -l <"$d/m.keys")" = 2 ] && [ "$(cut -d' ' -f2 "$d/m.keys" | sort -u | wc -l)" = 2 ] || st=1
fields=$(tshark -r "$d/m.pcap" -o "tls.keylog_file:$d/m.keys" -T fields -e tcp.stream -e tls.handshake.type \
  -e http.request.method -e http.response.code 2>/dev/null)
for stream in 0 1; do
  mine=$(awk -F'\t' -v s="$stream" '$1 == s' <<<"$fields")
  [ "$(grep -cE $'^[0-9]+\t([0-9,]*,)?20(,|\t)' <<<"$mine")" = 2 ] || st=1 # both Finished
  grep -qP '\tGET\t' <<<"$mine" && grep -qP '\t200$' <<<"$mine" || st=1
done
[ "$(awk -F'\t' '{ print $1 }' <<<"$fields" | sort -u | tr -d '\n')" = 01 ] || st=1
records=$(jq -r '[.events[] | select(.kind == "record" and .actor == "client") | .bytes] | join("")' "$d/m.json")
wire=$(tshark -r "$d/m.pcap" -Y 'tcp.srcport == 50000' -T fields -e tcp.payload 2>/dev/null | tr -d '\n')
[ "$wire" = "$records" ] || st=1 # the client's connection carries what the client sent
verdict "mitm-anon: two connections in the capture, each decrypted with its own key log line" $st

# Over TCP the capture holds both directions as they arrived: the real server's
# flights too, which tshark decrypts with the key log.
port=$((port + 1))
rm -f s.log # a stale log would tell wait_for the new peer listens
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -cert_chain intermediate-ca.pem -tls1_2 -www -naccept 1 </dev/null >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
st=0
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet --pcap "$d/c.pcap" --keylog "$d/c.keys" >/dev/null || st=1
types=$(tshark -r "$d/c.pcap" -o "tls.keylog_file:$d/c.keys" -T fields -e tcp.srcport -e tls.handshake.type 2>/dev/null)
grep -qE '^443[[:space:]]+2(,|$)' <<<"$types" || st=1 # ServerHello, from the real server (port 443 in captures)
[ "$(grep -cE '(^|[[:space:],])20($|[[:space:],])' <<<"$types")" -ge 2 ] || st=1 # both Finished decrypted
verdict "--connect: the capture has the real server's flights, and tshark decrypts both Finished" $st
[ "$failures" -eq 0 ]
