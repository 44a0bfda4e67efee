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
check() { # NAME ARGS...
  local name=$1; shift
  cases=$((cases + 1))
  local out="$d/$cases"
  if ! "$TLSSIM" run --seed "$cases" --quiet --pcap "$out.pcap" --keylog "$out.keys" "$@" >"$out.txt"; then
    echo "FAIL  $name: $(cat "$out.txt")"; failures=$((failures + 1)); return
  fi
  local all fields bad
  # One tshark run: the fields, and each packet's expert severities (a malformed
  # packet is an error; warning is 0x600000, error 0x800000).
  all=$(tshark -r "$out.pcap" -o "tls.keylog_file:$out.keys" -o http.desegment_body:FALSE -T fields \
    -e tls.handshake.type -e http.request.method -e http.response.code -e _ws.expert.severity 2>/dev/null)
  fields=$(cut -f1-3 <<<"$all" | tr '\t' ' ')
  bad=$(awk -F'\t' '{ n = split($4, s, ","); for (i = 1; i <= n; i++) if (s[i] + 0 >= 6291456) { bad++; break } }
    END { print bad + 0 }' <<<"$all")
  local finished get ok200
  finished=$(grep -cE '(^| |,)20( |,|$)' <<<"$fields" || true)
  get=$(grep -c 'GET' <<<"$fields" || true)
  ok200=$(grep -c '200' <<<"$fields" || true)
  if [ "$finished" -ge 2 ] && [ "$get" -eq 1 ] && [ "$ok200" -eq 1 ] && [ "$bad" -eq 0 ]; then
    echo "ok    $name"
  else
    echo "FAIL  $name: Finished decrypted $finished (want 2), GET $get, 200 $ok200, flagged packets $bad"
    failures=$((failures + 1))
  fi
}
for s in $suites; do
  check "$s" --suite "$s"
  check "$s + client auth" --suite "$s" --client-auth
done
for g in secp256r1 secp384r1; do check "ECDHE on $g" --group "$g"; done
check "classic master secret" --no-ems
check "handshake in 50-byte records" --record-size 50 --client-auth
check "flights coalesced into shared records" --coalesce --client-auth
echo "run + tshark: $((cases - failures)) of $cases cases decrypted"
[ "$failures" -eq 0 ]
