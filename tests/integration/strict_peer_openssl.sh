#!/usr/bin/env bash
# tlssim as a strict TLS 1.2 peer, against OpenSSL 3.0 as the reference (issue 11):
# the same input goes to tlssim and to OpenSSL in the same role, and both must answer
# alike. Raw peers are written in bash (/dev/tcp) so that what is sent is exactly what
# the case says: empty records, warning alerts, a ClientHello over several records.
#   - long ClientHello lists (s_client -cipher 'ALL:@SECLEVEL=0'; 20,000 suites in
#     three records, the renegotiation SCSV last): nothing dropped
#   - 32 empty records pass, 33 are refused; 4 warnings pass, 5 are refused; a
#     warning before the ClientHello is refused (OpenSSL's limits and alerts)
#   - renegotiation declined with a warning no_renegotiation, by the server (s_client
#     R) and by the client (s_server R sends HelloRequest)
#   - no client certificate without --client-auth: an empty Certificate, which
#     s_server -verify 1 accepts and -Verify 1 refuses with handshake_failure
#   - a certificate chain of about 40 KiB (18 certificates) and a 22,500-byte request
#     (two records each way) over TCP
# Data sent before Finished is checked by the faults client-data-before-finished and
# server-data-before-finished in faults_vs_openssl.sh.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"

pass() { cases=$((cases + 1)); echo "ok    $1"; }
fail() { cases=$((cases + 1)); failures=$((failures + 1)); echo "FAIL  $1"; shift; for f in "$@"; do sed 's/^/      /' "$f" | tail -8; done; }
# expect NAME CONDITION LOGS...: one case.
expect() { local name=$1 cond=$2; shift 2; if eval "$cond"; then pass "$name"; else fail "$name" "$@"; fi; }

