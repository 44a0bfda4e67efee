#!/usr/bin/env bash
# The terminal UI driven in tmux as a person would: the first screen, stepping to
# both Finished messages and back, resizing, the help, switching the scenario to
# RSA key transport, quitting; and what it does without a terminal or with a small one.
set -euo pipefail
. "$(dirname "$0")/../lib/tmux_ui.sh"
failures=0 cases=0
check() { # NAME CONDITION-STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
has() { ui_has "$1"; } # (no grep: starting a process costs 10-30 ms of CPU here)
# Steps right until the detail pane's title names TITLE; false at the last step
# (Right changes nothing there) or after 90 steps.
step_to() {
  local screen
  screen=$(ui_screen)
  for _ in $(seq 90); do
    ui_lines_match "$1" "$screen" && return 0
    ui_keys Right
    ui_settle "$screen" || return 1
    screen=$ui_shown
  done
  return 1
}
args=(--seed 42 --time 2026-06-01)
# What the engine derived for this seed, to compare with what the UI shows.
json=$("$TLSSIM" run "${args[@]}" --json -)
master=$(jq -r '[.events[] | select(.actor == "client") | .outputs[]? | select(.name == "master_secret") | .hex][0]' <<<"$json")
client_vd=$(jq -r '[.events[] | select(.actor == "client" and .title == "verify_data (client Finished)") | .outputs[0].hex][0]' <<<"$json")
server_vd=$(jq -r '[.events[] | select(.actor == "server" and .title == "verify_data (server Finished)") | .outputs[0].hex][0]' <<<"$json")

ui_start 80x24 "${args[@]}"
# ui_start saw the key line; the rest of the first screen may still be on its way.
st=0; ui_wait "client → server: ClientHello" && ui_wait "0000  01 00 00" && has "msg_type = 1 (ClientHello)" || st=1
check "80x24: the first screen shows ClientHello, its fields and its hex" $st

# Selecting bytes selects their field: byte 6 of ClientHello is the first of random.
for _ in 1 2 3 4 5 6; do ui_keys ']'; done
st=0; ui_wait "32 fresh random bytes" || st=1
check "moving through the hex bytes selects the field they belong to" $st
ui_keys Tab

st=0; step_to "client → server: Finished" && has "master ${master:0:14}" && has "verify_data = $client_vd" || st=1
check "stepping forward reaches the client's Finished: master secret and verify_data shown" $st
st=0; step_to "server → client: Finished" && has "verify_data = $server_vd" || st=1
check "and the server's Finished with its verify_data" $st

# shellcheck disable=SC2046 # sixty separate Left keys, in one tmux command
ui_keys $(printf 'Left %.0s' $(seq 60))
st=0; ui_wait "step 1/" && has "client → server: ClientHello" || st=1
check "stepping back returns to ClientHello" $st

# A resize redraws everything: wait until the new screen has settled (ui_settle).
before=$(ui_screen); ui_resize 132 40; ui_settle "$before" || true
st=0; ui_wait "step 1/" && has "handshake" && has "client → server: ClientHello" && ! has "needs a terminal" || st=1
[ "$(ui_screen | head -1 | wc -L)" -le 132 ] || st=1
check "resized to 132x40: a sane screen" $st
before=$(ui_screen); ui_resize 80 24; ui_settle "$before" || true
st=0; ui_wait "step 1/" && has "msg_type = 1 (ClientHello)" || st=1
check "and back to 80x24" $st

# Clicks: a ladder row selects its step, a field row its field (and its explanation).
read -r col row <<<"$(ui_find "ServerHello ─")"
ui_click "$col" "$row"
st=0; ui_wait "server → client: ServerHello" || st=1
read -r col row <<<"$(ui_find "cipher_suite =")"
[ -n "$row" ] && ui_click "$col" "$row"
ui_wait "suite the server chose" || st=1
check "mouse: a click selects a ladder row, then a field" $st
ui_keys Home

# The wheel steps through the ladder under the pointer.
ui_wait "step 1/" || true
read -r col row <<<"$(ui_find "ServerHello ─")"
st=0
if [ -n "$row" ]; then
  ui_wheel "$col" "$row" down; ui_wheel "$col" "$row" down
  ui_wait "step 3/" || st=1
  ui_wheel "$col" "$row" up
  ui_wait "step 2/" || st=1
else
  st=1
fi
check "mouse: the wheel over the ladder steps forward and back" $st
ui_keys Home

ui_keys '?'
st=0; ui_wait "any key closes this help" && has "next step" && has "previous step" && has "scenario menu" && has "quit" || st=1
check "the help screen lists the keys" $st
ui_keys x

ui_keys s
ui_wait "Enter run" || true
for _ in $(seq 20); do has "◀ TLS_RSA_WITH_AES_128_GCM_SHA256 ▶" && break; ui_press Right || break; done
ui_keys Enter
st=0; ui_wait "TLS_RSA_WITH_AES_128_GCM_SHA256  RSA key transport" || st=1
ui_keys Home
titles=""
screen=$(ui_screen)
title_re='.*─ #[0-9]* ([a-z]* → [a-z]*: [A-Za-z]*)' # the last on its line
for _ in $(seq 80); do
  rest=$screen$'\n'
  while [ -n "$rest" ]; do
    line=${rest%%$'\n'*} rest=${rest#*$'\n'}
    [[ $line =~ $title_re ]] && titles+=${BASH_REMATCH[1]}$'\n'
  done
  # The last step: "step N/N".
  [[ $screen =~ step\ ([0-9]+)/([0-9]+) ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] && break
  ui_keys Right
  ui_settle "$screen" || break
  screen=$ui_shown
done
grep -q "client → server: ClientKeyExchange" <<<"$titles" || st=1
grep -q "ServerKeyExchange" <<<"$titles" && st=1
ui_keys Home
step_to "client → server: ClientKeyExchange" && has "encrypted_pre_master_secret = 256 bytes" || st=1
check "scenario menu: TLS_RSA_WITH_AES_128_GCM_SHA256 sends the encrypted premaster, no ServerKeyExchange" $st

ui_keys q
st=0; [ "$(ui_status)" = 0 ] || st=1
check "q exits with status 0" $st

ui_start 80x24 "${args[@]}"
# The fault menu: cert-expired is the first fault; the run stops on the failed check.
ui_keys f
ui_wait "faults: break the handshake" || true
ui_keys Down Enter
st=0; ui_wait "FAULT cert-expired" && has "✗ FAILED: the client answers with alert" && has "certificate_expired(45)" \
  && has "is after notAfter" || st=1
check "fault menu: cert-expired stops on the failed validity check, with what it compared" $st

# Editing a byte on the wire: ClientHello's random (byte 6 of the message) changed;
# the server signs the changed random, so the client's signature check fails.
ui_keys x
ui_wait "faults and edits cleared" || true # shown until the next key
ui_keys Home Tab
for _ in 1 2 3 4 5 6; do ui_keys ']'; done
ui_keys e
ui_wait "new value in hex" || true
ui_keys 0 0 Enter
st=0; ui_wait "EDITED 1 byte" && has "you edited a byte" || st=1
ui_keys End
ui_wait "result: alert decrypt_error(51) sent by client: ServerKeyExchange signature" || st=1
check "e: a byte of ClientHello edited on the wire; the ServerKeyExchange signature check notices" $st

ui_keys q

ui_start 80x24 "${args[@]}"
ui_resize 60 20
st=0; ui_wait "needs a terminal of at least 80x24" || st=1
ui_keys q
[ "$(ui_status)" = 0 ] || st=1
check "below 80x24 it says how large the terminal must be" $st

UI_ENV=LANG=C ui_start 80x24 "${args[@]}"
st=0; ui_wait "client -> server: ClientHello" && ui_wait "+- handshake" && ! ui_screen | grep -q '[^ -~]' || st=1
ui_keys q
check "without a UTF-8 locale: ASCII arrows and borders only" $st

UI_ENV="LANG=C.UTF-8 NO_COLOR=1" ui_start 80x24 "${args[@]}" --theme light
st=0; ui_tmux capture-pane -e -p -t ui | grep -q $'\e\[3[0-7]m\|\e\[3[0-7];' && st=1
ui_keys q
check "NO_COLOR: no colours, even with --theme light" $st
UI_ENV="LANG=C.UTF-8" ui_start 80x24 "${args[@]}" --theme light
st=0; ui_tmux capture-pane -e -p -t ui | grep -q $'\e\[[0-9;]*3[0-7]' || st=1
ui_keys q
check "--theme light draws in colour" $st

st=0; out=$("$TLSSIM" ui </dev/null 2>&1) && st=1
[ "$("$TLSSIM" ui </dev/null >/dev/null 2>&1; echo $?)" = 2 ] || st=1
grep -q "tlssim run" <<<"$out" || st=1
check "without a terminal: points to 'tlssim run', exit 2" $st
UI_ENV="LANG=C.UTF-8" ui_start 80x24 "${args[@]}" --fault cert-wrong-host
st=0; ui_wait "FAULT cert-wrong-host" && ui_wait "✗ FAILED: the client answers with alert" && has "other.test" || st=1
ui_keys q
check "ui --fault opens on the check that catches it" $st

st=0; "$TLSSIM" ui --theme neon >/dev/null 2>&1 && st=1
check "a wrong --theme is a usage error" $st

# --resume: both connections on one ladder. The second starts in the clear (single
# lifelines again), the server finishes first, and the status line shows the reused
# master secret with no premaster.
rjson=$("$TLSSIM" run "${args[@]}" --resume --json -)
rmaster=$(jq -r '[.events[] | select(.title == "master secret (resumed)") | .outputs[0].hex][0]' <<<"$rjson")
UI_ENV="LANG=C.UTF-8" ui_start 80x24 "${args[@]}" --resume
st=0; step_to "client: second connection: resuming" && has "│ · second connection" || st=1
check "--resume: the second connection starts on the ladder, in the clear" $st
st=0; step_to "server: master secret \(resumed\)" && has "premaster (none: resumed)" &&
  has "master ${rmaster:0:14}" || st=1
check "--resume: the reused master secret in the status line, no premaster" $st
st=0; step_to "server → client: Finished" && step_to "client → server: Finished" || st=1
check "--resume: the server's Finished, then the client's" $st
ui_keys q

echo "tui in tmux: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
