#!/usr/bin/env bash
# Runs each cmocka unit-test binary and prints one closing count. The binaries run
# side by side (tests/lib/jobs.sh); each one's output is printed whole, in the order given.
set -u
cd "$(dirname "$0")/.."
. tests/lib/jobs.sh
for t in "$@"; do job_add "$t" "$t"; done
passed=0 failed=0
report() { # BINARY STATUS LOG
  cat "$3"
  if [ "$2" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
job_run_all report
label=""; case ${1:-} in build/*|"") ;; *) label=" (${1%%/*})" ;; esac
echo "unit$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
