#!/usr/bin/env bash
# The narration at 80x24: every step's narration shows whole (the box grows), and
# says who does what in a sentence; the header of a run that agreed no suite does not
# name one.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
source "$(dirname "$0")/../lib/tmux_ui.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"; ui_cleanup' EXIT

# Each step's narration, as tlssim run prints it (the line under the step's header).
"$TLSSIM" run --seed 1 --ascii --time 2026-06-01 >"$d/run.txt"
ui_start 80x24 --seed 1 --time 2026-06-01
ui_keys Home
n=$(grep -c '^#' "$d/run.txt")
checked=0
for ((i = 0; i < n; i++)); do
  # The last five words of the step's narration must be on the screen, in order.
  line=$(awk -v want="#$i " 'found { print; exit } index($0, want) == 1 { found = 1 }' "$d/run.txt")
  tail_words=$(sed 's/^ *//' <<<"$line" | awk '{ for (k = NF - 4; k <= NF; k++) if (k > 0) printf "%s ", $k }' | sed 's/ $//')
  screen=$(ui_screen | tr '\n' ' ' | tr -s ' ')
  if [[ "$line" == *"It holds"* || "$line" == *"The "* ]] && ! grep -qF -- "$tail_words" <<<"$screen"; then
    ui_screen; fail "step $i: the narration is cut: '$tail_words' not shown"
  fi
  checked=$((checked + 1))
  ui_press Right || break
done
[ "$checked" -ge 60 ] || fail "only $checked steps checked"
grep -q "The client checks the server's own certificate (depth 0 of its chain)" "$d/run.txt" ||
  fail "no sentence for the first chain check"
grep -q "checks certificate check" "$d/run.txt" && fail "a title pasted into a sentence"

# no-shared-cipher: no ServerHello, so no suite in the header.
ui_start 80x24 --seed 1 --fault no-shared-cipher
head -1 <<<"$(ui_screen)" | grep -q "no suite agreed" || { ui_screen; fail "the header names a suite"; }
head -1 <<<"$(ui_screen)" | grep -q "ECDHE" && fail "the header keeps the ECDHE suite"
echo "narration in tmux: $checked steps whole at 80x24; the header without a suite: ok"
