#!/usr/bin/env bash
# `tlssim exercise` driven in tmux at 80x24 as a student would: the first screen and
# the last step before the failure name no fault and no alert; the student answers
# the side once wrongly (a hint) and then rightly, then the check, the alert and the
# fault; the reveal names the fault and the alert, and the progress file has it all.
# The answers come from `tlssim run --json` with the fault the exercise names, and
# from the catalogue (`tlssim list faults`), not from the exercise itself. Also: the
# same seed gives the same fault, categories, usage errors, and the fault menu's
# mode (H) that hides who notices and the alert.
set -euo pipefail
. "$(dirname "$0")/../lib/tmux_ui.sh"
failures=0 cases=0
check() { # NAME CONDITION-STATUS
  cases=$((cases + 1))
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; ui_screen | sed 's/^/      /'; failures=$((failures + 1)); fi
}
has() { ui_screen | grep -qF -- "$1"; }
# at_step N: the status line says step N (trailing blanks are trimmed by tmux).
at_step() { ui_screen | grep -qE -- "step $1 *\$"; }
state=$(mktemp -d)
trap 'ui_cleanup; rm -rf "$state"' EXIT
src=$(cd "$(dirname "$0")/../.." && pwd)

# ex_start SIZE ARGS...: as ui_start, for `tlssim exercise`.
ex_start() {
  local cols=${1%x*} lines=${1#*x}; shift
  rm -f "$ui_dir/status"
  ui_tmux kill-server 2>/dev/null || true
  ui_run=$((ui_run + 1))
  ui_tmux new-session -d -s ui -x "$cols" -y "$lines" \
    "env LANG=C.UTF-8 XDG_STATE_HOME=$state $TLSSIM exercise $*; echo \$? > $ui_dir/status; sleep 600"
  ui_wait "q quit" || { echo "the exercise did not come up"; ui_screen; return 1; }
}
# Every fault name of the catalogue, and every alert name tlssim knows (base/alert.c).
mapfile -t faults < <("$TLSSIM" list faults | awk '{print $1}')
mapfile -t alerts < <(grep -o '{ALERT_[A-Z_]*, "[a-z_]*"}' "$src/base/alert.c" | sed 's/.*"\(.*\)"}/\1/')
[ "${#faults[@]}" -gt 30 ] && [ "${#alerts[@]}" -gt 20 ] || { echo "could not read the catalogue"; exit 1; }
# names_shown: the fault and alert names on the screen, one a line (none: empty).
names_shown() {
  local screen n
  screen=$(ui_screen)
  for n in "${faults[@]}" "${alerts[@]}"; do grep -qF -- "$n" <<<"$screen" && echo "$n"; done
  return 0
}
# choose TEXT: moves the question's cursor to the choice that is TEXT, then Enter.
choose() {
  local i
  for i in $(seq 30); do
    ui_screen | grep -qF -- "> $1 " && { ui_keys Enter; return 0; }
    ui_press Down || true
  done
  return 1
}

seed=4242
args=(--seed "$seed" --time 2026-06-01)
fault=$("$TLSSIM" exercise "${args[@]}" --key | sed -n 's/^fault: \([^ ]*\) .*/\1/p')
# The answers, from an ordinary run of that fault and from the catalogue.
json=$("$TLSSIM" run "${args[@]}" --fault "$fault" --json - || true)
side=$(jq -r '.result.sender' <<<"$json")
alert=$(jq -r '.result.alert' <<<"$json")
code=$(jq -r '.result.code' <<<"$json")
failed_check=$(jq -r '[.events[] | select(.kind == "verify" and .ok == false) | .title][0] // "none"' <<<"$json")
catalogue=$("$TLSSIM" list faults | awk -v f="$fault" '$1 == f')
st=0; [ -n "$fault" ] && grep -qF -- "the $side sends $alert($code)" <<<"$catalogue" || st=1
check "seed $seed hides $fault: the $side sends $alert, as the catalogue says" $st

ex_start 80x24 "${args[@]}"
st=0; has "exercise: find the hidden fault" && at_step 1 && has "client → server: ClientHello" || st=1
shown=$(names_shown); [ -z "$shown" ] || { echo "names on the first screen: $shown"; st=1; }
check "the first screen: ClientHello, no fault name, no alert name" $st

ui_press Right && ui_press Right
st=0; at_step 3 && ! has "✗" || st=1
check "stepping forward" $st
# The ladder ends at the current step: after Home, only the first row is drawn.
ui_press Home
st=0; has "ClientHello ──" && ! has "ServerHello" || st=1
check "the ladder shows nothing beyond the current step" $st
ui_press End
st=0; has "The next step is where it goes wrong" && ! has "✗" && ! has "FAILED" || st=1
shown=$(names_shown); [ -z "$shown" ] || { echo "names at the last step: $shown"; st=1; }
check "the last step before the failure: no failure mark, no fault or alert name" $st

ui_press a
st=0; ui_wait "question 1 of 4" && has "Which side notices" || st=1
check "a opens the first question" $st
wrong=client; [ "$side" = client ] && wrong=server
st=0; choose "$wrong" && ui_wait "Not right. Hint:" || st=1
check "a wrong side: not right, and a hint" $st
st=0; choose "$side" && ui_wait "Right: $side." && ui_wait "question 2 of 4" || st=1
check "the right side ($side)" $st
[ "$failed_check" = null ] || [ "$failed_check" = none ] && failed_check="none: the message was refused"
st=0; choose "$failed_check" && ui_wait "question 3 of 4" && has "Right:" || st=1
check "the right check ($failed_check)" $st
st=0; choose "$alert ($code)" && ui_wait "question 4 of 4" && has "Right: $alert ($code)" || st=1
check "the right alert ($alert)" $st
st=0; choose "$fault" && ui_wait "The hidden fault was $fault" && has "the alert $alert($code)" &&
  has "Your score: 4 of 4 (5 answers, 1 hint)" || st=1
check "the right fault: the reveal names $fault and $alert, the score" $st
ui_press Enter
st=0; has "✗" && has "step " && has "/" || st=1
check "after the reveal: the whole handshake, on the failed step" $st
ui_keys q
st=0; [ "$(ui_status)" = 0 ] && ui_wait "tlssim exercise --seed $seed' gives this puzzle again" || st=1
check "q exits 0 and prints the seed to share" $st

p="$state/tlssim/progress.json"
st=0
jq -e --arg u "exercise/$seed" '.units[$u].last == 4 and .units[$u].max == 4' "$p" >/dev/null || st=1
jq -e --arg i "exercise/$seed/side" '.answers[$i].attempts == 2 and .answers[$i].hints == 1 and .answers[$i].right' "$p" >/dev/null || st=1
jq -e --arg i "exercise/$seed/cause" '.answers[$i].attempts == 1 and .answers[$i].right' "$p" >/dev/null || st=1
check "progress: the score and each answer's attempts and hints" $st

# The same seed, the same puzzle: the same last step, and the same fault revealed.
ex_start 80x24 "${args[@]}"
ui_press End
first_end=$(ui_screen | sed -n '3,20p')
ui_keys q
ex_start 80x24 "${args[@]}"
ui_press End
st=0; [ "$(ui_screen | sed -n '3,20p')" = "$first_end" ] || st=1
ui_press a
for _ in $(seq 14); do has "The hidden fault was" && break; ui_press Enter || true; done
has "The hidden fault was $fault" || st=1
ui_keys q
check "the same seed gives the same puzzle and the same fault" $st

st=0; k1=$("$TLSSIM" exercise --seed 77 --key) && k2=$("$TLSSIM" exercise --seed 77 --key) && [ "$k1" = "$k2" ] || st=1
distinct=$(for s in $(seq 1 12); do "$TLSSIM" exercise --seed "$s" --key | sed -n 's/^fault: //p'; done | sort -u | wc -l)
[ "$distinct" -ge 4 ] || st=1
check "--key: the same seed, the same key; 12 seeds, $distinct different faults" $st

st=0
for s in 1 2 3 4 5 6; do
  "$TLSSIM" exercise --seed "$s" --category records --key | grep -q '^fault: .* (records)$' || st=1
done
check "--category records picks only faults of that category" $st

st=0; err=$("$TLSSIM" exercise --category nonsense --key --seed 1 2>&1 >/dev/null) && st=1
grep -q "server-certificate, client-certificate" <<<"$err" && grep -q "attacker-on-the-wire" <<<"$err" || st=1
[ "$("$TLSSIM" exercise --category nonsense >/dev/null 2>&1; echo $?)" = 2 ] || st=1
check "an unknown category: usage error (2) listing the categories" $st
st=0; out=$("$TLSSIM" exercise </dev/null 2>&1) && st=1
[ "$("$TLSSIM" exercise </dev/null >/dev/null 2>&1; echo $?)" = 2 ] || st=1
grep -q "not a terminal" <<<"$out" || st=1
"$TLSSIM" exercise --fault cert-expired --seed 1 --key >/dev/null 2>&1 && st=1
check "without a terminal: exit 2 with a message; --fault is refused" $st

# The fault menu, hidden mode: no alert name on any page of it.
UI_ENV="LANG=C.UTF-8" ui_start 80x24 --seed 1
ui_keys f
st=0; ui_wait "client sends certificate_expired" || st=1
check "the fault menu shows who notices and the alert" $st
ui_press H
st=0; ui_wait "who notices and the alert hidden" || st=1
for _ in $(seq 6); do
  screen=$(ui_screen)
  shown=$(for a in "${alerts[@]}"; do grep -qF -- "$a" <<<"$screen" && echo "$a"; done || true)
  [ -z "$shown" ] || { echo "alert names in the hidden menu: $shown"; st=1; }
  # A fault's row is its name alone: not "NAME   client sends ALERT" nor "no alert".
  grep -E '\[[ x]\] [a-z0-9-]+ +(client|server|attacker|no alert)' <<<"$screen" && st=1
  grep -qF -- "${faults[-1]}" <<<"$screen" && break # the last page
  ui_press PageDown || break
done
check "H hides them: no alert name and no checker on any page of the menu" $st
ui_keys H
st=0; ui_wait "sends" && ui_wait "H hide answers" || st=1
ui_keys Escape q
check "H again shows them" $st

# --theme light, as in `tlssim ui`: every cell on the theme's background; the dark
# default is not.
ex_start 80x24 --seed 3 --theme light
st=0; ui_all_on_background || st=1
ui_keys q
ex_start 80x24 --seed 3
ui_all_on_background && st=1
ui_keys q
check "--theme light: the exercise drawn on the light theme's background (dark: not)" $st

echo "exercise in tmux: $((cases - failures)) of $cases checks passed"
[ "$failures" -eq 0 ]
