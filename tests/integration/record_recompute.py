#!/usr/bin/env python3
"""Recomputes the record protection tlssim shows, from outside tlssim.

From the key log (CLIENT_RANDOM and the master secret) and the capture (the server
random in ServerHello, the records as they crossed the wire), it derives the key
block with the TLS 1.2 PRF (RFC 5246 5, 6.3), opens every encrypted record with
Python's cryptography (AESGCM, ChaCha20Poly1305; AES-CBC and hmac for CBC suites),
and checks each value the run's JSON gives its record events: sequence number,
nonce, additional data, plaintext, ciphertext, tag (CBC: IV, MAC, padding, MAC
input). Prints the values of the client's first encrypted record for the screen test.

usage: record_recompute.py SUITE RUN.json RUN.pcap RUN.keys
"""
import hashlib
import hmac
import json
import struct
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305


def fail(msg):
    print("FAIL  " + msg)
    sys.exit(1)


def prf(hash_name, secret, label, seed, n):
    """P_hash of RFC 5246 5: HMAC iterations over A(i) + seed."""
    seed = label + seed
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hash_name).digest()
        out += hmac.new(secret, a + seed, hash_name).digest()
    return out[:n]


def tcp_streams(path):
    """The TCP payloads of an Ethernet pcap, concatenated per direction (client first)."""
    data = open(path, "rb").read()
    magic, _, _, _, _, _, link = struct.unpack("<IHHiIII", data[:24])
    if magic != 0xA1B2C3D4 or link != 1:
        fail("%s: not a little-endian Ethernet pcap" % path)
    at, streams, order = 24, {}, []
    while at + 16 <= len(data):
        incl = struct.unpack("<IIII", data[at:at + 16])[2]
        frame = data[at + 16:at + 16 + incl]
        at += 16 + incl
        if struct.unpack(">H", frame[12:14])[0] != 0x0800:
            continue
        ip = frame[14:]
        ihl = (ip[0] & 15) * 4
        tcp = ip[ihl:struct.unpack(">H", ip[2:4])[0]]
        sport = struct.unpack(">H", tcp[0:2])[0]
        payload = tcp[(tcp[12] >> 4) * 4:]
        if not payload:
            continue
        if sport not in streams:
            streams[sport] = b""
            order.append(sport)
        streams[sport] += payload
    if len(order) != 2:
        fail("%s: expected two directions with data, found %d" % (path, len(order)))
    return streams[order[0]], streams[order[1]]


def records(stream):
    out, at = [], 0
    while at + 5 <= len(stream):
        n = struct.unpack(">H", stream[at + 3:at + 5])[0]
        out.append(stream[at:at + 5 + n])
        at += 5 + n
    return out


def suite_params(suite):
    prf_hash = "sha384" if suite.endswith("_SHA384") else "sha256"
    key_len = 32 if "AES_256" in suite or "CHACHA20" in suite else 16
    if "CHACHA20" in suite:
        return dict(kind="chacha", prf=prf_hash, mac=None, mac_len=0, key=32, iv=12)
    if "_GCM_" in suite:
        return dict(kind="gcm", prf=prf_hash, mac=None, mac_len=0, key=key_len, iv=4)
    mac = "sha256" if suite.endswith("_SHA256") else "sha1"
    return dict(kind="cbc", prf=prf_hash, mac=mac, mac_len=hashlib.new(mac).digest_size,
                key=key_len, iv=0)


