#!/usr/bin/env bash
# tlssim compare in the terminal, driven in tmux at 80x24 as a student would: RSA key
# transport beside ECDHE-RSA, ServerKeyExchange on one side only, the summary (forward
# secrecy no / yes, bytes as the JSON comparison says), one cursor for both ladders,
# Tab and Enter; then `c` in `tlssim ui` opens the same view, and q comes back.
set -euo pipefail
export LC_ALL=C.UTF-8 # column arithmetic below counts characters, not bytes
. "$(dirname "$0")/../lib/tmux_ui.sh"
failures=0 cases=0
check() { # NAME STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
has() { ui_screen | grep -qF -- "$1"; }
RSA=TLS_RSA_WITH_AES_128_GCM_SHA256
ECDHE=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
args=(--seed 7 --time 2026-06-01)
# The comparison as JSON (tests/integration/compare_text.sh checks it against tshark),
# and the run of B, for the values the screen must show.
json=$("$TLSSIM" compare "$RSA" "$ECDHE" "${args[@]}" --json -)
ske_row=$(jq '[.rows[] | .B.title == "ServerKeyExchange"] | index(true)' <<<"$json")
n_rows=$(jq '.rows | length' <<<"$json")
ske_seq=$(jq ".rows[$ske_row].B.seq" <<<"$json")
ske_len=$(jq ".rows[$ske_row].B.length" <<<"$json")
shd_a=$(jq ".rows[$((ske_row + 1))].A | \"\(.seq) \(.title)\"" -r <<<"$json")
shd_b=$(jq ".rows[$((ske_row + 1))].B | \"\(.seq) \(.title)\"" -r <<<"$json")
ske_field=$("$TLSSIM" run --suite "$ECDHE" "${args[@]}" --json - |
  jq -r '[.events[] | select(.title == "ServerKeyExchange")][0].fields | map(select(.depth == 1))[0].name')

# The screen line that shows TEXT, and its two halves (run A left, run B right).
line_with() { ui_screen | grep -F -m1 -- "$1" || true; }
left() { printf '%s' "${1:0:40}"; }
right() { printf '%s' "${1:40}"; }
# Ladder lines (they start with a frame's side) whose characters in columns [FROM, TO)
# are shown in reverse video (the mono theme's cursor), from tmux's capture with
# attributes.
reverse_lines() { # FROM TO
  ui_tmux capture-pane -e -p -t ui | python3 -c '
import re, sys
lo, hi = int(sys.argv[1]), int(sys.argv[2])
for y, line in enumerate(sys.stdin.read().split("\n")):
    col, rev, hit, text = 0, False, False, ""
    for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
        if tok.startswith("\x1b["):
            for p in (tok[2:-1] or "0").split(";"):
                rev = True if p == "7" else False if p in ("0", "27") else rev
            continue
        for ch in tok:
            hit |= rev and lo <= col < hi and ch != " "
            text += ch
            col += 1
    if hit and text.startswith("\u2502"):  # a row inside a ladder frame
        print(y)' "$1" "$2"
}

UI_CMD=compare ui_start 80x24 "$RSA" "$ECDHE" "${args[@]}" --theme mono
line=$(line_with "ServerKeyExchange ─")
st=0
[ -n "$line" ] && left "$line" | grep -qF "(not in this run)" && right "$line" | grep -qF "ServerKeyExchange" || st=1
[ "$(ui_screen | grep -c "ServerKeyExchange ─")" = 1 ] || st=1
left "$(line_with "ServerHelloDone ─")" | grep -qF ServerHelloDone || st=1
check "80x24: ServerKeyExchange on run B's ladder only; run A's row says it is not in that run" $st

fs=$(line_with "forward secrecy")
c2s=$(line_with "bytes to server")
st=0
re='forward secrecy +NO +yes '
[[ "$fs" =~ $re ]] || st=1
want=$(jq -r '"\(.summary.A.bytes.client_to_server) \(.summary.B.bytes.client_to_server)"' <<<"$json")
[ "$(awk '{print $5, $6}' <<<"$c2s")" = "$want" ] || st=1
has "premaster secret" && has "server's key" && has "round trips" && has "bytes in total" && has "how it ended" || st=1
has "client picks it, encrypts it" && has "both sides compute it (ECDHE)" || st=1
check "the summary: forward secrecy NO for RSA, yes for ECDHE; bytes as the comparison counts them" $st

st=0
[ "$(ui_screen | wc -L)" -le 80 ] && [ "$(ui_screen | wc -l)" -le 24 ] && has "q quit" || st=1
# The cursor starts on row 1 of both ladders, on the same screen line.
a=$(reverse_lines 1 39); b=$(reverse_lines 41 79)
[ -n "$a" ] && [ "$a" = "$b" ] || st=1
check "the cursor is on the same row of both ladders" $st

for ((i = 0; i < ske_row; i++)); do ui_press Down; done
st=0
ui_wait "row $((ske_row + 1))/$n_rows" && has "Run A: RSA key transport has no ServerKeyExchange." || st=1
a=$(reverse_lines 1 39); b=$(reverse_lines 41 79)
[ -n "$a" ] && [ "$a" = "$b" ] || st=1
right "$(ui_screen | sed -n "$((b + 1))p")" | grep -qF ServerKeyExchange || st=1
check "moving down moves both: the cursor reaches ServerKeyExchange on B and the gap on A together" $st

ui_press Tab
st=0; has "Run B #$ske_seq: server → client: ServerKeyExchange, $ske_len bytes" || st=1
check "Tab: the focus goes to run B, on the same row" $st

ui_press Enter
st=0; has "#$ske_seq server → client: ServerKeyExchange" && has "run B" && has "$ske_field" || st=1
check "Enter: run B's ServerKeyExchange with its fields ($ske_field) and bytes" $st

ui_press Down
st=0
has "Run B #${shd_b%% *}: server → client: ${shd_b#* }" || st=1
ui_press Tab
has "Run A #${shd_a%% *}: server → client: ${shd_a#* }" || st=1
check "the next row is the same step on both sides (${shd_a#* })" $st

ui_resize 132 40
st=0
ui_wait "bytes in total" && has "run A" && has "forward secrecy" && ! has "needs a terminal" || st=1
[ "$(ui_screen | wc -L)" -le 132 ] || st=1
check "132x40: the summary and the selected message both show" $st
ui_resize 70 20
st=0; ui_wait "needs a terminal of at least 80x24" || st=1
check "70x20: asks for a larger terminal" $st
ui_resize 80 24
ui_wait "row " >/dev/null || true
ui_keys q
st=0; [ "$(ui_status)" = 0 ] || st=1
check "q quits with status 0" $st

# From the normal UI: c, pick RSA key transport in the list, the same view; q comes back.
ui_start 80x24 "${args[@]}"
ui_press '?'
st=0; has "compare with another suite, side by side" || st=1
check "the help lists c" $st
ui_keys Escape
ui_press c
st=0; has "compare with another suite" && has "(this run)" || st=1
check "c opens a list of suites to compare with" $st
# The list is 'tlssim list suites' in order; the cursor starts below the current suite.
current=$("$TLSSIM" list suites | awk '$1 == "'"$ECDHE"'" {print NR}')
target=$("$TLSSIM" list suites | awk '$1 == "'"$RSA"'" {print NR}')
for ((i = current + 1; i < target; i++)); do ui_press Down; done
ui_keys Enter
st=0
ui_wait "q back" && has " A: $ECDHE" && has " B: $RSA" || st=1
line=$(line_with "ServerKeyExchange ─")
[ -n "$line" ] && left "$line" | grep -qF ServerKeyExchange && right "$line" | grep -qF "(not in this run)" || st=1
check "Enter: the current run (A, ECDHE) beside RSA key transport (B), ServerKeyExchange on A only" $st
ui_keys q
st=0; ui_wait "step 1/" && has "handshake" || st=1
check "q goes back to the UI" $st

ui_keys q

# --theme light, as in `tlssim ui`: every cell on the theme's background (mono: not).
UI_CMD=compare ui_start 80x24 "$RSA" "$ECDHE" "${args[@]}" --theme light
st=0; ui_all_on_background || st=1
ui_keys q
UI_CMD=compare ui_start 80x24 "$RSA" "$ECDHE" "${args[@]}" --theme mono
ui_all_on_background && st=1
check "--theme light: the comparison drawn on the light theme's background (mono: not)" $st

echo "compare_tmux: $((cases - failures))/$cases passed"
[ "$failures" -eq 0 ]
