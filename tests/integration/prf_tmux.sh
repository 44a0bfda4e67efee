#!/usr/bin/env bash
# The PRF opened in the terminal UI at 80x24, the projector's size: on the client's
# master secret the fold is closed and says so; Enter opens it and shows A(1) and the
# first output block with the bytes the engine recorded (run --json); Enter folds it
# again; the secrets view shows the same fold. Each text is checked whole, so a line
# cut at the pane's edge fails.
set -euo pipefail
. "$(dirname "$0")/../lib/tmux_ui.sh"
failures=0 cases=0
check() { # NAME STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
has() { ui_screen | grep -qF -- "$1"; }
args=(--seed 42 --time 2026-06-01)
json=$("$TLSSIM" run "${args[@]}" --json -)
step() { jq -r "[.events[] | select(.id == \"master_secret\" and .actor == \"client\") | .steps[] | select(.name == \"$1\") | .hex][0]" <<<"$json"; }
a1=$(step A1) block1=$(step block1)
seq=$(jq -r '[.events[] | select(.id == "master_secret" and .actor == "client") | .seq][0]' <<<"$json")
if [ ${#a1} != 64 ] || [ ${#block1} != 64 ]; then echo "no A1 or block1 in run --json"; exit 1; fi

ui_start 80x24 "${args[@]}"
ui_keys o # the chain checks unfolded: Right then visits every step of the trace
# To the client's master secret: the Right key $seq times.
# shellcheck disable=SC2046 # separate Right keys, in one tmux command
ui_keys $(printf 'Right %.0s' $(seq "$seq"))
st=0; ui_wait "#$seq client: master secret" 300 && has "▸ Enter opens the PRF: 2 HMAC blocks" &&
  ! has "${a1:0:40}" || st=1
check "the master secret's PRF is folded, and the fold says how to open it" $st

# The detail pane is 44 columns wide at 80x24: 20 bytes of hex to a line.
ui_press Enter || true
st=0; has "▾ inside the PRF, RFC 5246 5 (Enter folds)" && has "A1 (32 bytes) - A(1) =" &&
  has "HMAC(pre_master_secret, label + seed)" && has "${a1:0:40}" && has "${a1:40}" &&
  has "block1 (32 bytes) -" && has "output bytes 0..31" &&
  has "${block1:0:40}" || st=1 # its second line is under the pane at 80x24
check "Enter opens it: A(1) and the first output block, with the recorded bytes" $st

ui_press Enter || true
st=0; has "▸ Enter opens the PRF" && ! has "${a1:0:40}" || st=1
check "Enter folds it again" $st

ui_press 2 || true
st=0; has "▸ Enter opens the PRF: 2 HMAC blocks" || st=1
ui_press Enter || true
ui_press PgDn || true
has "${a1}" && has "${block1}" && has "only 32..47 kept, cut to 48 bytes" || st=1
check "the secrets view: the same fold, opened with Enter, the cut of the last block" $st

ui_keys q
echo "prf in tmux: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
