#!/usr/bin/env bash
# Every suite, with and without mutual TLS: tlssim's client and server complete the
# handshake and exchange application data, and tshark, given the exported capture
# and key log, dissects every packet cleanly and decrypts both Finished messages,
# the request and the response.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
# Every suite 'tlssim list suites' names (its first column), so none can be left out.
suites=$("$TLSSIM" list suites | awk '{print $1}')
[ "$(wc -w <<<"$suites")" -ge 17 ] || { echo "FAIL  tlssim list suites names too few suites: $suites"; exit 1; }
failures=0 cases=0
names=() captured=() # each case's name; the batch number of its capture, or "" when the run failed
# shellcheck source=tests/lib/tshark_batch.sh
. "$(dirname "$0")/../lib/tshark_batch.sh"
tshark_batch_init "$d/batch"
run() { # NAME ARGS...: one in-process run, its capture queued for tshark
  local name=$1; shift
  cases=$((cases + 1))
  local out="$d/$cases"
  names+=("$name")
  if ! "$TLSSIM" run --seed "$cases" --quiet --pcap "$out.pcap" --keylog "$out.keys" "$@" >"$out.txt"; then
    echo "FAIL  $name: $(cat "$out.txt")"; failures=$((failures + 1)); captured+=(""); return
  fi
  tshark_batch_add "$out.pcap" "$out.keys"
  captured+=("$tshark_batch_n")
}
for s in $suites; do
  run "$s" --suite "$s"
  run "$s + client auth" --suite "$s" --client-auth
done
for g in secp256r1 secp384r1; do run "ECDHE on $g" --group "$g"; done
run "classic master secret" --no-ems
run "handshake in 50-byte records" --record-size 50 --client-auth
run "flights coalesced into shared records" --coalesce --client-auth

# One tshark run over every capture: per packet its TCP stream (one per case), the
# fields, and its expert severities (a malformed packet is an error; warning is
# 0x600000, error 0x800000).
tshark_batch_run "$d/all.txt" -o http.desegment_body:FALSE -T fields -e tcp.stream \
  -e tls.handshake.type -e http.request.method -e http.response.code -e _ws.expert.severity || true
for ((i = 0; i < cases; i++)); do
  [ -n "${captured[i]}" ] || continue
  stream=${tshark_batch_stream[captured[i]]:-none}
  all=$(awk -F'\t' -v s="$stream" '$1 == s' "$d/all.txt" | cut -f2-)
  fields=$(cut -f1-3 <<<"$all" | tr '\t' ' ')
  bad=$(awk -F'\t' '{ n = split($4, s, ","); for (i = 1; i <= n; i++) if (s[i] + 0 >= 6291456) { bad++; break } }
    END { print bad + 0 }' <<<"$all")
  finished=$(grep -cE '(^| |,)20( |,|$)' <<<"$fields" || true)
  get=$(grep -c 'GET' <<<"$fields" || true)
  ok200=$(grep -c '200' <<<"$fields" || true)
  if [ "$finished" -ge 2 ] && [ "$get" -eq 1 ] && [ "$ok200" -eq 1 ] && [ "$bad" -eq 0 ]; then
    echo "ok    ${names[i]}"
  else
    echo "FAIL  ${names[i]}: Finished decrypted $finished (want 2), GET $get, 200 $ok200, flagged packets $bad"
    [ "$stream" = none ] && head -3 "$d/all.txt"
    failures=$((failures + 1))
  fi
done
echo "run + tshark: $((cases - failures)) of $cases cases decrypted"
[ "$failures" -eq 0 ]
