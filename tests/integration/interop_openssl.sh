#!/usr/bin/env bash
# Real peers: for every suite (the list below holds every one of 'tlssim list suites'), with and without client authentication, tlssim's
# client completes a handshake with `openssl s_server`, and `openssl s_client`
# completes one with tlssim's server, both over 127.0.0.1, application data both ways;
# tshark decrypts the capture and key log tlssim's client writes of each suite.
set -euo pipefail
# shellcheck source=tests/lib/tshark_batch.sh
. "$(dirname "$0")/../lib/tshark_batch.sh"
. "$(dirname "$0")/../lib/openssl_peers.sh"
tshark_batch_init batch
decrypt_names=() # the suite of each capture queued for tshark
# tlssim's names and OpenSSL's for the same suites.
suites="TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256
TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:ECDHE-RSA-AES256-GCM-SHA384
TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:ECDHE-RSA-CHACHA20-POLY1305
TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256:ECDHE-RSA-AES128-SHA256
TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256
TLS_DHE_RSA_WITH_AES_128_GCM_SHA256:DHE-RSA-AES128-GCM-SHA256
TLS_RSA_WITH_AES_128_GCM_SHA256:AES128-GCM-SHA256
TLS_RSA_WITH_AES_128_CBC_SHA256:AES128-SHA256
TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:ECDHE-ECDSA-AES256-GCM-SHA384
TLS_DHE_RSA_WITH_AES_256_GCM_SHA384:DHE-RSA-AES256-GCM-SHA384
TLS_RSA_WITH_AES_256_GCM_SHA384:AES256-GCM-SHA384
TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA:ECDHE-RSA-AES128-SHA
TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA:ECDHE-RSA-AES256-SHA
TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA:ECDHE-ECDSA-AES128-SHA
TLS_DHE_RSA_WITH_AES_128_CBC_SHA:DHE-RSA-AES128-SHA
TLS_RSA_WITH_AES_128_CBC_SHA:AES128-SHA
TLS_RSA_WITH_AES_256_CBC_SHA:AES256-SHA"
verdict() { # NAME OK?
  cases=$((cases + 1))
  if [ "$2" = yes ]; then echo "ok    $1"; else echo "FAIL  $1"; sed 's/^/      /' "$3" | tail -8; failures=$((failures + 1)); fi
}

# against_s_server OURS THEIRS AUTH [TLSSIM ARGS...]: tlssim's client against openssl s_server.
against_s_server() {
  local ours=$1 theirs=$2 auth=$3; shift 3
  local leaf=server-rsa; case $ours in *ECDSA*) leaf=server-ecdsa ;; esac
  port=$((port + 1))
  local extra=(); [ -n "$auth" ] && extra=(-Verify 1 -verify_return_error -CAfile root-ca.pem)
  rm -f s.log # a stale log would tell wait_for the new peer listens
  openssl s_server -accept "127.0.0.1:$port" -cert "$leaf.pem" -key "$leaf.key" \
    -cert_chain intermediate-ca.pem -tls1_2 -cipher "$theirs" -www -naccept 1 "${extra[@]}" </dev/null >s.log 2>&1 &
  peer_pids+=($!)
  wait_for s.log '^ACCEPT' || true
  local args=(--suite "$ours" "$@"); [ -n "$auth" ] && args+=(--client-auth)
  local ok=no
  rm -f c.pcap c.keys
  timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --quiet --pcap c.pcap --keylog c.keys \
    "${args[@]}" >c.log 2>&1 && ok=yes
  # tshark checks tlssim's capture and key log once per suite (without client
  # authentication), after the last case: see below.
  if [ -z "$auth" ] && [ $# -eq 0 ]; then
    if [ $ok = yes ]; then tshark_batch_add c.pcap c.keys; decrypt_names+=("$ours")
    else verdict "tshark decrypts tlssim's capture: $ours (no capture: the handshake failed)" no c.log; fi
  fi
  verdict "tlssim client -> openssl s_server: $ours ${auth:+(client auth) }$*" $ok c.log
}

# from_s_client OURS THEIRS AUTH [TLSSIM ARGS...]: openssl s_client against tlssim's server.
from_s_client() {
  local ours=$1 theirs=$2 auth=$3; shift 3
  local args=(--suite "$ours" "$@"); [ -n "$auth" ] && args+=(--client-auth)
  start_tlssim_server t.log "${args[@]}"
  local cextra=(); [ -n "$auth" ] && cextra=(-cert client-rsa.pem -key client-rsa.key -cert_chain intermediate-ca.pem)
  printf 'GET / HTTP/1.1\r\nHost: server.test\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
    -tls1_2 -cipher "$theirs" -CAfile root-ca.pem -verify_return_error -verify_hostname server.test \
    -servername server.test -ign_eof "${cextra[@]}" >o.log 2>&1 || true
  local st=0
  wait "$tlssim_pid" 2>/dev/null || st=$?
  local ok=no
  if [ "$st" = 0 ] && grep -q "Hello from tlssim's server" o.log && grep -q "Cipher is $theirs" o.log; then ok=yes; fi
  verdict "openssl s_client -> tlssim server: $ours ${auth:+(client auth) }$*" $ok o.log
}

while IFS=: read -r ours theirs; do
  for auth in "" mtls; do
    against_s_server "$ours" "$theirs" "$auth"
    from_s_client "$ours" "$theirs" "$auth"
  done
done <<<"$suites"

# However tlssim packs its handshake into records, OpenSSL reassembles it
# (RFC 5246 6.2.1): tiny fragments, whole flights in one record, and both.
for packing in "--record-size 1" "--coalesce" "--coalesce --record-size 100"; do
  # shellcheck disable=SC2086 # the packing options are meant to split into words
  against_s_server TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ECDHE-RSA-AES128-GCM-SHA256 mtls $packing
  # shellcheck disable=SC2086
  from_s_client TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ECDHE-RSA-AES128-GCM-SHA256 mtls $packing
done
# tshark, given each capture and key log, decrypts both Finished messages, the request
# and s_server's answer: one tshark run for all of them (tests/lib/tshark_batch.sh).
if [ "${#decrypt_names[@]}" -gt 0 ]; then
  tshark_batch_run fields.txt -o http.desegment_body:FALSE -T fields -e tcp.stream \
    -e tls.handshake.type -e http.request.method -e http.response.code || true
  for i in "${!decrypt_names[@]}"; do
    fields=$(awk -F'\t' -v s="${tshark_batch_stream[i]:-none}" '$1 == s' fields.txt | cut -f2- | tr '\t' ' ')
    ok=yes
    if [ "$(grep -cE '(^| |,)20( |,|$)' <<<"$fields")" -lt 2 ] || ! grep -q GET <<<"$fields" ||
      ! grep -q 200 <<<"$fields"; then
      ok=no
      { echo "tshark did not decrypt the capture:"; echo "$fields"; head -3 fields.txt; } >decrypt.log
    fi
    verdict "tshark decrypts tlssim's capture: ${decrypt_names[i]}" $ok decrypt.log
  done
fi
echo "interop with openssl: $((cases - failures)) of $cases handshakes completed"
[ "$failures" -eq 0 ]
