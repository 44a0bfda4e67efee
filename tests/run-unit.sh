#!/usr/bin/env bash
# Runs each cmocka unit-test binary and prints one closing count. The binaries run
# side by side (tests/lib/jobs.sh); each one's output is printed whole, in the order given.
set -u
. "$(dirname "$0")/lib/jobs.sh"
for t in "$@"; do job_add "$t" "$t"; done
passed=0 failed=0
report() { # BINARY STATUS LOG
  cat "$3"
  if [ "$2" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
job_run_all report
# Binaries of a build other than build/ (the sanitizer pass) say so.
label=""; dir=$(basename "$(dirname "$(dirname "${1:-build/tests/x}")")")
[ "$dir" = build ] || label=" ($dir)"
echo "unit$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
