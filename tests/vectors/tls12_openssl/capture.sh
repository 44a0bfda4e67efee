#!/usr/bin/env bash
# Re-creates records.txt and keylog.txt: one TLS 1.2 session between OpenSSL's
# s_client and s_server on 127.0.0.1, relayed by a small logging proxy that writes
# each TLS record as it passed, in wire order. See README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
cd "$tmp"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=server.test -days 30 \
  -keyout key.pem -out cert.pem 2>/dev/null
openssl s_server -quiet -accept 127.0.0.1:44331 -cert cert.pem -key key.pem -www \
  -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 >/dev/null 2>&1 &
python3 - 44330 44331 records.txt <<'PY' &
# Relays one TCP connection and logs whole TLS records: "C hex" or "S hex".
import socket, sys, threading
lport, rport, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
out = open(path, "w")
def pump(src, dst, tag):
    buf = b""
    while True:
        data = src.recv(65536)
        if not data:
            break
        buf += data
        while len(buf) >= 5 and len(buf) >= 5 + int.from_bytes(buf[3:5], "big"):
            n = 5 + int.from_bytes(buf[3:5], "big")
            with lock:
                out.write(f"{tag} {buf[:n].hex()}\n"); out.flush()
                dst.sendall(buf[:n])
            buf = buf[n:]
    try: dst.shutdown(socket.SHUT_WR)
    except OSError: pass
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", lport)); ls.listen(1)
c, _ = ls.accept()
s = socket.create_connection(("127.0.0.1", rport))
t = [threading.Thread(target=pump, args=(c, s, "C")), threading.Thread(target=pump, args=(s, c, "S"))]
for x in t: x.start()
for x in t: x.join()
out.close()
PY
proxy=$!
sleep 1
printf 'GET / HTTP/1.0\r\n\r\n' | openssl s_client -quiet -connect 127.0.0.1:44330 \
  -servername server.test -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -no_ticket \
  -keylogfile keylog.txt >/dev/null 2>&1 || true
wait "$proxy"
{ echo "# One TLS record per line, in wire order: C = client to server, S = server to client."; cat records.txt; } >"$here/records.txt"
grep -v '^#' keylog.txt >"$here/keylog.txt"
echo "wrote $(grep -c . records.txt) records"
