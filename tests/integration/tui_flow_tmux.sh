#!/usr/bin/env bash
# A demonstration that flows, driven in tmux at the projector's 80x24: the attacker's
# own lane in the ladder (mitm-anon, eavesdrop-stolen-key) and what it read as text;
# the keys that jump from message to message; the certificate checks of a chain folded
# into one row that opens; every step of a run on screen with nothing cut (each ladder
# label and narration compared with the whole strings of `tlssim run --json`); the help
# at 80x24; the message of a too small terminal at 20x10; the light theme's header.
set -euo pipefail
here=$(dirname "$0")
. "$here/../lib/tmux_ui.sh"
check_screen="$here/../lib/tui_screen_check.py"
failures=0 cases=0
check() { # NAME CONDITION-STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
has() { ui_screen | grep -qF -- "$1"; }
tmp=$(mktemp -d)
trap 'ui_cleanup; rm -rf "$tmp"' EXIT
args=(--seed 42 --time 2026-06-01)

# Steps from the first to the last row with KEY, checking each screen against the run's
# JSON; false (and the screens that fail in $tmp/bad) when one has something cut.
all_steps_whole() { # JSON-FILE
  local screen n=0
  : >"$tmp/screens"
  ui_keys Home
  ui_wait "step 1/" || return 1
  screen=$(ui_screen)
  for _ in $(seq 120); do
    printf '%s\n\f\n' "$screen" >>"$tmp/screens"
    n=$((n + 1))
    grep -qE "step ([0-9]+)/\1( |$)" <<<"$screen" && break
    ui_keys Right
    ui_settle "$screen" || break
    screen=$ui_shown
  done
  echo "      $n screens read"
  python3 "$check_screen" "$tmp/screens" "$1" >"$tmp/bad"
}

# --- mitm-anon: the attacker's lane -------------------------------------------------
"$TLSSIM" run "${args[@]}" --fault mitm-anon --json "$tmp/mitm.json" >/dev/null
ui_start 80x24 "${args[@]}" --fault mitm-anon
# The ladder's header names three lanes; the attacker's lifeline (┆) is between.
st=0
head=$(ui_screen | grep -m1 "│ client ") || st=1
[[ "$head" =~ client\ +attacker\ +server ]] || st=1
check "mitm-anon: the ladder has three lanes, client, attacker, server" $st

# Each attacker step sits in its own lane: its row is centred on the attacker's
# lifeline (the column of "attacker" in the header), not against the client's.
st=0
ui_keys Home; ui_wait "step 1/" || st=1
mid=$(python3 -c 'import sys; l=sys.argv[1]; print(l.index("attacker") + 4)' "$head" 2>/dev/null) || { mid=0; st=1; }
seen=0
screen=$(ui_screen)
for _ in $(seq 70); do
  while IFS= read -r line; do
    # Column of the mark and of the end of the label, in characters.
    read -r a b < <(python3 -c 'import sys; l=sys.argv[1]; s=l.index("⚡"); r=l[:44].rstrip(" │║"); print(s, len(r))' "$line")
    [ "$a" -lt "$mid" ] && [ "$b" -gt "$mid" ] || { echo "      off its lane: $line"; st=1; }
    seen=$((seen + 1))
  done < <(grep "⚡" <<<"$screen" || true)
  grep -qE "step ([0-9]+)/\1( |$)" <<<"$screen" && break
  ui_keys PageDown
  ui_settle "$screen" || break
  screen=$ui_shown
done
[ "$seen" -gt 0 ] || st=1
check "mitm-anon: the attacker's rows are centred on its own lifeline" $st

# What the attacker read, as text: the request the client sent, from the run's JSON.
want=$(jq -r '[.events[] | select(.actor == "attacker" and .title == "attacker reads the client'"'"'s request") | .outputs[0].hex][0]' "$tmp/mitm.json" |
  python3 -c 'import sys; t=bytes.fromhex(sys.stdin.read().strip()).decode(); print(t.replace("\r","\\r").replace("\n","\\n"))')
st=0; [[ "$want" == "GET / HTTP/1.1\\r\\n"* ]] || st=1
at=$(jq '[.events | to_entries[] | select(.value.title == "attacker reads the client'"'"'s request") | .key][0] + 1' "$tmp/mitm.json")
ui_keys Home
ui_wait "step 1/" || st=1
for _ in $(seq "$((at - 1))"); do ui_keys Right; done
ui_wait "step $at/" || st=1
# The narration wraps at blanks: join its lines to read the text.
shown=$(ui_screen | sed -n '/^└/,$p' | sed '1d;$d' | tr '\n' ' ' | tr -s ' ')
grep -qF "reads \"$want\"" <<<"$shown" || { echo "      want: $want"; echo "      shown: $shown"; st=1; }
check "mitm-anon: the request the attacker read is shown as text (GET / HTTP/1.1)" $st

st=0; all_steps_whole "$tmp/mitm.json" || { st=1; head -40 "$tmp/bad"; }
check "mitm-anon at 80x24: every step whole (ladder labels, narration, header, footer)" $st
rm -f "$tmp/bad"
ui_keys q

# Without UTF-8: the lane in ASCII, and a note's mark a dot, not a '?' for a glyph.
UI_ENV=LANG=C ui_start 80x24 "${args[@]}" --fault mitm-anon
ui_keys End
nm=$(jq ".events | length" "$tmp/mitm.json")
st=0; ui_wait "step $nm/$nm" && has "| client " && has "attacker" && has "! reads the client's request" || st=1
has ". handshake complete" && ! has "? handshake complete" || st=1
ui_screen | grep -q '[^ -~]' && st=1
check "mitm-anon without UTF-8: the attacker's lane in ASCII, notes marked with a dot" $st
ui_keys q

# --- eavesdrop-stolen-key (RSA): the eavesdropper's lane ----------------------------
eargs=("${args[@]}" --fault eavesdrop-stolen-key --suite TLS_RSA_WITH_AES_128_GCM_SHA256)
"$TLSSIM" run "${eargs[@]}" --json "$tmp/eaves.json" >/dev/null
ui_start 80x24 "${eargs[@]}"
st=0; all_steps_whole "$tmp/eaves.json" || { st=1; head -40 "$tmp/bad"; }
has "decrypts the recorded response" || st=1
check "eavesdrop-stolen-key at 80x24: the eavesdropper's steps and every other step whole" $st
rm -f "$tmp/bad"
ui_keys q

# --- the default run: next message, the folded chain, nothing cut --------------------
"$TLSSIM" run "${args[@]}" --json "$tmp/run.json" >/dev/null
ui_start 80x24 "${args[@]}"
# N goes from message to message (alerts included), skipping checks and derivations.
mapfile -t msgs < <(jq -r '.events | to_entries[] | select(.value.kind == "message" or .value.kind == "alert") | .key + 1' "$tmp/run.json")
n=$(jq '.events | length' "$tmp/run.json")
st=0
for s in "${msgs[@]:1}"; do
  ui_keys N
  ui_wait "step $s/$n" || { echo "      N did not reach step $s"; st=1; break; }
done
ui_keys P
ui_wait "step ${msgs[-2]}/$n" || st=1
check "N steps from message to message (${#msgs[@]} of $n steps), P back" $st

# The client's checks of the server's chain: one row, then opened by o.
group=$(jq '[.events[] | select(.actor == "client" and (.title | startswith("certificate check:")))] | length' "$tmp/run.json")
first=$(jq '[.events | to_entries[] | select(.value.title | startswith("certificate check:")) | .key][0]' "$tmp/run.json")
st=0
ui_keys Home
ui_wait "step 1/" || st=1
screen=$(ui_screen)
for _ in $(seq 40); do
  grep -q "step $((first + 1))/" <<<"$screen" && break
  ui_keys Right; ui_settle "$screen" || break; screen=$ui_shown
done
has "certificate chain: $group checks ✓" || st=1
[ "$(ui_screen | grep -c "certificate chain: $group checks ✓")" = 1 ] || st=1
has "[0] issuer chaining" && st=1
has "$group checks, all hold" || st=1
# One step on from the folded row: past the whole group.
ui_keys Right
ui_wait "step $((first + group + 1))/$n" || st=1
check "the $group certificate checks of the chain are one row; Right steps over them" $st
st=0
ui_keys Left
ui_wait "step $((first + 1))/$n" || st=1
ui_keys o
ui_wait "[0] issuer chaining" && ! has "checks ✓" || st=1
ui_keys Right
ui_wait "step $((first + 2))/$n" || st=1
ui_keys o
ui_wait "certificate chain: $group checks ✓" && has "step $((first + 1))/$n" || st=1
check "o opens the chain's checks one by one, and folds them again" $st
ui_keys Home
ui_wait "step 1/" || true
# Down moves by ladder rows: the folded chain is the row after the first 13 steps.
ui_keys Down Down Down Down Down Down Down Down Down Down Down Down Down
st=0; ui_wait "step $((first + 1))/$n" && has "chain: $group checks ✓" && ! has "[0] issuer chaining" || st=1
ui_keys Enter
ui_wait "[0] issuer chaining" || st=1
check "Enter on the folded row opens it" $st
ui_keys o

st=0; all_steps_whole "$tmp/run.json" || { st=1; head -40 "$tmp/bad"; }
check "default run at 80x24: every step whole" $st
rm -f "$tmp/bad"

ui_keys '?'
st=0; ui_wait "any key closes this help" || st=1
help=$(ui_screen)
grep -qF "q: quit" <<<"$help" && grep -qF "Mouse:" <<<"$help" || st=1
grep -qF "…" <<<"$help" && st=1
# The box closes inside the screen: its bottom corner is on a line of its own.
grep -q "^ └─*┘" <<<"$help" || st=1
check "help at 80x24: every row whole, quit and the mouse line shown" $st
ui_keys x

# Views 2 to 4 keep the header and the footer whole.
st=0
for v in 2 3 4; do
  ui_press "$v" || true
  printf '%s\n' "$(ui_screen)" >"$tmp/screen"
  tail -1 "$tmp/screen" | grep -q "? keys  q quit *$" || { echo "      view $v: footer"; st=1; }
  sed -n 2p "$tmp/screen" | grep -qE "step [0-9]+/$n *$" || { echo "      view $v: header"; st=1; }
done
ui_keys 1
check "views 2, 3 and 4 at 80x24: header and footer whole" $st
ui_keys q

# Mutual TLS: two chains, two folded rows (the server checks the client's too).
"$TLSSIM" run "${args[@]}" --client-auth --json "$tmp/mtls.json" >/dev/null
ui_start 80x24 "${args[@]}" --client-auth
st=0; all_steps_whole "$tmp/mtls.json" || { st=1; head -40 "$tmp/bad"; }
ui_keys q
check "mutual TLS at 80x24: every step whole, both chains folded" $st
rm -f "$tmp/bad"

# A failed check inside a folded chain shows on its row.
"$TLSSIM" run "${args[@]}" --fault cert-expired --json "$tmp/exp.json" >/dev/null || true
ui_start 80x24 "${args[@]}" --fault cert-expired
total=$(jq '[.events[] | select(.actor == "client" and (.title | startswith("certificate check:")))] | length' "$tmp/exp.json")
failed=$(jq '[.events[] | select(.actor == "client" and (.title | startswith("certificate check:")) and (.ok | not))] | length' "$tmp/exp.json")
st=0; [ "$failed" -ge 1 ] || st=1
has "is after notAfter" || st=1 # opens on the failed check, chain opened
ui_keys o
ui_wait "certificate chain: $failed/$total fail ✗" || st=1
check "cert-expired: folded, the chain's row shows $failed of $total checks failed" $st
ui_keys q

# --- a terminal too small: the message whole at 20x10 --------------------------------
ui_start 80x24 "${args[@]}"
ui_resize 20 10
st=0; ui_wait "Enlarge" || st=1
small=$(ui_screen)
joined=$(tr '\n' ' ' <<<"$small" | tr -s ' ')
grep -qF "tlssim needs a terminal of at least 80x24; this one is 20x10." <<<"$joined" || st=1
grep -qF "Enlarge the window, or press q to quit." <<<"$joined" || st=1
[ "$(wc -L <<<"$small")" -le 20 ] || st=1
check "20x10: the too-small message is whole and readable" $st
ui_keys q

# --- the light theme colours the header lines too -------------------------------------
UI_ENV="LANG=C.UTF-8" ui_start 80x24 "${args[@]}" --theme light
st=0
ui_tmux capture-pane -e -p -t ui | head -2 | python3 -c '
import re, sys
bg = None
for row in sys.stdin.read().split("\n"):
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", row):
        if m.group(1) is not None:
            for c in (int(x) if x else 0 for x in m.group(1).split(";")):
                bg = None if c in (0, 49) else c if 40 <= c <= 47 else bg
        elif bg is None:
            sys.exit(1)
' || st=1
ui_keys q
check "--theme light: every cell of the header lines has the theme's background" $st

echo "tui flow in tmux: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
