#!/usr/bin/env bash
# At 80x24 the client's check of the ServerKeyExchange signature shows the signed
# data in its three parts, each naming the message it came from, with the bytes of
# that message (read here from the messages in --json, not from the check); and the
# recompute command below them, whose lines are shown whole.
set -euo pipefail
. "$(dirname "$0")/../lib/tmux_ui.sh"
failures=0 cases=0
check() { # NAME CONDITION-STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
# The detail pane's lines (the right-hand pane), without its frame.
detail() {
  ui_screen | python3 -c '
import sys
for line in sys.stdin.read().split("\n")[3:21]:
    i = line.find("\u2502\u2502")
    if i >= 0:
        print(line[i + 2:].rstrip().rstrip("\u2502").rstrip())'
}
# Steps right until the detail pane's title matches the pattern.
step_to() {
  local screen
  screen=$(ui_screen)
  for _ in $(seq 90); do
    grep -qE -- "$1" <<<"$screen" && return 0
    ui_keys Right
    ui_settle "$screen" || return 1
    screen=$ui_shown
  done
  return 1
}
# Scrolls the detail pane until its first line starts with TEXT; prints the hex on
# the lines below it, joined.
hex_under() {
  local screen d
  for _ in $(seq 150); do
    d=$(detail)
    if [[ "${d%%$'\n'*}" == *"$1"* ]]; then
      python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")[1:]
out = ""
for l in lines:
    if re.fullmatch(r"    [0-9a-f]+", l):
        out += l.strip()
    elif out or not re.match(r"  \S", l):
        break  # past the hex, or not the heading going on
print(out)' <<<"$d"
      return 0
    fi
    # Down as many lines as the heading is below the top, or 12 when not in sight.
    local k
    k=$(grep -nF -- "$1" <<<"$d" | head -1 | cut -d: -f1) || true
    k=$((${k:-13} - 1))
    screen=$(ui_screen)
    ui_keys $(printf 'Down %.0s' $(seq "$k"))
    ui_settle "$screen" || return 1
  done
  return 1
}
args=(--seed 42 --time 2026-06-01)
json=$("$TLSSIM" run "${args[@]}" --json -)
msg_hex() { jq -r --arg id "$1" '[.events[] | select(.kind == "message" and .id == $id) | .bytes][0]' <<<"$json"; }
client_random=$(msg_hex ClientHello | cut -c13-76)       # after type, length, version
server_random=$(msg_hex ServerHello | cut -c13-76)
params=$(msg_hex ServerKeyExchange | cut -c9-80)          # curve_type, group, 32-byte key

ui_start 80x24 "${args[@]}"
st=0; step_to "client: ServerKeyExchange signature" || st=1
check "80x24: stepping reaches the client's check of the ServerKeyExchange signature" $st
ui_keys Tab
got=$(hex_under "client_random (32 bytes) - signed data,") || got=""
heading() { local d; d=$(detail); sed -n 1,3p <<<"$d" | tr -s ' \n' ' '; }
st=0; [ "$got" = "$client_random" ] && [[ "$(heading)" == *"part 1: ClientHello.random"* ]] || st=1
check "part 1 is client_random, from ClientHello.random, with its bytes" $st
got=$(hex_under "server_random (32 bytes) - signed data,") || got=""
st=0; [ "$got" = "$server_random" ] && [[ "$(heading)" == *"part 2: ServerHello.random"* ]] || st=1
check "part 2 is server_random, from ServerHello.random, with its bytes" $st
got=$(hex_under "ServerECDHParams (36 bytes) - signed data,") || got=""
st=0; [ "$got" = "$params" ] && [[ "$(heading)" == *"part 3: the params of ServerKeyExchange"* ]] || st=1
check "part 3 is ServerECDHParams, from ServerKeyExchange, with its bytes" $st
# The command below: its lines whole (a wrapped line would break a paste).
st=0; hex_under "recompute: run it in an empty folder" >/dev/null || st=1
whole() { local d; d=$(detail); grep -xF "    | xxd -r -p > signer.der" <<<"$d" >/dev/null; }
for _ in $(seq 10); do
  whole && break
  screen=$(ui_screen); ui_keys $(printf 'Down %.0s' $(seq 12)); ui_settle "$screen" || break
done
whole || st=1
check "the recompute command follows, its lines shown whole" $st
ui_keys q
echo "$((cases - failures))/$cases recompute tmux checks passed"
[ "$failures" = 0 ]
