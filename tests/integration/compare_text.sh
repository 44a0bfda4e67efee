#!/usr/bin/env bash
# tlssim compare without a terminal: RSA key transport against ECDHE-RSA. The figures
# of the summary (bytes on the wire per direction, round trips) are checked against
# what tshark reads in the capture `tlssim run --pcap` writes for the same suite and
# seed; the rows against `tlssim run --json`; ServerKeyExchange is in one run only; a
# fault that fails one run still compares; bad input is a usage error.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
failures=0 cases=0
check() { # NAME STATUS [DETAIL]
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1${3:+: $3}"; failures=$((failures + 1)); fi
}
RSA=TLS_RSA_WITH_AES_128_GCM_SHA256
ECDHE=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
seed=7
args=(--seed "$seed" --time 2026-06-01)

"$TLSSIM" compare "$RSA" "$ECDHE" "${args[@]}" >"$d/text" </dev/null
"$TLSSIM" compare "$RSA" "$ECDHE" "${args[@]}" --json - >"$d/json" </dev/null
st=0; jq -e . "$d/json" >/dev/null || st=1
check "--json - writes one JSON document, and nothing else, to stdout" $st

st=0
for f in "" rsa-pms-bad-padding eavesdrop-stolen-key cert-wrong-eku; do
  "$TLSSIM" compare "$RSA" TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 "${args[@]}" ${f:+--fault $f} >"$d/wide" </dev/null
  [ "$(wc -L <"$d/wide")" -le 80 ] || { st=1; echo "  --fault $f: $(awk 'length > 80' "$d/wide" | head -2)"; }
done
[ "$(wc -L <"$d/text")" -le 80 ] || st=1
check "the text fits 80 columns, faults and left-out faults too" $st

# ServerKeyExchange: in exactly one row, present in B only, with the size `run --json` gives.
ske_len=$("$TLSSIM" run --suite "$ECDHE" "${args[@]}" --json - |
  jq '[.events[] | select(.kind == "message" and .title == "ServerKeyExchange")][0].bytes | length / 2')
st=0
[ "$(jq '[.rows[] | select((.A.title == "ServerKeyExchange") or (.B.title == "ServerKeyExchange"))] | length' "$d/json")" = 1 ] || st=1
[ "$(jq -r '.rows[] | select(.B.title == "ServerKeyExchange") | "\(.A) \(.B.length)"' "$d/json")" = "null $ske_len" ] || st=1
jq -e '.rows[] | select(.B.title == "ServerKeyExchange") | .missing | test("RSA key transport has no ServerKeyExchange")' "$d/json" >/dev/null || st=1
grep -qE "^ -    RSA key transport has no +S->C ServerKeyExchange +$ske_len B$" "$d/text" || st=1
check "ServerKeyExchange is in run B only ($ske_len bytes), marked missing in A" $st

