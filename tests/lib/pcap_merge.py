#!/usr/bin/env python3
"""Merges pcap captures into one, so that one tshark run checks them all.

tshark spends about 0.6 s of CPU registering its dissectors each time it starts, far
more than dissecting a handshake takes; a test that checks many captures merges them
and starts tshark once (tests/lib/tshark_batch.sh).

Usage: pcap_merge.py OUT IN...
Prints one line per input: the tcp.stream number its first TCP connection gets in OUT.

Each input's TCP connections stay apart in OUT: every client port (any port but the
server's, 443 or the one given as SERVER_PORT) is renumbered, in order of first
appearance, to 10000, 10001, ... across all inputs, so connection K of OUT is the
K-th port and tshark numbers it tcp.stream K; the TCP checksum is updated for the new
port (RFC 1624), so a valid one stays valid and a wrong one stays wrong. Each input's
timestamps move 1000 s past the previous input's. Nothing else changes: the TLS bytes
tshark dissects are the inputs' own. An input that is not a complete little-endian
Ethernet pcap of IPv4 (tlssim's --pcap) is an error, never skipped.
"""
import os
import struct
import sys

SERVER_PORT = int(os.environ.get("SERVER_PORT", "443"))
FIRST_PORT = 10000


def fail(path, why):
    sys.exit(f"pcap_merge: {path}: {why}")


def csum_replace(csum, old, new):
    """RFC 1624 eqn. 3: the checksum after a 16-bit word changes from old to new."""
    s = (~csum & 0xFFFF) + (~old & 0xFFFF) + new
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: pcap_merge.py OUT IN...")
    out_path, inputs = sys.argv[1], sys.argv[2:]
    ports = {}  # (input index, old port) -> new port
    header = None
    shift = 0  # seconds added to this input's timestamps
    with open(out_path, "wb") as out:
        for n, path in enumerate(inputs):
            with open(path, "rb") as f:
                data = f.read()
            if len(data) < 24 or data[:4] not in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
                fail(path, "not a little-endian pcap file")
            if struct.unpack_from("<I", data, 20)[0] != 1:
                fail(path, "not an Ethernet capture")
            if header is None:
                header = data[:24]
                out.write(header)
            elif data[:4] != header[:4]:
                fail(path, "its timestamp resolution differs from the first input's")
            print(len(ports))
            first = None
            last = 0
            pos = 24
            while pos < len(data):
                if pos + 16 > len(data):
                    fail(path, f"a record header cut short at byte {pos}")
                sec, frac, incl, orig = struct.unpack_from("<IIII", data, pos)
                pkt = bytearray(data[pos + 16:pos + 16 + incl])
                if len(pkt) != incl:
                    fail(path, f"a packet cut short at byte {pos}")
                pos += 16 + incl
                if first is None:
                    first = sec
                last = max(last, sec)
                if len(pkt) >= 34 and pkt[12:14] == b"\x08\x00" and pkt[23] == 6:
                    tcp = 14 + (pkt[14] & 0x0F) * 4
                    if len(pkt) < tcp + 18:
                        fail(path, "a TCP header cut short")
                    csum = struct.unpack_from(">H", pkt, tcp + 16)[0]
                    for at in (tcp, tcp + 2):
                        old = struct.unpack_from(">H", pkt, at)[0]
                        if old == SERVER_PORT:
                            continue
                        new = ports.setdefault((n, old), FIRST_PORT + len(ports))
                        struct.pack_into(">H", pkt, at, new)
                        csum = csum_replace(csum, old, new)
                    struct.pack_into(">H", pkt, tcp + 16, csum)
                out.write(struct.pack("<IIII", sec + shift, frac, incl, orig))
                out.write(pkt)
            if first is not None:
                shift += last - first + 1000


if __name__ == "__main__":
    main()
