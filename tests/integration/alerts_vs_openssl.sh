#!/usr/bin/env bash
# The alert tlssim names for each certificate failure is the one a real OpenSSL
# client sends: for every broken server chain of the demo PKI, `openssl s_server`
# presents it on 127.0.0.1 and `openssl s_client -verify_return_error` rejects it;
# the alert the client sends must equal the one `tlssim verify` reports.
set -euo pipefail
d=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$d"; }
trap cleanup EXIT
"$TLSSIM" pki --out "$d" --variants >/dev/null
cd "$d"
# s_server quits when its standard input ends, so it reads a fifo that stays open and
# silent (opened read-write here: never an end); `sleep N |` instead made `wait` wait
# out the sleep.
mkfifo idle
exec 3<>idle

port=${TEST_PORT_BASE:-$((20000 + RANDOM % 20000))} # the runner gives each script its own ports
# openssl_alert CERT KEY [CHAIN]: the alert s_client sends, e.g. "certificate_expired", or "none".
# A run where the two never talked (the port was taken, or the server came up late on a
# busy machine) says nothing about the chain: it is tried again on another port.
openssl_alert() {
  local try
  for try in 1 2 3; do
    openssl_attempt "$@"
    grep -q '^CONNECTED' client.log && grep -q '^ACCEPT' server.log && break
  done
  local a
  a=$(sed -n 's/^>>> TLS 1.2, Alert \[length 0002\], fatal \(.*\)$/\1/p' client.log | head -1)
  echo "${a:-none}"
}
openssl_attempt() {
  local cert=$1 key=$2 chain=${3:-}
  port=$((port + 1))
  # SECLEVEL=0 lets the server load weak keys and SHA-1 chains; the client keeps its default.
  rm -f server.log # a stale log would say at once that the new server listens
  openssl s_server -accept "127.0.0.1:$port" -cert "$cert" -key "$key" ${chain:+-cert_chain "$chain"} \
    -tls1_2 -naccept 1 -cipher 'DEFAULT:@SECLEVEL=0' <&3 >server.log 2>&1 &
  server_pid=$!
  # Wait until it listens (a probe connection would use up its only accept).
  for _ in $(seq 50); do
    grep -q '^ACCEPT' server.log 2>/dev/null && break
    sleep 0.1
  done
  timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem -verify_return_error \
    -verify_hostname server.test -servername server.test -msg </dev/null >client.log 2>&1 || true
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
tlssim_alert() {
  local out
  out=$("$TLSSIM" verify --cafile root-ca.pem --host server.test "$@") || true
  local a
  a=$(sed -n 's/^result: error .* (a TLS peer sends \([a-z_]*\)(.*$/\1/p' <<<"$out")
  echo "${a:-none}"
}

failures=0 cases=0
for v in variants/*/; do
  v=${v%/}
  chain=""; [ -f "$v/intermediates.pem" ] && chain="$v/intermediates.pem"
  want=$(openssl_alert "$v/leaf.pem" "$v/leaf.key" "$chain")
  got=$(tlssim_alert "$v/chain.pem")
  cases=$((cases + 1))
  if [ "$want" = "$got" ]; then
    echo "ok    ${v#variants/}: $want"
  else
    echo "FAIL  ${v#variants/}: openssl's client sends '$want', tlssim says '$got'"
    tail -5 server.log client.log | sed 's/^/      /'
    failures=$((failures + 1))
  fi
done
echo "alerts vs openssl: $((cases - failures)) of $cases cases agree"
[ "$failures" -eq 0 ]
