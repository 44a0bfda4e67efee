#!/usr/bin/env bash
# Record protection on a successful run (issue 13), checked from outside tlssim: for
# a GCM, a ChaCha20-Poly1305 and two CBC suites, record_recompute.py derives the key
# block from the key log with its own TLS 1.2 PRF, opens every record of the capture
# with Python's cryptography (and hmac for CBC) and checks every value the JSON
# gives; then the TUI at 80x24, stepped to the client's first encrypted record,
# must show its sequence number, nonce (CBC: IV), additional data and tag (CBC: MAC)
# as recomputed.
set -euo pipefail
. "$(dirname "$0")/../lib/tmux_ui.sh"
here=$(dirname "$0")
d=$(mktemp -d)
trap 'rm -rf "$d"; ui_cleanup' EXIT
failures=0 cases=0
check() { # NAME STATUS [DETAIL]
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1${3:+: $3}"; failures=$((failures + 1)); fi
}
# The detail pane's text at 80x24: columns 33 to 78, right of the ladder (32 wide)
# and inside the pane's border.
# The detail pane: the columns right of the corner of its frame (line 3 of the screen).
detail() {
  ui_screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
col = lines[2].rfind("\u250c") if len(lines) > 2 else -1
for l in lines:
    print(l[col + 1:].rstrip().rstrip("\u2502") if col >= 0 else l)'
}

# Whether the pane text shows the value under its name: on the name's line when it
# fits, else wrapped under "NAME (N bytes)".
shows() { # NAME VALUE TEXT
  grep -qF -- "  $1  $2" <<<"$3" && return 0
  grep -qF -- "  $1 (" <<<"$3" && grep -qF -- "$2" <<<"$(tr -d ' \n' <<<"$3")"
}

seed=11
for suite in TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 \
             TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 TLS_RSA_WITH_AES_128_CBC_SHA; do
  seed=$((seed + 1))
  args=(--seed "$seed" --time 2026-06-01 --suite "$suite")
  out="$d/$seed"
  if ! "$TLSSIM" run "${args[@]}" --quiet --json "$out.json" --pcap "$out.pcap" --keylog "$out.keys" >/dev/null; then
    check "$suite: the run completes" 1; continue
  fi
  st=0; why=$(python3 "$here/record_recompute.py" "$suite" "$out.json" "$out.pcap" "$out.keys" 2>&1 >"$out.want") || st=1
  check "$suite: every record's values in the JSON match the capture opened with the key log" $st "$why$(cat "$out.want")"
  [ $st = 0 ] || continue
  event=$(sed -n 's/^event=//p' "$out.want")

  ui_start 80x24 "${args[@]}"
  ui_keys o # the chain checks unfolded: Right then visits every step of the trace
  keys=(); for ((i = 0; i < event; i++)); do keys+=(Right); done
  ui_keys "${keys[@]}"
  # 40-odd redraws: under ASan on a loaded machine that takes more than the usual 5 s.
  st=0; ui_wait "#$event client → server: record: Finished" 300 || st=1
  check "$suite: the UI steps to the client's first encrypted record (#$event)" $st
  text=$(detail)
  while IFS== read -r name value; do
    case $name in event | scrolled*) continue ;; esac
    st=0; shows "$name" "$value" "$text" || st=1
    check "$suite: 80x24 shows $name $value" $st "$(printf '\n%s' "$text")"
  done <"$out.want"
  # Each value is explained in a line of its own, and no line runs past the pane.
  st=0; grep -qF "counted by each side, never sent" <<<"$text" || st=1
  check "$suite: the sequence number is explained" $st
  # The rest of the values is below: the mouse wheel over the pane scrolls to them.
  key=$(sed -n 's/^scrolled key=//p' "$out.want")
  st=1
  for _ in 1 2 3 4 5 6 7 8; do # a notch at a time, until the key shows or nothing moves
    before=$(ui_screen)
    ui_wheel 50 12 down
    ui_settle "$before" || break
    if shows key "$key" "$(detail)"; then st=0; break; fi
  done
  check "$suite: the wheel scrolls the values down to the key" $st "$(printf '\n%s' "$(detail)")"
  ui_keys q
done
echo "record protection: $((cases - failures)) of $cases checks passed"
[ "$failures" = 0 ]
