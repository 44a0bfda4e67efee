# Drives `tlssim ui` (or the command in $UI_CMD) in a private tmux server, as a person
# at a terminal would.
# Source it after `set -euo pipefail`; $TLSSIM is the binary under test.
# ui_start COLSxLINES ARGS... starts it (UI_READY: the text its first screen shows, "q
# quit" unless set; UI_ENV: its environment); ui_keys sends keys; ui_screen prints the
# screen; ui_wait TEXT waits until the screen shows TEXT; ui_stop ends it.
ui_run=0
ui_dir=$(mktemp -d)
# A fresh tmux server per start: restarting one on the same socket races its exit.
# The tmux server outlives the client that starts it and would keep every file it
# inherits open: make's jobserver pipe among them, and make waits at its end until no
# one holds that pipe (a server left behind hung `make test`). So tmux gets only 0-2.
ui_tmux() { _ui_nofds tmux -L "tlssim-ui-$$-$ui_run" "$@"; }
_ui_nofds() { # COMMAND...: runs it with no open file beyond standard input, output, error
  (
    set +e # a file already gone must not stop the command from running
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      [ "$fd" -gt 2 ] 2>/dev/null && { eval "exec $fd>&-"; } 2>/dev/null
    done
    exec "$@"
  )
}
ui_cleanup() {
  ui_tmux kill-server 2>/dev/null || true
  if [ -n "${ui_cm_pid:-}" ]; then kill "$ui_cm_pid" 2>/dev/null || true; fi
  # The pane's shell may still write its status file as the server goes: a failed
  # rm must not fail the test (it runs in an EXIT trap, under set -e).
  rm -rf "$ui_dir" 2>/dev/null || rm -rf "$ui_dir" 2>/dev/null || true
}
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
# Polling the screen would start a tmux client (and a sleep, a grep) each 20 ms, and
# starting a process costs 10-30 ms of CPU here: seconds per test. Instead one tmux
# client in control mode (tmux -C, started by the first call after ui_start) takes
# the captures and keys: a command written to it, its answer read back between
# %begin and %end, with bash builtins only. -f no-output: it is not sent the pane's
# output; ignore-size: it never sizes the window. A capture comes back through a
# file: bash reads a pipe a byte per system call, a file a block at a time.
ui_cm_run="" ui_cm_w="" ui_cm_r=""
mkfifo "$ui_dir/nap"
exec {ui_nap}<>"$ui_dir/nap" # never written: `read -t` on it is a sleep without a process
_ui_cm_start() {
  [ -n "$ui_cm_w" ] && exec {ui_cm_w}>&- {ui_cm_r}<&-
  ui_cm_w="" ui_cm_r="" ui_cm_run=$ui_run
  local f=$ui_dir/cm.$ui_run
  mkfifo "$f.in" "$f.out"
  ui_tmux -C attach-session -f no-output,ignore-size -t ui <"$f.in" >"$f.out" 2>/dev/null &
  ui_cm_pid=$!
  exec {ui_cm_w}<>"$f.in" {ui_cm_r}<>"$f.out"
}
# _ui_cmd COMMAND: runs a tmux command (one line, tmux syntax) through the control
# client; its output in $ui_out. False if tmux says it failed, or no answer in 5 s.
_ui_cmd() {
  if [ "$ui_cm_run" != "$ui_run" ]; then
    # A subshell (`ui_screen | grep`) cannot start the client for its parent: the
    # parent would start a second one. It asks tmux the usual way.
    [ "$BASHPID" = "$$" ] || { ui_out=$(eval "ui_tmux $1" 2>&1); return; }
    _ui_cm_start
  fi
  printf '%s\n' "$1" >&"$ui_cm_w"
  local line begin="" out=""
  while IFS= read -r -t 5 -u "$ui_cm_r" line; do
    if [ -z "$begin" ]; then
      # Only answers to this client's commands (flags 1); notifications are skipped.
      case $line in "%begin "*" 1") begin=${line#%begin } ;; esac
      continue
    fi
    case $line in
      "%end $begin") ui_out=${out%$'\n'}; return 0 ;;
      "%error $begin") ui_out=${out%$'\n'}; echo "$ui_out" >&2; return 1 ;;
    esac
    out+=$line$'\n'
  done
  ui_out=""; echo "tmux_ui: no answer from tmux to: $1" >&2; return 1
}
# _ui_quote ARG: ARG as one word of tmux's command syntax (false if it cannot be:
# only printable ASCII is sent this way).
_ui_quote() {
  case $1 in *[!\ -~]*) return 1 ;; esac
  if [[ $1 != *"'"* ]]; then ui_word="'$1'"; return; fi
  local w=${1//\\/\\\\}; w=${w//\"/\\\"}; w=${w//\$/\\\$}
  ui_word="\"$w\""
}
ui_keys() {
  local a cmd="send-keys -t ui"
  for a in "$@"; do
    _ui_quote "$a" || { ui_tmux send-keys -t ui "$@"; return; }
    cmd+=" $ui_word"
  done
  _ui_cmd "$cmd"
}
# ui_screen: the screen on standard output. In a pipeline (`ui_screen | grep -q`) a
# reader that has seen enough may stop reading: as with tmux's own client that is no
# failure (under pipefail), so a subshell ignores SIGPIPE (never the caller's shell:
# an ignored signal would pass on to every program it starts).
# _ui_capture: the screen into $ui_out (no process started).
_ui_capture() {
  local f=$ui_dir/screen lines
  _ui_cmd "capture-pane -t ui -b tlssim-ui-screen" && _ui_cmd "save-buffer -b tlssim-ui-screen '$f'" || return 1
  mapfile -t lines <"$f" || return 1
  printf -v ui_out '%s\n' "${lines[@]}"
  ui_out=${ui_out%$'\n'}
}
# ui_has TEXT: the screen shows TEXT now (fixed string); ui_has_re ERE: a line of it
# matches the extended regular expression (as grep -E). No process is started.
ui_has() { _ui_capture && [[ $ui_out == *"$1"* ]]; }
ui_has_re() { _ui_capture && ui_lines_match "$1" "$ui_out"; }
# ui_lines_match ERE TEXT: a line of TEXT matches ERE.
ui_lines_match() {
  local l rest=$2$'\n'
  while [ -n "$rest" ]; do
    l=${rest%%$'\n'*} rest=${rest#*$'\n'}
    [[ $l =~ $1 ]] && return 0
  done
  return 1
}
ui_screen() {
  _ui_capture || return 1
  if [ "$BASHPID" != "$$" ]; then trap '' PIPE; fi
  printf '%s\n' "$ui_out" 2>/dev/null || true
}
# ui_wait TEXT [TENTHS]: polls the screen until it shows TEXT (fixed string), for
# at most TENTHS tenths of a second (30 s by default: ASan on a loaded CI machine is slow).
ui_wait() {
  local i n=${2:-300}
  for ((i = 0; i < n * 5; i++)); do
    ui_has "$1" && return 0
    read -r -t 0.02 -u "$ui_nap" || true
  done
  return 1
}
# ui_settle BEFORE: waits until the UI has drawn its answer to the keys just sent:
# the screen differs from BEFORE and three captures in a row agree (ncurses writes a
# redraw in pieces of about 2 KB, and under ASan on a loaded machine a pause between
# two pieces can outlast one 20 ms nap). Leaves that screen in $ui_shown. False if
# nothing changed within 30 s: the keys had no effect.
ui_settle() {
  local i now last="" same=0
  for ((i = 0; i < 1500; i++)); do
    _ui_capture || true
    now=$ui_out
    if [ "$now" != "$1" ] && [ "$now" = "$last" ]; then
      same=$((same + 1))
      [ "$same" -ge 2 ] && { ui_shown=$now; return 0; }
    else
      same=0
    fi
    last=$now
    read -r -t 0.02 -u "$ui_nap" || true
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
# ui_all_on_background: every cell of the screen has a background colour set (the
# light theme's); false where one is on the terminal's own (the dark theme's). From
# tmux's capture with colours, whose SGR state carries from line to line.
ui_all_on_background() {
  ui_tmux capture-pane -e -p -t ui | python3 -c '
import re, sys
bg = None
for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b\n])", sys.stdin.read()):
    if m.group(1) is not None:
        for c in (int(x) if x else 0 for x in m.group(1).split(";")):
            bg = None if c in (0, 49) else c if 40 <= c <= 47 else bg
    elif bg is None:
        sys.exit(1)
'
}
