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
# The blocks lie in 20000-32767, below the ports Linux gives clients (32768-60999),
# from a random place (other test runs on the machine choose at random too). `make
# test` gives both of its passes the same TEST_PORT_SEED and the sanitizer pass the
# other half of the blocks (TEST_PORT_HALF=1), so both passes can run at once.
n=${#scripts[@]}
block=$((12768 / 2 / (n > 33 ? n : 33))) # ports per script: 193 for up to 33 scripts
slots=$((12768 / block))
first=$(((${TEST_PORT_SEED:-$RANDOM} + ${TEST_PORT_HALF:-0} * slots / 2) % slots))
# Each script's CPU time (user + system of every process it waited for; not what runs
# under a daemon such as a tmux server) is shown beside its result.
cpu_dir=$(mktemp -d)
trap 'job_give_back 0; rm -rf "$cpu_dir"' EXIT # (jobs.sh gives back make's tokens on exit)
timed() { # N COMMAND...: runs COMMAND; its children's CPU seconds go to $cpu_dir/N
  local n=$1 st=0; shift
  "$@" || st=$?
  times >"$cpu_dir/$n"
  return "$st"
}
cpu_of() { # N
  [ -e "$cpu_dir/$1" ] || return 0
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] } printf " (%.1f s CPU)", t }' "$cpu_dir/$1"
}
i=0
for t in "${scripts[@]}"; do
  job_add "$t" timed "$i" env TEST_PORT_BASE=$((20000 + (first + i) % slots * block)) bash "$t"
  i=$((i + 1))
done

passed=0 failed=0 reported=0
report() { # SCRIPT STATUS LOG
  if [ "$2" = 0 ]; then
    passed=$((passed + 1)); echo "ok    $1$(cpu_of $reported)"
  else
    failed=$((failed + 1)); echo "FAIL  $1$(cpu_of $reported)"; sed 's/^/    /' "$3" | tail -40
  fi
  reported=$((reported + 1))
}
job_run_all report
label=""; [ "$BUILD" = build ] || label=" ($BUILD)"
echo "integration$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
