#!/usr/bin/env bash
# Every fault `tlssim list faults` offers runs to a result (exit 0 or 3), never a
# crash, a hang or a usage error; and the run ends with the alert the catalogue names,
# sent by the side the catalogue says checks it.
set -euo pipefail
list=$("$TLSSIM" list faults)
[ -n "$list" ] || { echo "list faults printed nothing"; exit 1; }
failures=0 cases=0
while IFS= read -r line; do
  name=${line%% *}
  # "... -- the client sends certificate_expired(45), RFC ..." (bash's own matching,
  # here and below: a sed per line would cost 10-30 ms of CPU each on this machine)
  want=ok
  [[ $line =~ ^.*\ --\ the\ (client|server)\ sends\ ([a-z_]*\([0-9]*\)) ]] &&
    want="${BASH_REMATCH[2]} sent by ${BASH_REMATCH[1]}"
  cases=$((cases + 1))
  rc=0
  out=$(timeout 60 "$TLSSIM" run --fault "$name" --seed 1 --quiet 2>&1) || rc=$?
  result=${out##*$'\n'} # the last line
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    echo "FAIL  $name: exit $rc: $result"
    failures=$((failures + 1))
    continue
  fi
  got=""
  if [[ $result =~ ^result:\ alert\ ([a-z_]*\([0-9]*\))\ sent\ by\ ([a-z]*): ]]; then
    got="${BASH_REMATCH[1]} sent by ${BASH_REMATCH[2]}"
  elif [[ $result == "result: ok "* ]]; then
    got=ok
  fi
  if [ "$got" = "$want" ]; then
    echo "ok    $name: $got"
  else
    echo "FAIL  $name: the catalogue says '$want', the run ended with: $result"
    failures=$((failures + 1))
  fi
done <<<"$list"
# An unknown name is a usage error that points to the list.
rc=0
err=$("$TLSSIM" run --fault no-such-fault 2>&1 >/dev/null) || rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "no-such-fault" <<<"$err" || ! grep -q "tlssim list faults" <<<"$err"; then
  echo "FAIL  an unknown fault gave exit $rc and: $err"
  failures=$((failures + 1))
fi
echo "faults run: $((cases - failures)) of $cases faults end with the catalogue's alert"
[ "$failures" -eq 0 ]