# openssl_server LOG ARGS...: s_server on the next port for one connection; sets $port, $ossl_pid.
openssl_server() {
  local log=$1; shift
  port=$((port + 1))
  rm -f "$log"
  openssl s_server -accept "127.0.0.1:$port" -tls1_2 -naccept 1 -msg "$@" >"$log" 2>&1 &
  ossl_pid=$!
  peer_pids+=("$ossl_pid")
  wait_for "$log" '^ACCEPT' || true
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# raw PORT HEX [N]: sends the bytes, prints in hex what comes back: the first N bytes,
# or everything until the peer closes.
raw() {
  local hex=$2 out
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  # shellcheck disable=SC2059
  printf "$(sed 's/../\\x&/g' <<<"$hex")" >&3
  if [ $# -gt 2 ]; then
    out=$(timeout 10 head -c "$3" <&3 | od -An -tx1 | tr -d ' \n')
  else
    out=$(timeout 10 cat <&3 | od -An -tx1 | tr -d ' \n')
  fi
  exec 3<&-
  echo "$out"
}
u16() { printf '%04x' "$1"; }
# ClientHello of TLS_RSA_WITH_AES_128_GCM_SHA256 after N unknown suites, then the
# SCSV, with signature_algorithms rsa_pkcs1_sha256; as records of at most 2^14 bytes.
client_hello() {
  local n=$1 i suites body msg out="" off chunk
  suites=$(for ((i = 0; i < n; i++)); do printf 'e0%02x' $((i % 256)); done)
  suites+=009c00ff
  body="0303$(printf '%064d' 0)00$(u16 $((${#suites} / 2)))${suites}0100""0008000d00040002""0401"
  msg="01$(printf '%06x' $((${#body} / 2)))$body"
  for ((off = 0; off < ${#msg}; off += 32768)); do
    chunk=${msg:off:32768}
    out+="160303$(u16 $((${#chunk} / 2)))$chunk"
  done
  echo "$out"
}
repeat() { local i; for ((i = 0; i < $1; i++)); do printf '%s' "$2"; done; }
# What a raw exchange ended with: "alert NN" (a fatal alert last), "hello" (a
# ServerHello came), "flight" (the server's flight, then a silent close).
ending() {
  case $1 in
  *15030[0-3]000202??) echo "alert ${1: -2}" ;;
  1603030*0e000000) echo flight ;;
  16030300??02*) echo hello ;;
  *) echo "other(${1:0:40})" ;;
  esac
}
# both NAME WANT HEX: the bytes to s_server and to tlssim's server; both must end as
# WANT. A server that answers with its hello keeps the connection open: only the
# start of its answer is read then.
both() {
  local name=$1 want=$2 hex=$3 theirs ours n=()
  [ "$want" = hello ] && n=(80)
  openssl_server o.log -cert server-rsa.pem -key server-rsa.key -www
  theirs=$(ending "$(raw "$port" "$hex" "${n[@]}")")
  stop "$ossl_pid"
  start_tlssim_server t.log --suite TLS_RSA_WITH_AES_128_GCM_SHA256
  ours=$(ending "$(raw "$port" "$hex" "${n[@]}")")
  stop "$tlssim_pid"
  expect "$name: openssl $theirs, tlssim $ours (want $want)" '[ "$theirs" = "$want" ] && [ "$ours" = "$want" ]' t.log
}

hello=$(client_hello 0)
empty=1603030000
warning=1503030002015a # user_canceled
fatal=15030300020228   # handshake_failure

# --- Long ClientHello lists ---
n_suites=$(openssl ciphers -s -tls1_2 'ALL:@SECLEVEL=0' | tr ':' '\n' | wc -l)
start_tlssim_server t.log
echo 'GET / HTTP/1.0' | timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -ign_eof \
  -cipher 'ALL:@SECLEVEL=0' -CAfile root-ca.pem >c.log 2>&1 || true
wait_for t.log "result:" || true
stop "$tlssim_pid"
expect "s_client offering $n_suites suites (SCSV last) completes with tlssim's server" \
  '[ "$n_suites" -gt 64 ] && grep -q "Cipher is [A-Z]" c.log && grep -qE "result:.* ok( |$)" t.log' c.log t.log
big=$(client_hello 20000)
both "ClientHello of $((${#big} / 2)) bytes in three records, SCSV last" hello "$big"
start_tlssim_server t.log --suite TLS_RSA_WITH_AES_128_GCM_SHA256
# The ServerHello's first 120 bytes: its session id (32 bytes: the server keeps sessions)
# and extensions included.
reply=$(raw "$port" "$big" 120)
stop "$tlssim_pid"
expect "tlssim's ServerHello to it carries renegotiation_info (the SCSV was seen)" '[[ $reply == *ff01000100* ]]' t.log

# --- Stalling peers: OpenSSL's limits ---
both "32 empty records, then a ClientHello" hello "$(repeat 32 $empty)$hello"
both "33 empty records" "alert 0a" "$(repeat 33 $empty)$hello"
both "a warning alert before the ClientHello" "alert 0a" "$warning$hello"
both "ClientHello, 4 warning alerts, a fatal one" flight "$hello$(repeat 4 $warning)$fatal"
both "ClientHello, 5 warning alerts" "alert 0a" "$hello$(repeat 5 $warning)"

# --- Renegotiation ---
# client_renegotiates LOG: s_client connects to $port, asks to renegotiate (R) once the
# handshake is done, and stops when the server's answer arrived.
client_renegotiates() {
  local log=$1 pid
  rm -f "$log" in.fifo
  mkfifo in.fifo
  timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem -msg <in.fifo >"$log" 2>&1 &
  pid=$!
  exec 4>in.fifo
  wait_for "$log" 'Verify return code' || true
  echo R >&4
  wait_for "$log" 'Alert.*no_renegotiation' || true
  exec 4>&-
  wait "$pid" 2>/dev/null || true
}
openssl_server o.log -cert server-rsa.pem -key server-rsa.key -www
client_renegotiates c.log
stop "$ossl_pid"
declined='<<< TLS 1.2, Alert \[length 0002\], warning no_renegotiation'
expect "reference: openssl s_server declines s_client's renegotiation with a warning" 'grep -q "$declined" c.log' c.log
start_tlssim_server t.log
client_renegotiates c.log
wait_for t.log "result:" || true
stop "$tlssim_pid"
expect "tlssim's server declines it the same way, and sends no fatal alert" \
  'grep -q "$declined" c.log && ! grep -q "sent by server" t.log' c.log t.log

# server_asks CLIENT...: s_server (HelloRequest by its R command, once the client's
# request or handshake arrived) against the given client; s.log is s_server's trace.
server_asks() {
  local ready=$1; shift
  port=$((port + 1))
  rm -f s.log in.fifo
  mkfifo in.fifo
  timeout 20 openssl s_server -accept "127.0.0.1:$port" -tls1_2 -naccept 1 -msg -cert server-rsa.pem \
    -key server-rsa.key -cert_chain intermediate-ca.pem <in.fifo >s.log 2>&1 &
  local pid=$!
  peer_pids+=("$pid")
  exec 4>in.fifo
  wait_for s.log '^ACCEPT' || true
  timeout 20 "$@" </dev/null >c.log 2>&1 &
  local cpid=$!
  wait_for s.log "$ready" || true
  echo R >&4
  wait_for s.log 'Alert.*no_renegotiation' || true
  exec 4>&-
  # s_server ends the connection (fatal handshake_failure: it asked, and was told no);
  # the client then finishes on its own.
  wait "$cpid" 2>/dev/null || true
  stop "$pid"
}
client_declined='<<< TLS 1.2, Alert \[length 0002\], warning no_renegotiation'
# -ign_eof: s_client stays connected after its empty standard input ends.
server_asks 'Secure Renegotiation' openssl s_client -connect "127.0.0.1:$((port + 1))" -tls1_2 -ign_eof \
  -no_renegotiation -CAfile root-ca.pem
expect "reference: s_client -no_renegotiation answers HelloRequest with a warning" 'grep -q "$client_declined" s.log' s.log
server_asks 'GET /' "$TLSSIM" run --connect "127.0.0.1:$((port + 1))"
expect "tlssim's client answers HelloRequest the same way, and sends no fatal alert" \
  'grep -q "$client_declined" s.log && grep -q "HelloRequest: renegotiation declined" c.log && ! grep -q "sent by client" c.log' s.log c.log

# --- No client certificate without --client-auth ---
# s_server asks; the client answers with an empty list (a Certificate of 3 bytes' body).
empty_cert='<<< TLS 1.2, Handshake \[length 0007\], Certificate'
for mode in verify Verify; do
  openssl_server o.log -cert server-rsa.pem -key server-rsa.key -cert_chain intermediate-ca.pem -www \
    "-$mode" 1 -CAfile root-ca.pem
  timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem </dev/null >c.log 2>&1 || true
  stop "$ossl_pid"
  cp o.log ref.log
  openssl_server o.log -cert server-rsa.pem -key server-rsa.key -cert_chain intermediate-ca.pem -www \
    "-$mode" 1 -CAfile root-ca.pem
  timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" >t.log 2>&1 || true
  stop "$ossl_pid"
  if [ $mode = verify ]; then
    expect "s_server -verify 1: s_client and tlssim without a certificate both send an empty one, accepted" \
      'grep -q "$empty_cert" ref.log && grep -q "$empty_cert" o.log && grep -q "no client certificate to send" t.log && grep -q "^result: ok" t.log' o.log t.log
  else
    expect "s_server -Verify 1: both refused with handshake_failure" \
      'grep -q "fatal handshake_failure" ref.log && grep -q "^result: alert handshake_failure(40) sent by server" t.log' ref.log t.log
  fi
done

# --- Long chain, long request ---
# 16 CAs below the demo root, each carrying a 2000-byte comment, then a leaf for
# server.test: a Certificate message of about 40 KiB, three records and many reads.
mkdir chain
pad=$(repeat 2000 x)
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nnsComment=%s\n' "$pad" >chain/ca.ext
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.test\n' >chain/leaf.ext
prev=root-ca
for i in $(seq 16); do
  openssl ecparam -name prime256v1 -genkey -noout -out "chain/ca$i.key"
  openssl req -new -key "chain/ca$i.key" -subj "/CN=long chain CA $i" |
    openssl x509 -req -CA "$prev.pem" -CAkey "$prev.key" -CAcreateserial -days 30 -extfile chain/ca.ext \
      -out "chain/ca$i.pem" 2>/dev/null
  prev=chain/ca$i
done
openssl ecparam -name prime256v1 -genkey -noout -out chain/leaf.key
openssl req -new -key chain/leaf.key -subj /CN=server.test |
  openssl x509 -req -CA "$prev.pem" -CAkey "$prev.key" -CAcreateserial -days 30 -extfile chain/leaf.ext \
    -out chain/leaf.pem 2>/dev/null
for i in $(seq 16 -1 1); do cat "chain/ca$i.pem"; done >chain/chain.pem
tomorrow=$(date -u -d tomorrow +%F) # the certificates start now; tlssim's clock is a day
openssl_server o.log -cert chain/leaf.pem -key chain/leaf.key -cert_chain chain/chain.pem -www
timeout 20 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -CAfile root-ca.pem -verify_return_error \
  -msg </dev/null >c.log 2>&1 || true
stop "$ossl_pid"
openssl_server o.log -cert chain/leaf.pem -key chain/leaf.key -cert_chain chain/chain.pem -www
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --suite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 \
  --cafile root-ca.pem --time "$tomorrow" >t.log 2>&1 || true
stop "$ossl_pid"
cert_len=$(sed -n 's/^<<< TLS 1.2, Handshake \[length \([0-9a-f]*\)\], Certificate$/\1/p' c.log | head -1)
expect "a chain of 18 certificates ($((16#${cert_len:-0})) bytes) from s_server: s_client and tlssim accept it" \
  '[ "$((16#${cert_len:-0}))" -gt 32768 ] && grep -q "Verify return code: 0" c.log && grep -q "^result: ok" t.log' c.log t.log

# A 22,500-byte request goes out in two records (RFC 5246 6.2.1); s_server -rev answers.
openssl_server o.log -cert server-rsa.pem -key server-rsa.key -cert_chain intermediate-ca.pem -rev
timeout 20 "$TLSSIM" run --connect "127.0.0.1:$port" --message "$(repeat 22500 a)" --quiet >t.log 2>&1 || true
stop "$ossl_pid"
expect "a 22,500-byte request reaches s_server whole and is answered" \
  'grep -q "^result: ok" t.log && ! grep -qi "record.overflow\|error" o.log' t.log o.log

echo "strict peer vs openssl: $((cases - failures)) of $cases cases agree"
[ "$failures" -eq 0 ]
