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
  # "... -- the client sends certificate_expired(45), RFC ..."
  want=$(sed -n 's/.* -- the \(client\|server\) sends \([a-z_]*([0-9]*)\).*/\2 sent by \1/p' <<<"$line")
  [ -n "$want" ] || want="ok"
  cases=$((cases + 1))
  rc=0
  out=$(timeout 60 "$TLSSIM" run --fault "$name" --seed 1 --quiet 2>&1) || rc=$?
  result=$(tail -1 <<<"$out")
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    echo "FAIL  $name: exit $rc: $result"
    failures=$((failures + 1))
    continue
  fi
  got=$(sed -n 's/^result: alert \([a-z_]*([0-9]*)\) sent by \([a-z]*\):.*/\1 sent by \2/p' <<<"$result")
  [ -n "$got" ] || got=$(sed -n 's/^result: ok .*/ok/p' <<<"$result")
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
