#!/usr/bin/env bash
# The alert tlssim's checker sends for each fault is the one OpenSSL sends. For every
# fault of `tlssim list faults`, tlssim plays the side that commits it (or that the
# attacker sits beside) against OpenSSL as the checking side:
#   checked by the client: `tlssim run --listen --fault F` against `openssl s_client
#     -verify_return_error -verify_hostname server.test`;
#   checked by the server: `tlssim run --connect --fault F` against `openssl s_server`
#     (with -Verify for the client-certificate faults).
# The alert OpenSSL sends (from its -msg trace) must equal the one tlssim's own checker
# sends in the simulated run of the same fault, and tlssim must report it as received
# from the peer. Every fault with an alert has OpenSSL as a checker; a fault that
# OpenSSL cannot check would be asserted here against its RFC's required alert. The
# two demonstrations without an alert (mitm-anon, eavesdrop-stolen-key) run in the
# simulated engine only; tests/unit/test_fault.c asserts what their attacker recovers
# (RFC 5246 F.1.1.1 to F.1.1.3).
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"

# Bash's own matching throughout: a sed, head or grep per fault would cost 10-30 ms
# of CPU each on this machine.
# The first fatal alert OpenSSL wrote in its -msg trace, or "none".
openssl_sent() {
  local l
  while IFS= read -r l || [ -n "$l" ]; do
    [[ $l =~ ^\>\>\>\ .*Alert\ \[length\ 0002\],\ fatal\ ([a-z_]*) ]] && { echo "${BASH_REMATCH[1]:-none}"; return; }
  done <"$1"
  echo none
}
# NAME and SENDER of tlssim's result line (the last), or "none".
result_of() {
  local l found=none
  while IFS= read -r l || [ -n "$l" ]; do
    [[ $l =~ ^result:\ alert\ ([a-z_]*)\([0-9]*\)\ sent\ by\ ([a-z]*): ]] &&
      found="${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
  done <"$1"
  echo "$found"
}

# s_client checks what tlssim's server sends.
checked_by_s_client() {
  local fault=$1
  start_tlssim_server t.log --fault "$fault"
  timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem -verify_return_error \
    -verify_hostname server.test -servername server.test -msg </dev/null >o.log 2>&1 || true
  wait "$tlssim_pid" 2>/dev/null || true
}

# s_server checks what tlssim's client sends.
checked_by_s_server() {
  local fault=$1; shift
  port=$((port + 1))
  # -www never reads standard input, so /dev/null will do (and `wait` has no pipe to outlive).
  rm -f o.log # a stale log would tell wait_for the new peer listens
  timeout 20 openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
    -cert_chain intermediate-ca.pem -tls1_2 -www -naccept 1 -msg "$@" </dev/null >o.log 2>&1 &
  local pid=$!
  peer_pids+=("$pid")
  wait_for o.log '^ACCEPT' || true
  timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --fault "$fault" --quiet >t.log 2>&1 || true
  # -naccept 1: it exits after this one connection, having written all of its -msg
  # trace (killed at once, it could lose the alert it sent).
  wait "$pid" 2>/dev/null || true
}

while IFS= read -r line; do
  fault=${line%% *}
  [[ $line =~ ^.*\ --\ the\ (client|server)\ sends\  ]] || continue # a fault without an alert has nothing to compare
  checker=${BASH_REMATCH[1]}
  cases=$((cases + 1))
  sim=$("$TLSSIM" run --fault "$fault" --seed 1 --quiet || true)
  sim=${sim##*$'\n'} # the result line, the last
  want=""; [[ $sim =~ ^result:\ alert\ ([a-z_]*)\( ]] && want=${BASH_REMATCH[1]}
  if [ "$checker" = client ]; then
    checked_by_s_client "$fault"
  elif [[ $line == *" client certificate "* ]]; then
    checked_by_s_server "$fault" -Verify 1 -verify_return_error -CAfile root-ca.pem
  else
    checked_by_s_server "$fault"
  fi
  theirs=$(openssl_sent o.log)
  reported=$(result_of t.log)
  if [ -n "$want" ] && [ "$theirs" = "$want" ] && [ "$reported" = "$want $checker" ]; then
    echo "ok    $fault: openssl as the $checker sends $theirs, as tlssim's $checker does"
  else
    echo "FAIL  $fault: tlssim's $checker sends '${want:-nothing}' ($sim);" \
      "openssl as the $checker sends '$theirs'; tlssim reports '$reported'"
    sed 's/^/      /' t.log | tail -3
    failures=$((failures + 1))
  fi
done < <("$TLSSIM" list faults)
[ "$cases" -gt 0 ] || { echo "no faults to check"; exit 1; }
echo "faults vs openssl: $((cases - failures)) of $cases faults get the same alert from OpenSSL"
[ "$failures" -eq 0 ]
