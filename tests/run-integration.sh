#!/usr/bin/env bash
# Runs each tests/integration/*.sh against $BUILD/tlssim; each script exits 0 on success.
set -u
cd "$(dirname "$0")/.."
export BUILD=${BUILD:-build}
export TLSSIM="$PWD/$BUILD/tlssim"
passed=0 failed=0
for t in tests/integration/*.sh; do
  [ -e "$t" ] || continue
  log=$(mktemp)
  if bash "$t" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "ok    $t"
  else
    failed=$((failed + 1)); echo "FAIL  $t"; sed 's/^/    /' "$log" | tail -40
  fi
  rm -f "$log"
done
echo "integration: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
