#!/usr/bin/env bash
# The terminal UI's speed and size, measured in tmux: time from launch to the first
# full screen, time to handle a key and redraw, and peak memory. Prints figures only
# (goals: first screen within 100 ms, a redraw within 10 ms, under 20 MiB).
set -euo pipefail
cd "$(dirname "$0")/.."
TLSSIM=${TLSSIM:-$PWD/${BUILD:-build}/tlssim}
. tests/lib/tmux_ui.sh
timing="$ui_dir/timing"
runs=${RUNS:-5}
outside=()
for r in $(seq "$runs"); do
  t0=$(date +%s%N)
  UI_ENV="LANG=C.UTF-8 TLSSIM_TUI_TIMING=$timing.$r" ui_start 80x24 --seed "$r"
  t1=$(date +%s%N)
  outside+=($(( (t1 - t0) / 1000000 )))
  if [ "$r" = "$runs" ]; then
    # Step through the whole handshake and back, move in the panes, switch views.
    for _ in $(seq 70); do ui_keys Right; done
    for k in 2 3 4 Down Down Enter 1 Tab Down Down Tab PgDn PgUp; do ui_keys "$k"; done
    for _ in $(seq 70); do ui_keys Left; done
    ui_resize 132 40; sleep 0.2; ui_resize 80 24
    ui_wait "step 1/" || true
    sleep 0.5
    pane=$(ui_tmux list-panes -t ui -F '#{pane_pid}')
    pid=$(pgrep -P "$pane" tlssim || pgrep -P "$(pgrep -P "$pane" | head -1)" tlssim)
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  fi
  ui_keys q
  ui_status >/dev/null
done
first=$(cat "$timing".* | awk '/first_screen_ms/ {print $2}' | sort -n)
redraws=$(awk '/redraw_ms/ {print $2}' "$timing.$runs" | sort -n)
n=$(wc -l <<<"$redraws")
pct() { sed -n "$(awk -v n="$n" -v p="$1" 'BEGIN { i = int(n * p / 100 + 0.5); print i < 1 ? 1 : i }')p" <<<"$redraws"; }
echo "tlssim ui at 80x24, default scenario, $runs launches"
echo "first full screen, inside tlssim (from the start of 'ui' to the first refresh):"
echo "  median $(sed -n "$(( (runs + 1) / 2 ))p" <<<"$first") ms, worst $(tail -1 <<<"$first") ms   (goal: 100 ms)"
echo "first full screen, seen from outside (tmux launch until the screen is drawn, polled every 100 ms):"
echo "  $(printf '%s ' "${outside[@]}")ms"
echo "redraw after a key ($n keys: steps, views, panes, resizes):"
echo "  median $(pct 50) ms, 95th percentile $(pct 95) ms, worst $(tail -1 <<<"$redraws") ms   (goal: 10 ms)"
echo "peak memory (VmHWM): $((peak / 1024)).$(( (peak % 1024) * 10 / 1024 )) MiB   (goal: under 20 MiB)"
