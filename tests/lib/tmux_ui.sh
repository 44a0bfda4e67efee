# Drives `tlssim ui` (or the command in $UI_CMD) in a private tmux server, as a person
# at a terminal would.
# Source it after `set -euo pipefail`; $TLSSIM is the binary under test.
# ui_start COLSxLINES ARGS... starts it (UI_READY: the text its first screen shows, "q
# quit" unless set; UI_ENV: its environment); ui_keys sends keys; ui_screen prints the
# screen; ui_wait TEXT waits until the screen shows TEXT; ui_stop ends it.
ui_run=0
ui_dir=$(mktemp -d)
# A fresh tmux server per start: restarting one on the same socket races its exit.
ui_tmux() { tmux -L "tlssim-ui-$$-$ui_run" "$@"; }
ui_cleanup() { ui_tmux kill-server 2>/dev/null || true; rm -rf "$ui_dir"; }
trap ui_cleanup EXIT

ui_start() { # SIZE ARGS...
  local cols=${1%x*} lines=${1#*x}; shift
  local env=${UI_ENV:-LANG=C.UTF-8}
  rm -f "$ui_dir/status"
  ui_tmux kill-server 2>/dev/null || true
  ui_run=$((ui_run + 1))
  # The exit status goes to a file; the pane then stays open for capture.
  ui_tmux new-session -d -s ui -x "$cols" -y "$lines" \
    "env $env $TLSSIM ${UI_CMD:-ui} $*; echo \$? > $ui_dir/status; sleep 600"
  ui_wait "${UI_READY:-q quit}" || { echo "the UI did not come up"; ui_screen; return 1; }
}
ui_keys() { ui_tmux send-keys -t ui "$@"; }
ui_screen() { ui_tmux capture-pane -p -t ui; }
# ui_wait TEXT [TENTHS]: polls the screen until it shows TEXT (fixed string), for
# at most TENTHS tenths of a second (5 s by default).
ui_wait() {
  local i n=${2:-50}
  for ((i = 0; i < n * 5; i++)); do
    ui_screen | grep -qF -- "$1" && return 0
    sleep 0.02
  done
  return 1
}
# ui_settle BEFORE: waits until the UI has drawn its answer to the keys just sent:
# the screen differs from BEFORE and two captures in a row agree (a redraw can reach
# tmux in pieces). Leaves that screen in $ui_shown. False if nothing changed within
# 5 s: the keys had no effect.
ui_settle() {
  local i now last=""
  for ((i = 0; i < 250; i++)); do
    now=$(ui_screen)
    if [ "$now" != "$1" ] && [ "$now" = "$last" ]; then ui_shown=$now; return 0; fi
    last=$now
    sleep 0.02
  done
  return 1
}
# ui_press KEY...: sends the keys and waits for their effect, as ui_settle does.
ui_press() {
  local before
  before=$(ui_screen)
  ui_keys "$@"
  ui_settle "$before"
}
# ui_click COL ROW (0-based): a left click, as an xterm sends it (X10 mouse encoding).
ui_click() {
  local b x y
  x=$(printf '\\x%x' $((33 + $1))); y=$(printf '\\x%x' $((33 + $2)))
  for b in '\x20' '\x23'; do # press, then release
    ui_keys -l "$(printf "\e[M$b$x$y")"
  done
}
# ui_wheel COL ROW up|down: one notch of the mouse wheel (buttons 4 and 5, X10 encoding).
ui_wheel() {
  local b=$'\x60' x y
  [ "$3" = down ] && b=$'\x61'
  x=$(printf '\\x%x' $((33 + $1))); y=$(printf '\\x%x' $((33 + $2)))
  ui_keys -l "$(printf "\e[M$b$x$y")"
}
# ui_find TEXT: "COL ROW" of the first place the screen shows TEXT.
ui_find() {
  local line row prefix
  line=$(ui_screen | grep -nF -m1 -- "$1") || return 0
  row=$((${line%%:*} - 1))
  prefix=${line#*:}
  prefix=${prefix%%"$1"*}
  # Columns are characters, not bytes: the borders and arrows are UTF-8.
  echo "$(printf '%s' "$prefix" | LC_ALL=C.UTF-8 wc -m) $row"
}
ui_resize() { ui_tmux resize-window -t ui -x "$1" -y "$2"; }
# ui_status: the exit status once the UI has ended (waits up to 5 s).
ui_status() {
  for _ in $(seq 250); do [ -s "$ui_dir/status" ] && { cat "$ui_dir/status"; return 0; }; sleep 0.02; done
  echo "none"
}
