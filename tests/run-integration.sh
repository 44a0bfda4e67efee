#!/usr/bin/env bash
# Runs each tests/integration/*.sh against $BUILD/tlssim; each script exits 0 on success.
# Scripts run side by side (tests/lib/jobs.sh: as many as `make -jN` allows, or
# $TEST_JOBS by hand), each with its own log, reported in name order.
set -u
cd "$(dirname "$0")/.."
export BUILD=${BUILD:-build}
export TLSSIM="$PWD/$BUILD/tlssim"
. tests/lib/jobs.sh
scripts=(tests/integration/*.sh)
[ -e "${scripts[0]}" ] || scripts=()

# Ports: each script gets its own block for the servers it starts ($TEST_PORT_BASE,
# used by tests/lib/openssl_peers.sh), so scripts running side by side never meet.
# The blocks sit at a random place in 20000-39999 (other test runs on the machine pick
# theirs at random too); `make test` gives its sanitizer pass the other half
# (TEST_PORT_HALF=1), so both passes can run at once.
half=${TEST_PORT_HALF:-0}
block=$((10000 / (${#scripts[@]} > 33 ? ${#scripts[@]} : 33)))
start=$((RANDOM % 20000))
i=0
for t in "${scripts[@]}"; do
  base=$((20000 + (start + half * 10000 + i * block) % 20000))
  job_add "$t" env TEST_PORT_BASE="$base" bash "$t"
  i=$((i + 1))
done

passed=0 failed=0
report() { # SCRIPT STATUS LOG
  if [ "$2" = 0 ]; then
    passed=$((passed + 1)); echo "ok    $1"
  else
    failed=$((failed + 1)); echo "FAIL  $1"; sed 's/^/    /' "$3" | tail -40
  fi
}
job_run_all report
label=""; [ "$BUILD" = build ] || label=" ($BUILD)"
echo "integration$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
