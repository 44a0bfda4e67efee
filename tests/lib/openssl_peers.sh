# Shared by the integration tests that put tlssim against a real OpenSSL peer:
# a temporary directory holding the demo PKI (the current directory from here on),
# background processes killed on exit, free-ish ports, and waiting for a listener.
# Source it after `set -euo pipefail`; $TLSSIM is the binary under test.
peer_dir=$(mktemp -d)
peer_pids=()
peer_cleanup() {
  for p in "${peer_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$peer_dir"
}
trap peer_cleanup EXIT
"$TLSSIM" pki --out "$peer_dir" >/dev/null
cd "$peer_dir"
# tests/run-integration.sh gives each script its own block of about 190 ports from
# $TEST_PORT_BASE; run alone, a random place. Each server takes the next port:
# port=$((port + 1)).
port=${TEST_PORT_BASE:-$((20000 + RANDOM % 20000))}
# openssl s_server without -www quits when its standard input ends: give it
# `<&"$peer_idle"`, a fifo held open read-write here, which never ends and stays
# silent (`sleep N |` would make `wait` wait out the sleep). -www never reads it:
# </dev/null will do there.
mkfifo idle
exec {peer_idle}<>idle
failures=0 cases=0

# wait_for FILE PATTERN: until a background peer has printed that it listens (a line
# of FILE matches PATTERN, an extended regular expression), 5 s at most. Remove FILE
# before starting the peer: its redirection empties the file only once the background
# job runs, and the last peer's line would pass at once. Bash builtins only (a grep
# and a sleep every 50 ms would cost 20-30 ms of CPU each on this machine): the file
# read line by line, and `read -t` on a fifo nobody writes as the pause.
mkfifo nap
exec {peer_nap}<>nap
wait_for() {
  local i l
  for ((i = 0; i < 100; i++)); do
    if [ -r "$1" ]; then
      while IFS= read -r l || [ -n "$l" ]; do [[ $l =~ $2 ]] && return 0; done <"$1"
    fi
    read -r -t 0.05 -u "$peer_nap" l || true
  done
  return 1
}

# start_tlssim_server LOG ARGS...: tlssim's server for one connection on the next port, in the background;
# sets $port and $tlssim_pid.
start_tlssim_server() {
  local log=$1; shift
  port=$((port + 1))
  rm -f "$log"
  timeout 30 "$TLSSIM" run --listen "$port" --max-connections 1 --quiet "$@" >"$log" 2>&1 &
  tlssim_pid=$!
  peer_pids+=("$tlssim_pid")
  wait_for "$log" listening || true
}

# check NAME yes|no [LOG]: counts one case; a failure shows the tail of LOG.
check() {
  cases=$((cases + 1))
  if [ "$2" = yes ]; then echo "ok    $1"; else
    echo "FAIL  $1"; failures=$((failures + 1))
    [ -n "${3:-}" ] && sed 's/^/      /' "$3" | tail -12
  fi
  return 0
}