def open_record(p, key, mac_key, iv, seq, rec):
    """The values of one record, computed here: what the JSON must say."""
    typ, ver, frag = rec[0], rec[1:3], rec[5:]
    seq8 = struct.pack(">Q", seq)
    v = {"sequence number": seq8}
    if p["kind"] == "cbc":
        rec_iv, body = frag[:16], frag[16:]
        dec = Cipher(algorithms.AES(key), modes.CBC(rec_iv)).decryptor()
        plain = dec.update(body) + dec.finalize()
        pad = plain[-1] + 1
        if plain[-pad:] != bytes([plain[-1]]) * pad:
            fail("record %d: bad CBC padding" % seq)
        pt, mac = plain[:-pad - p["mac_len"]], plain[-pad - p["mac_len"]:-pad]
        ad = seq8 + bytes([typ]) + ver + struct.pack(">H", len(pt))
        if not hmac.compare_digest(hmac.new(mac_key, ad + pt, p["mac"]).digest(), mac):
            fail("record %d: the MAC recomputed with hmac differs" % seq)
        v.update({"IV": rec_iv, "additional data": ad, "plaintext": pt, "MAC": mac,
                  "padding": plain[-pad:], "MAC input": ad + pt, "ciphertext": body,
                  "key": key, "MAC key": mac_key})
        return v
    if p["kind"] == "gcm":
        explicit, ct_tag = frag[:8], frag[8:]
        nonce = iv + explicit
        aead = AESGCM(key)
        v["explicit nonce"] = explicit
    else:
        ct_tag = frag
        nonce = bytes(a ^ b for a, b in zip(iv, b"\0\0\0\0" + seq8))
        aead = ChaCha20Poly1305(key)
        v["padded sequence number"] = b"\0\0\0\0" + seq8
    ad = seq8 + bytes([typ]) + ver + struct.pack(">H", len(ct_tag) - 16)
    pt = aead.decrypt(nonce, ct_tag, ad)  # raises InvalidTag if anything differs
    v.update({"write IV": iv, "nonce": nonce, "additional data": ad, "plaintext": pt,
              "ciphertext": ct_tag[:-16], "tag": ct_tag[-16:], "key": key})
    return v


def main():
    suite, json_path, pcap_path, keys_path = sys.argv[1:5]
    p = suite_params(suite)
    line = [l.split() for l in open(keys_path) if l.startswith("CLIENT_RANDOM ")]
    if len(line) != 1:
        fail("%s: expected one CLIENT_RANDOM line" % keys_path)
    client_random, master = bytes.fromhex(line[0][1]), bytes.fromhex(line[0][2])
    to_server, to_client = tcp_streams(pcap_path)
    hello = records(to_client)[0]
    if hello[0] != 22 or hello[5] != 2:
        fail("the server's first record is not ServerHello")
    server_random = hello[11:43]
    if records(to_server)[0][11:43] != client_random:
        fail("the key log's client random is not the ClientHello's")
    m, k, i = p["mac_len"], p["key"], p["iv"]
    kb = prf(p["prf"], master, b"key expansion", server_random + client_random, 2 * (m + k + i))
    keys = {"client": (kb[2 * m:2 * m + k], kb[:m], kb[2 * m + 2 * k:2 * m + 2 * k + i]),
            "server": (kb[2 * m + k:2 * m + 2 * k], kb[m:2 * m],
                       kb[2 * m + 2 * k + i:2 * m + 2 * k + 2 * i])}
    events = json.load(open(json_path))["events"]
    first = None
    checked = 0
    for side, stream in (("client", to_server), ("server", to_client)):
        enc = [e for e in events if e["kind"] == "record" and e["actor"] == side and e.get("encrypted")]
        recs = records(stream)
        ccs = [n for n, r in enumerate(recs) if r[0] == 20]
        if not ccs:
            fail("%s sent no ChangeCipherSpec" % side)
        wire = recs[ccs[0] + 1:]
        if len(wire) != len(enc):
            fail("%s: %d encrypted records on the wire, %d in the JSON" % (side, len(wire), len(enc)))
        for seq, (rec, ev) in enumerate(zip(wire, enc)):
            if bytes.fromhex(ev["bytes"]) != rec:
                fail("%s record %d: the JSON's bytes are not the capture's" % (side, seq))
            want = open_record(p, *keys[side], seq, rec)
            got = {b["name"]: bytes.fromhex(b["hex"])
                   for b in ev.get("inputs", []) + ev.get("outputs", [])}
            for name, value in want.items():
                if got.get(name) != value:
                    fail("%s record %d (%s): %s is %s in the JSON, %s recomputed" %
                         (side, seq, ev["title"], name, got.get(name, b"").hex(), value.hex()))
                checked += 1
            if side == "client" and seq == 0:
                first = (ev["seq"], want)
    print("event=%d" % first[0])
    for name in ("sequence number", "nonce", "IV", "additional data", "tag", "MAC"):
        if name in first[1]:
            print("%s=%s" % (name, first[1][name].hex()))
    # The last value the pane lists, reached by scrolling.
    print("scrolled key=%s" % first[1]["key"].hex())
    print("checked %d values" % checked, file=sys.stderr)


if __name__ == "__main__":
    main()