# Every row's step is the event of that seq in `tlssim run --json` of the same run, and
# the steps keep their order.
for side in A B; do
  suite=$([ $side = A ] && echo "$RSA" || echo "$ECDHE")
  "$TLSSIM" run --suite "$suite" "${args[@]}" --json - >"$d/run-$side.json"
  st=0
  bad=$(jq --slurpfile run "$d/run-$side.json" --arg s "$side" '
    [.rows[] | .[$s] | select(. != null)] as $steps
    | [$steps[] | . as $x | $run[0].events[$x.seq] as $e
       | select($e.title != $x.title or $e.actor != $x.actor or $e.kind != $x.kind
                or ($x.length != null and ($e.bytes | length / 2) != $x.length))]
    | length + (if ([$steps[].seq] | . == sort) then 0 else 1 end)' "$d/json")
  [ "$bad" = 0 ] || st=1
  check "run $side: each row is the event of that seq in 'tlssim run --json', in order" $st "$bad mismatches"
done

# Bytes on the wire and round trips, from the capture, read by tshark.
for side in A B; do
  suite=$([ $side = A ] && echo "$RSA" || echo "$ECDHE")
  "$TLSSIM" run --suite "$suite" "${args[@]}" --quiet --pcap "$d/$side.pcap" >/dev/null
  # Per frame: the destination port (443: to the server), the TCP payload length, and
  # the TLS content types of its records.
  tshark -r "$d/$side.pcap" -T fields -e tcp.dstport -e tcp.len -e tls.record.content_type \
    2>/dev/null >"$d/$side.frames"
  read -r c2s s2c <<<"$(awk -F'\t' '{ if ($1 == 443) c += $2; else s += $2 } END { print c + 0, s + 0 }' "$d/$side.frames")"
  # A flight: frames of handshake (22) or change_cipher_spec (20) records from one side,
  # until the other side sends; the server's flights are the round trips.
  trips=$(awk -F'\t' '$2 > 0 && $3 ~ /^(2[02],?)+$/ {
      dir = ($1 == 443) ? "c" : "s"; if (dir != last && dir == "s") n++; last = dir } END { print n + 0 }' "$d/$side.frames")
  st=0
  got=$(jq -r --arg s "$side" '.summary[$s] | "\(.bytes.client_to_server) \(.bytes.server_to_client) \(.bytes.total) \(.round_trips)"' "$d/json")
  [ "$got" = "$c2s $s2c $((c2s + s2c)) $trips" ] || st=1
  grep -qF "  $side: $c2s client to server, $s2c server to client, $((c2s + s2c)) in total" "$d/text" || st=1
  check "run $side: bytes $c2s to the server, $s2c to the client, $trips round trips, as tshark reads the capture" $st "compare says $got"
done

# With --resume, two connections: the round trips of each, as tshark reads each TCP stream.
"$TLSSIM" compare "$RSA" "$ECDHE" "${args[@]}" --resume --json - >"$d/resume.json"
"$TLSSIM" run --suite "$RSA" "${args[@]}" --resume --quiet --pcap "$d/resume.pcap" >/dev/null
want=$(tshark -r "$d/resume.pcap" -T fields -e tcp.stream -e tcp.dstport -e tcp.len -e tls.record.content_type 2>/dev/null |
  awk -F'\t' '$3 > 0 && $4 ~ /^(2[02],?)+$/ {
      dir = ($2 == 443) ? "c" : "s"; if (dir != last[$1] && dir == "s") n[$1]++; last[$1] = dir; if ($1 + 1 > k) k = $1 + 1 }
    END { for (i = 0; i < k; i++) printf "%s%d", i ? " " : "", n[i] }')
st=0
[ "$(jq -r '.summary.A.round_trips_per_connection | map(tostring) | join(" ")' "$d/resume.json")" = "$want" ] || st=1
check "--resume: round trips per connection ($want) as tshark reads each TCP stream" $st

st=0
[ "$(jq -r '[.summary.A.forward_secrecy.value, .summary.B.forward_secrecy.value, .summary.A.premaster.source, .summary.B.premaster.source, .summary.A.server_key.use, .summary.B.server_key.use] | join(" ")' "$d/json")" = "false true client-encrypted dh-shares decrypt sign" ] || st=1
check "summary: RSA has no forward secrecy, ECDHE has; premaster encrypted vs from shares; key decrypts vs signs" $st

# The eavesdropper who steals the server's key later is the test of forward secrecy:
# the summary must agree with what it manages to read.
"$TLSSIM" compare "$RSA" "$ECDHE" "${args[@]}" --fault eavesdrop-stolen-key --json - >"$d/eve.json"
st=0
for side in A B; do
  fs=$(jq -r --arg s "$side" '.summary[$s].forward_secrecy.value' "$d/eve.json")
  read_any=$(jq -r --arg s "$side" '[.rows[] | .[$s] | select(. != null and .actor == "attacker" and (.title | test("records read")))] | length > 0' "$d/eve.json")
  [ "$fs" != "$read_any" ] || st=1
done
check "with eavesdrop-stolen-key: the recording is read exactly where forward secrecy is 'no'" $st

# A fault that fits only one suite: that run fails, the other completes without it.
set +e
"$TLSSIM" compare "$RSA" "$ECDHE" "${args[@]}" --fault rsa-pms-bad-padding --json - >"$d/fault.json" 2>"$d/err"
rc=$?
set -e
ref=$("$TLSSIM" run --suite "$RSA" "${args[@]}" --fault rsa-pms-bad-padding --json - | jq -c .result || true)
st=0
[ $rc = 0 ] || st=1
[ "$(jq -c .runs.A.result "$d/fault.json")" = "$ref" ] || st=1
[ "$(jq -r '.runs.B.result.outcome + " " + .runs.B.faults' "$d/fault.json")" = "ok " ] || st=1
jq -e '.runs.B.note | test("rsa-pms-bad-padding")' "$d/fault.json" >/dev/null || st=1
jq -e '.summary.A.ended.text | test("bad_record_mac")' "$d/fault.json" >/dev/null || st=1
check "a fault only RSA takes: run A ends as 'tlssim run' says, run B completes without it (and says so)" $st "rc $rc"

# Bad input.
usage() { # NAME EXPECTED-STDERR ARGS...
  local name=$1 want=$2; shift 2
  set +e
  "$TLSSIM" compare "$@" >"$d/out" 2>"$d/err" </dev/null
  local rc=$?
  set -e
  local st=0
  [ $rc = 2 ] && grep -qF -- "$want" "$d/err" && [ ! -s "$d/out" ] || st=1
  check "$name: exit 2, says '$want'" $st "rc $rc, stderr: $(head -2 "$d/err")"
}
usage "an unknown suite" "unknown suite 'TLS_NOPE' (see 'tlssim list suites')" "$RSA" TLS_NOPE
usage "one suite only" "compare needs two suites, A and B" "$RSA"
usage "three suites" "'$RSA' is a third" "$RSA" "$ECDHE" "$RSA"
usage "--suite" "not with --suite" "$RSA" "$ECDHE" --suite "$RSA"
usage "a fault that fits neither suite" "the fault fits neither suite: fault 'ske-bad-signature' needs" "$RSA" TLS_RSA_WITH_AES_256_GCM_SHA384 --fault ske-bad-signature
usage "an unknown option" "unknown option '--bogus'" "$RSA" "$ECDHE" --bogus

st=0; "$TLSSIM" compare --help | grep -q "usage: tlssim compare A B" || st=1
check "compare --help" $st

echo "compare_text: $((cases - failures))/$cases passed"
[ "$failures" -eq 0 ]
