#!/usr/bin/env bash
# clang-tidy's default checks (see .clang-tidy) on each file given; any warning fails.
# Files are checked side by side (tests/lib/jobs.sh), warnings printed in the order given.
set -u
cd "$(dirname "$0")/.."
. tests/lib/jobs.sh
for f in "$@"; do
  job_add "$f" sh -c 'clang-tidy -quiet "$1" -- -std=c11 -D_GNU_SOURCE -DGMP_DESC -DUSE_GMP -I. 2>/dev/null' sh "$f"
done
warned=0
report() { # FILE STATUS LOG
  if grep -q 'warning:' "$3"; then cat "$3"; warned=$((warned + 1)); fi
}
job_run_all report
if [ "$warned" -gt 0 ]; then echo "lint: clang-tidy warnings in $warned of $# files"; exit 1; fi
echo "lint: clang-tidy clean ($# files)"
