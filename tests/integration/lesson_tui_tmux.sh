#!/usr/bin/env bash
# The lesson view driven in tmux at 80x24 as a student would: the lesson menu, a
# lesson's intro, a wrong answer (its hint shown), then the right one (its
# explanation), bytes selected in the hex pane, an answer given up, the finish with
# the score; then the menu and `tlssim lesson --report` show the lesson done. The
# right answers come from `tlssim run --json` for the lesson's seed, not from the
# lesson engine. Progress goes to a temporary XDG_STATE_HOME.
set -euo pipefail
. "$(dirname "$0")/../lib/tmux_ui.sh"
lessons=$(cd "$(dirname "$0")/lessons" && pwd)
state=$(mktemp -d)
trap 'ui_cleanup; rm -rf "$state"' EXIT
failures=0 cases=0
check() { # NAME CONDITION-STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
has() { ui_screen | grep -qF -- "$1"; }
# The lesson pane scrolls; Down until TEXT shows, at most 30 lines.
scroll_to() {
  local screen
  for _ in $(seq 30); do
    has "$1" && return 0
    screen=$(ui_screen)
    ui_keys Down
    ui_settle "$screen" || return 1
  done
  return 1
}

# The run the lesson makes (its @scenario line), and what it must show.
json=$("$TLSSIM" run --suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 --group x25519 --seed 7 --json -)
hello=$(jq -c '[.events[] | select(.actor == "client" and .kind == "message" and .title == "ClientHello")][0]' <<<"$json")
off=$(jq '.fields[] | select(.name == "random") | .offset' <<<"$hello")
random4=$(jq -r --argjson o "$off" '.bytes[($o * 2):($o * 2 + 8)]' <<<"$hello")
[ ${#random4} = 8 ] || { echo "FAIL  no ClientHello random in the trace"; exit 1; }
wrong=$(printf '%08x' $(((0x$random4 + 1) & 0xffffffff)))
server_random_len=$(jq '[.events[] | select(.actor == "server" and .kind == "message" and .title == "ServerHello")][0]
  | .fields[] | select(.name == "random") | .length' <<<"$json")

UI_CMD="lesson --lessons $lessons" UI_READY="choose a lesson" \
  UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
st=0
for _ in $(seq 40); do
  has "│ A lesson for the TUI test: the hellos, looked at closely" && break
  ui_press Down || break
done
has "│ A lesson for the TUI test: the hellos, looked at closely" && has "about 5 minutes" || st=1
ui_screen | grep -F "A lesson for the TUI test" | grep -qF "not yet" || st=1
has "Records and the map of the handshake" || st=1
check "the menu lists the built-in lessons and --lessons' one, not done yet" $st

ui_keys Enter
st=0; ui_wait "Press Enter to start" && has "Level 1 (first steps), about 5 minutes, 3 steps." &&
  has "It teaches RFC 5246 7.4.1.2, 7.4.1.3." && has "Do first: Records and the map of the handshake." &&
  has "The random values are secret. (They travel in the clear, in both" &&
  has "The server may pick any suite. (It picks one the client offered.)" || st=1
check "the intro: level, minutes, RFC sections, what it requires, its misconceptions" $st

ui_keys Enter
st=0; ui_wait "Step 1 of 3: The client speaks first" && has "#0 client → server: ClientHello" &&
  has "random = ${random4}" || st=1
check "step 1: the ladder on ClientHello, its random selected" $st

# 80x24 cuts nothing off: the end of the narration is reached by scrolling (the
# mouse wheel over the lesson pane, then the keys).
st=0; has "END-OF-NARRATION" && st=1
has "more below" || st=1
has "more above" && st=1
read -r col row <<<"$(ui_find "lesson: tui-student")"
[ -n "$row" ] && ui_wheel "$((col + 4))" "$((row + 2))" down
ui_wait "more above" || st=1
check "the mouse wheel scrolls the lesson pane" $st
st=0; scroll_to "END-OF-NARRATION" || st=1
scroll_to "What are the first 4 bytes of the client random?" || st=1
check "80x24: the narration scrolls to its last line and to the question" $st

ui_keys Enter
ui_wait "Your answer: _" || true
ui_keys "$wrong" Enter
st=0; ui_wait "Not right (answers given: 1)." &&
  has "Hint 1: The random comes right after the version in the ClientHello." || st=1
has "Hint 2:" && st=1
check "a wrong answer: not right, the first hint" $st

ui_keys Enter
ui_wait "Your answer: _" || true
ui_keys "$random4" Enter
st=0; ui_wait "Right! The answer: $random4" && has "The random travels in the clear" || st=1
check "the right answer (from run --json for the seed): right, the explanation" $st

ui_keys Right
st=0; ui_wait "Step 2 of 3: The server's choice" && has "server → client: ServerHello" || st=1
check "Right: step 2 moves the ladder to ServerHello" $st

# A select question: l goes to the field list, on its first field (msg_type, wrong):
# the step's @highlight is the answer, so the view does not select it for the student.
# Then down to cipher_suite.
ui_keys l
st=0; ui_wait "l or Esc: back to the lesson" && has "which handshake message this is" || st=1
ui_keys a
ui_wait "Not right (answers given: 1). Hint 1: It is a field of the ServerHello" || st=1
for _ in $(seq 12); do has "one suite the server chose" && break; ui_press Down || break; done
has "cipher_suite = 0xc02f" || st=1
ui_keys a
ui_wait "Right! The answer: the 2 bytes of cipher_suite in ServerHello" &&
  has "These two bytes name the suite" || st=1
check "select: a wrong field gets the hint, the cipher_suite field is right" $st

ui_keys Right
st=0; scroll_to "How many bytes long is the server's random?" || st=1
ui_keys r
ui_wait "The answer: $server_random_len" && has "Both randoms are 32 bytes long." || st=1
check "r shows the answer ($server_random_len, as run --json has it) and the explanation" $st

# An @exercise step: the exercise opens in its own screen; q there comes back here.
ui_keys Right
st=0; ui_wait "Step 3 of 3: A hidden fault" && has "Press Enter to start" || st=1
ui_keys Right
ui_wait "Start the exercise first: press Enter." || st=1
ui_keys Enter
ui_wait "find the hidden fault" || st=1
ui_keys q
ui_wait "Exercise done: 0 of 4 parts right (saved to your progress)." &&
  has "fault was cert-expired." && has "Step 3 of 3: A hidden fault" || st=1
check "an @exercise step: the exercise opens, q comes back to the same step" $st

ui_keys Right
st=0; ui_wait "Score: 2 of 3 questions right." && has "1 answer was shown to you with r" &&
  has "Hints used: 2." && has "Saved to your progress" && has "last lesson of the course" || st=1
check "the finish: the score, the answer shown, the hints, what comes next" $st

ui_keys Enter
st=0; ui_wait "choose a lesson" || st=1
ui_screen | grep -F "A lesson for the TUI test" | grep -qF "done 2/3" || st=1
check "back in the menu, the lesson is done with 2 of 3" $st

ui_keys q
st=0; [ "$(ui_status)" = 0 ] || st=1
check "q in the menu quits with status 0" $st

report=$(XDG_STATE_HOME=$state "$TLSSIM" lesson --report)
st=0; grep -q "^tui-student: done, score 2/3" <<<"$report" || st=1
check "lesson --report lists it done, 2 of 3" $st
[ "$st" = 0 ] || sed 's/^/      /' <<<"$report"

st=0; out=$(XDG_STATE_HOME=$state "$TLSSIM" lesson --lessons "$lessons" </dev/null 2>&1) && st=1
[ "$(XDG_STATE_HOME=$state "$TLSSIM" lesson </dev/null >/dev/null 2>&1; echo $?)" = 2 ] || st=1
grep -q "not a terminal" <<<"$out" || st=1
check "without a terminal: a message, exit 2" $st

# @highlight of what is not a field: a secret, an input, a check, a step inside the
# PRF. The detail pane marks it (▶) and scrolls it into view, at 80x24 with the lesson
# pane open; its bytes are the ones `tlssim run --json` has for the lesson's seed.
marks=$(cd "$(dirname "$0")/lessons-marks" && pwd)
value() { # ACTOR ID KIND NAME: the first 16 bytes (hex) of a computation's value
  jq -r --arg a "$1" --arg id "$2" --arg k "$3" --arg n "$4" '[.events[] | select(.actor == $a and .id == $id)][0]
    | .[$k][] | select(.name == $n) | .hex[0:32]' <<<"$json"
}
master=$(value client master_secret outputs master_secret)
session_hash=$(value client master_secret inputs session_hash)
block2=$(value client key_block steps block2)
[ ${#master} = 32 ] && [ ${#session_hash} = 32 ] && [ ${#block2} = 32 ] ||
  { echo "FAIL  no master_secret, session_hash or key_block steps in run --json"; exit 1; }
UI_CMD="lesson tui-marks --lessons $marks" UI_READY="Press Enter to start" \
  UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
ui_keys Enter
st=0; ui_wait "▶ master_secret (48 bytes)" && has "$master" &&
  has "(The step's details mark master_secret with ▶.)" || st=1
check "@highlight of a secret: marked in the detail pane, in view, with its bytes" $st
ui_keys Right
st=0; ui_wait "▶ session_hash (32 bytes)" && has "$session_hash" || st=1
has "▶ master_secret" && st=1
check "@highlight of an input: marked and in view; the step before's mark gone" $st
ui_keys Right
st=0; ui_wait "▶ the verdict of this check:" && has "✓ passed" || st=1
check "@highlight of a check: its verdict marked and in view" $st
ui_keys Right
st=0; ui_wait "▶ block2 (32 bytes)" && has "$block2" || st=1
check "@highlight of a step inside the PRF: the PRF opened, block2 marked and in view" $st
# A select question for bytes inside a field (bytes(ClientHello.random, 0, 4)): the
# whole field is wrong; v on its first byte and ] three times marks the 4 bytes, right.
ui_keys Right
st=0; ui_wait "Select the first 4 bytes of the client random." || st=1
ui_keys l
ui_wait "random = ${random4}" || st=1
ui_keys a
ui_wait "Not right (answers given: 1). Hint 1: Not the whole random" || st=1
ui_keys v
ui_wait "marked: ] [ (or Down Up) move the other end" || st=1
ui_keys "]" "]" "]"
ui_keys a
last=$((off + 3))
ui_wait "Right! The answer: the 4 bytes $(printf '%04x to %04x' "$off" "$last") of ClientHello" &&
  has "of random, step 1) in the hex pane" || st=1
check "select bytes inside a field: the field is wrong, v and ] mark the 4 bytes, right" $st
# r shows such an answer where it is: the 2 bytes, offsets from run --json.
sh_off=$(jq '[.events[] | select(.actor == "server" and .kind == "message" and .title == "ServerHello")][0]
  | .fields[] | select(.name == "random") | .offset + 30' <<<"$json")
ui_keys Right
st=0; ui_wait "Select the last 2 bytes of the server random." || st=1
ui_keys r
ui_wait "The answer: the 2 bytes $(printf '%04x to %04x' "$sh_off" $((sh_off + 1))) of ServerHello" ||
  st=1
check "r on a select question for bytes inside a field: the bytes and their offsets" $st
ui_keys q
ui_wait "choose a lesson" || true
ui_keys q

# Leaving a lesson half done: its place (step, question, each question's answers
# and hints, the seed) is saved; opening it again offers to go on there or start
# again. `lesson hellos` without --seed: a fresh seed each time, so going on must
# bring the saved one back (its ClientHello random is the answer).
row_of() { ui_screen | grep -F -- "$1"; }
UI_CMD="lesson hellos" UI_READY="Enter start" \
  UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
ui_keys Enter
ui_wait "Step 1 of 7" || true
ui_keys Right
ui_wait "Step 2 of 7: A fresh random" || true
ui_keys Enter
ui_wait "Your answer: _" || true
ui_keys 00000000 Enter
st=0; ui_wait "Not right (answers given: 1)." || st=1
ui_keys q
ui_wait "choose a lesson" && row_of "The hellos" | grep -qF "step 2/7" || st=1
check "a lesson left at step 2: the menu says so" $st
ui_keys q
seed=$(jq -r '.places.hellos.seed' "$state/tlssim/progress.json")
hellos_random4=$("$TLSSIM" run --tls 1.2 --seed "$seed" --json - | jq -r '[.events[] |
  select(.actor == "client" and .kind == "message" and .title == "ClientHello")][0] as $e
  | ($e.fields[] | select(.name == "random") | .offset) as $o | $e.bytes[($o * 2):($o * 2 + 8)]')
UI_CMD="lesson hellos" UI_READY="You left this lesson at step 2 of 7" \
  UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
st=0; has "Enter goes on from there; r starts again from step 1." && has "r start again" || st=1
check "opened again: the intro offers to go on at step 2 or to start again" $st
ui_keys Enter
# The pane opens on the question's feedback (as after an answer): step 2's question.
st=0; ui_wait "Not right (answers given: 1)." && has "Hint 1:" &&
  has "What are the first 4 bytes of the client random?" || st=1
ui_keys r
ui_wait "The answer: $hellos_random4" || st=1
check "going on: step 2, its wrong answer and hint kept, the answer from the saved seed $seed" $st
ui_keys q
ui_wait "choose a lesson" || true
ui_keys q
UI_CMD="lesson hellos" UI_READY="You left this lesson at step 2 of 7" \
  UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
st=0; has "with 1 of 5 questions" || st=1
ui_keys r
ui_wait "Step 1 of 7" || st=1
ui_keys Right
ui_wait "Step 2 of 7" || st=1
scroll_to "r shows the answer." || st=1
has "The answer:" && st=1
has "Not right" && st=1
check "r on the intro starts again: step 1, then the question open again" $st
ui_keys q
ui_wait "choose a lesson" || true
ui_keys q

# --theme for a class's projector, as in `tlssim ui`: the light theme draws every cell
# of the menu on its background (the dark one leaves the terminal's own around the
# frames).
UI_CMD="lesson --theme light" UI_READY="choose a lesson" \
  UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
st=0; ui_all_on_background || st=1
ui_keys q
UI_CMD="lesson" UI_READY="choose a lesson" UI_ENV="LANG=C.UTF-8 XDG_STATE_HOME=$state" ui_start 80x24
ui_all_on_background && st=1
ui_keys q
check "lesson --theme light: every cell of the menu on the theme's background (dark: not)" $st
st=0; "$TLSSIM" lesson --theme sepia </dev/null >/dev/null 2>"$state/theme.err" && st=1
grep -q "theme is dark, light or mono, not 'sepia'" "$state/theme.err" || st=1
check "lesson --theme with an unknown name: a message, exit 2" $st

echo "lesson view in tmux: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
