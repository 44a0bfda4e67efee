#!/usr/bin/env bash
# The recompute commands a student is shown (sim/recompute.c) must give the bytes the
# trace shows. Every "recompute" text of seeded runs (ECDHE-RSA x25519, ECDHE-ECDSA
# P-256 and P-384, DHE-RSA ffdhe2048, RSA key transport; with and without EMS; with
# client authentication for CertificateVerify) is run in an empty folder with the
# real openssl, and its output compared with the trace: a premaster, master secret or
# key block byte for byte, a signature by openssl's own verdict. A tampered signed
# data file must then fail openssl's check, so the check can fail. Every line fits
# the 80x24 detail pane.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
export PATH="$(dirname "$TLSSIM"):$PATH" # the RSA command writes the demo PKI with tlssim
runs=(
  "ecdhe-rsa-x25519|--suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 --group x25519 --client-auth"
  "ecdhe-ecdsa-p256|--suite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 --group secp256r1 --client-auth"
  "ecdhe-ecdsa-p384|--suite TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 --group secp384r1"
  "dhe-rsa-ffdhe2048|--suite TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 --group ffdhe2048"
  "rsa|--suite TLS_RSA_WITH_AES_128_GCM_SHA256 --client-auth"
)
for r in "${runs[@]}"; do
  name=${r%%|*}
  for ems in ems no-ems; do
    extra=()
    [ "$ems" = no-ems ] && extra=(--no-ems)
    # shellcheck disable=SC2086
    "$TLSSIM" run --time 2026-01-01 --seed 13 ${r#*|} "${extra[@]}" --json "$d/$name-$ems.json" >/dev/null
  done
done
# Faults: a check that fails must fail in openssl too; a broken padded block is shown
# as it is (exit status 3: the handshake ends with an alert).
for f in ske-bad-signature ske-wrong-key client-certverify-bad rsa-pms-bad-padding; do
  extra=()
  [ "$f" = rsa-pms-bad-padding ] && extra=(--suite TLS_RSA_WITH_AES_128_GCM_SHA256)
  [ "$f" = client-certverify-bad ] && extra=(--client-auth)
  st=0
  "$TLSSIM" run --time 2026-01-01 --seed 13 --fault "$f" "${extra[@]}" --json "$d/fault-$f.json" >/dev/null || st=$?
  [ "$st" = 3 ] || { echo "--fault $f: exit status $st, 3 expected"; exit 1; }
done
python3 - "$d" <<'PY'
import glob, json, os, subprocess, sys, tempfile

# What each step's command must print: the event's output of that name, byte for
# byte; or, for a signature, openssl's "verified" line.
EXPECT = {
    "premaster_secret": ("output", "pre_master_secret"),
    "master_secret": ("output", "master_secret"),
    "key_block": ("output", "key_block"),
    "ske_signature": ("verified", None),
    "check.ske_signature": ("verified", None),
    "certificate_verify_signature": ("verified", None),
    "check.certificate_verify": ("verified", None),
}
# The RSA premaster's command recovers the padded block, not the premaster.
RSA_BLOCK = "padded block"

def run(cmd, cwd):
    return subprocess.run(["bash", "-euo", "pipefail", "-c", cmd], cwd=cwd, capture_output=True,
                          text=True, timeout=60)

base = sys.argv[1]
total = 0
for path in sorted(glob.glob(os.path.join(base, "*.json"))):
    tag = os.path.basename(path)[:-5]
    events = json.load(open(path))["events"]
    seen = {}
    for e in events:
        cmd = e.get("texts", {}).get("recompute")
        if cmd is None:
            continue
        eid = e["id"]
        kind, name = EXPECT.get(eid, (None, None))
        if kind is None:
            sys.exit(f"{tag}: #{e['seq']} {eid}: a recompute command the test does not know")
        if eid == "premaster_secret" and any(o["name"] == RSA_BLOCK for o in e.get("outputs", [])):
            name = RSA_BLOCK
        # The detail pane at 80x24 is 46 columns, 44 after the indent: a line that
        # fits is shown whole, so a line copied from the screen is the line recorded.
        for line in cmd.split("\n"):
            if len(line) > 44:
                sys.exit(f"{tag}: #{e['seq']} {eid}: a line of {len(line)} columns: {line}")
        with tempfile.TemporaryDirectory() as cwd:
            p = run(cmd, cwd)
            refused = e["kind"] == "verify" and not e["ok"]
            if p.returncode != 0 and not refused:
                sys.exit(f"{tag}: #{e['seq']} {eid}: the command failed ({p.returncode}):\n"
                         f"{p.stderr}\n{cmd}")
            if kind == "output":
                want = next(o["hex"] for o in e["outputs"] if o["name"] == name)
                got = "".join(p.stdout.split())
                if got != want:
                    sys.exit(f"{tag}: #{e['seq']} {eid}: openssl gives {got}, the trace {want}")
            elif e["kind"] == "verify" and not e["ok"]:
                # tlssim's check failed: openssl must not verify either.
                if "Signature Verified Successfully" in p.stdout:
                    sys.exit(f"{tag}: #{e['seq']} {eid}: openssl verifies what tlssim refused")
            else:
                if "Signature Verified Successfully" not in p.stdout:
                    sys.exit(f"{tag}: #{e['seq']} {eid}: openssl does not verify: {p.stdout}")
                # The same check on one changed byte of the signed data must fail.
                signed = os.path.join(cwd, "signed.bin")
                data = bytearray(open(signed, "rb").read())
                data[-1] ^= 1
                open(signed, "wb").write(data)
                last = cmd[cmd.index("openssl pkeyutl -verify"):]
                q = run(last, cwd)
                if q.returncode == 0 or "Signature Verified Successfully" in q.stdout:
                    sys.exit(f"{tag}: #{e['seq']} {eid}: a changed signed data still verifies")
        seen[eid] = seen.get(eid, 0) + 1
        total += 1
    # Every run has both sides' master secret and key block; (EC)DHE both premasters
    # and the ServerKeyExchange signature made and checked; RSA the padded block.
    if tag.startswith("fault-"):
        failed = [e for e in events if e["kind"] == "verify" and not e["ok"]
                  and "recompute" in e.get("texts", {})]
        block = [e for e in events if e["id"] == "premaster_secret" and
                 any(o["name"] == RSA_BLOCK and o["hex"].startswith("0003") for o in e.get("outputs", []))]
        if not failed and not block:
            sys.exit(f"{tag}: neither a refused signature nor a broken padded block recomputed")
        continue
    need = {"master_secret": 2, "key_block": 2}
    if tag.startswith("rsa"):
        need["premaster_secret"] = 1
    else:
        need.update({"premaster_secret": 2, "ske_signature": 1, "check.ske_signature": 1})
    if "x25519" in tag or "p256" in tag or tag.startswith("rsa"):
        need.update({"certificate_verify_signature": 1, "check.certificate_verify": 1})
    for k, n in need.items():
        if seen.get(k, 0) != n:
            sys.exit(f"{tag}: {seen.get(k, 0)} recompute commands for {k}, {n} expected")
print(f"recompute: {total} openssl commands give the trace's bytes")
PY
