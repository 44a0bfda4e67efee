#!/usr/bin/env bash
# A client that sends no signature_algorithms (TLS 1.0/1.1 clients never did): RFC 5246
# 7.4.1.4.1 says the server must then sign with SHA-1 (rsa_pkcs1_sha1 for an RSA
# certificate, ecdsa_sha1 for an ECDSA one). openssl s_client always sends the
# extension in TLS 1.2, so a ClientHello without it is written here byte by byte and
# sent to tlssim's server; openssl checks the ServerKeyExchange signature it gets back.
# The same hello sent to openssl s_server at security level 0 gets the same scheme
# (the reference); at its default level OpenSSL 3 refuses SHA-1 and the handshake.
set -euo pipefail
. "$(dirname "$0")/../lib/openssl_peers.sh"
expect() { # NAME WANT GOT
  cases=$((cases + 1))
  if [ "$2" = "$3" ]; then echo "ok    $1: $3"; else echo "FAIL  $1: wanted '$2', got '$3'"; failures=$((failures + 1)); fi
}

# hello.py PORT SUITE: sends the hello, prints the scheme of the ServerKeyExchange
# signature (or the alert received), and leaves leaf.der, tbs.bin and sig.bin.
cat >hello.py <<'PY'
import os, socket, struct, sys
port, suite = int(sys.argv[1]), int(sys.argv[2], 16)
def vec(n, b): return len(b).to_bytes(n, "big") + b
groups = vec(2, struct.pack(">HH", 0x001d, 0x0017))
exts = (struct.pack(">H", 10) + vec(2, groups) +            # supported_groups
        struct.pack(">H", 11) + vec(2, vec(1, b"\0")) +     # ec_point_formats
        struct.pack(">H", 0xff01) + vec(2, b"\0"))          # renegotiation_info
client_random = os.urandom(32)
body = (b"\x03\x03" + client_random + vec(1, b"") + vec(2, struct.pack(">H", suite)) +
        vec(1, b"\0") + vec(2, exts))
hs = b"\x01" + vec(3, body)
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(b"\x16\x03\x01" + vec(2, hs))
buf, msgs = b"", b""
def record():
    global buf
    while len(buf) < 5 or len(buf) < 5 + int.from_bytes(buf[3:5], "big"):
        more = s.recv(65536)
        if not more: raise SystemExit("closed")
        buf += more
    n = int.from_bytes(buf[3:5], "big")
    r, buf = buf[:5 + n], buf[5 + n:]
    return r[0], r[5:]
server_random = leaf = None
while True:
    typ, frag = record()
    if typ == 21:
        print("alert %d" % frag[1]); sys.exit(0)
    msgs += frag
    while len(msgs) >= 4 and len(msgs) >= 4 + int.from_bytes(msgs[1:4], "big"):
        t, n = msgs[0], int.from_bytes(msgs[1:4], "big")
        m, msgs = msgs[4:4 + n], msgs[4 + n:]
        if t == 2:
            server_random = m[2:34]
        elif t == 11:
            leaf = m[6:6 + int.from_bytes(m[3:6], "big")]
        elif t == 12:
            params = m[:4 + m[3]]                 # curve_type, named_curve, public
            rest = m[len(params):]
            scheme, sig = rest[:2], rest[4:4 + int.from_bytes(rest[2:4], "big")]
            open("leaf.der", "wb").write(leaf)
            open("tbs.bin", "wb").write(client_random + server_random + params)
            open("sig.bin", "wb").write(sig)
            print("scheme 0x" + scheme.hex()); sys.exit(0)
PY

# ask SUITE: the scheme (checked by openssl when one came) or the alert; needs $port.
ask() {
  local got
  got=$(timeout 20 python3 hello.py "$port" "$1" 2>&1 || true)
  case $got in
  "scheme "*)
    openssl x509 -inform DER -in leaf.der -pubkey -noout >leaf.pub
    if openssl dgst -sha1 -verify leaf.pub -signature sig.bin tbs.bin >/dev/null 2>&1; then
      echo "$got, a valid SHA-1 signature"
    else echo "$got, NOT a valid SHA-1 signature"; fi ;;
  *) echo "$got" ;;
  esac
}

for pair in "c02f rsa 0x0201" "c009 ecdsa 0x0203"; do
  read -r suite kind scheme <<<"$pair"
  start_tlssim_server t.log
  expect "tlssim server, $kind certificate" "scheme $scheme, a valid SHA-1 signature" "$(ask "$suite")"
  kill "$tlssim_pid" 2>/dev/null || true
  wait "$tlssim_pid" 2>/dev/null || true
  # The reference: OpenSSL at security level 0 answers the same hello the same way.
  port=$((port + 1))
  rm -f s.log
  openssl s_server -accept "127.0.0.1:$port" -cert "server-$kind.pem" -key "server-$kind.key" \
    -tls1_2 -cipher 'ALL:@SECLEVEL=0' -naccept 1 <&"$peer_idle" >s.log 2>&1 &
  peer_pids+=($!)
  wait_for s.log '^ACCEPT' || true
  expect "openssl s_server at level 0, $kind certificate" "scheme $scheme, a valid SHA-1 signature" "$(ask "$suite")"
done

# OpenSSL 3 at its default level counts SHA-1 signatures as too weak: handshake_failure.
port=$((port + 1))
rm -f s.log
openssl s_server -accept "127.0.0.1:$port" -cert server-rsa.pem -key server-rsa.key \
  -tls1_2 -naccept 1 <&"$peer_idle" >s.log 2>&1 &
peer_pids+=($!)
wait_for s.log '^ACCEPT' || true
expect "openssl s_server at its default level" "alert 40" "$(ask c02f)"

echo "no signature_algorithms: $((cases - failures)) of $cases as expected"
[ "$failures" -eq 0 ]
