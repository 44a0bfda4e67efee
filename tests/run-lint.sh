#!/usr/bin/env bash
# clang-tidy's default checks (see .clang-tidy) on each file given; any warning fails.
# Files are checked side by side (tests/lib/jobs.sh), warnings printed in the order given.
#
# clang-tidy takes about a second of CPU a file (the static analyzer), so a file found
# clean is remembered in $LINT_CACHE (build/lint-cache) under a hash of everything
# its result depends on: its text, every header it includes (system ones too, as
# `cc -M` lists them), the flags, .clang-tidy and clang-tidy's version. A file whose
# hash is there is not checked again; a fresh clone checks every file.
set -u
cd "$(dirname "$0")/.."
. tests/lib/jobs.sh
flags=(-std=c11 -D_GNU_SOURCE -DGMP_DESC -DUSE_GMP -I.)
cache=${LINT_CACHE:-build/lint-cache}
mkdir -p "$cache"
setup=$( { printf '%s\n' "${flags[@]}"; cat .clang-tidy; clang-tidy --version; } | sha256sum)
# lint_one FILE: clang-tidy on FILE unless its hash is in the cache; the hash is
# added when clang-tidy says nothing.
lint_one() {
  local f=$1 deps key out st=0
  deps=$(cc -M "${flags[@]}" "$f" | sed 's/^[^:]*://; s/\\$//') || deps=""
  # shellcheck disable=SC2086 # the dependency list is meant to split into file names
  key=$( { echo "$setup"; [ -n "$deps" ] && sha256sum $deps; } | sha256sum | cut -c1-64)
  [ -n "$deps" ] && [ -e "$cache/$key" ] && return 0
  out=$(clang-tidy -quiet "$f" -- "${flags[@]}" 2>/dev/null) || st=$?
  printf '%s\n' "$out"
  if [ -n "$deps" ] && [ "$st" = 0 ] && ! grep -q 'warning:' <<<"$out"; then : >"$cache/$key"; fi
}
for f in "$@"; do job_add "$f" lint_one "$f"; done
warned=0
report() { # FILE STATUS LOG
  if grep -q 'warning:' "$3"; then cat "$3"; warned=$((warned + 1)); fi
}
job_run_all report
if [ "$warned" -gt 0 ]; then echo "lint: clang-tidy warnings in $warned of $# files"; exit 1; fi
echo "lint: clang-tidy clean ($# files)"
