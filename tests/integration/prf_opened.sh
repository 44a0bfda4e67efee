#!/usr/bin/env bash
# The PRF opened (RFC 5246 5), recomputed outside tlssim: for every master secret,
# key block and verify_data of a run, Python's hmac recomputes A(1), A(2) ... and each
# output block from the secret, label and seed in `run --json`, checks that the seed
# is made of what the RFC says (the randoms in their order, the session hash, the
# handshake hash) and that the blocks, cut, give the output. Then `run` text shows
# the same steps as an indented block under the outputs.
set -euo pipefail
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
failures=0
check() { # NAME STATUS
  if [ "$2" = 0 ]; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi
}
cat >"$d/check.py" <<'PY'
import hashlib, hmac, json, re, sys

run = json.load(open(sys.argv[1]))
hname = sys.argv[2]
H = getattr(hashlib, hname)
hl = H().digest_size

def blobs(e, key):
    return {b["name"]: bytes.fromhex(b["hex"]) for b in e.get(key, [])}

def mac(k, m):
    return hmac.new(k, m, H).digest()

counts = {"master_secret": 0, "key_block": 0, "verify_data": 0}
master = {}  # the latest master secret of each side, for its verify_data
for e in run["events"]:
    if e["id"] not in counts:
        continue
    ins, outs, steps = blobs(e, "inputs"), blobs(e, "outputs"), blobs(e, "steps")
    if e["id"] == "master_secret" and "pre_master_secret" not in ins:
        assert not steps, "a resumed master secret has no PRF"
        master[e["actor"]] = outs["master_secret"]
        continue
    where = "%s #%d (%s)" % (e["id"], e["seq"], e["actor"])
    label = re.search(r'"([^"]+)"', e["formula"]).group(1).encode()
    assert steps["label"] == label, where + ": label"
    if e["id"] == "master_secret":
        key, out = ins["pre_master_secret"], outs["master_secret"]
        want_seed = ins.get("session_hash") or ins["client_random"] + ins["server_random"]
        master[e["actor"]] = out
    elif e["id"] == "key_block":
        key, out = ins["master_secret"], outs["key_block"]
        want_seed = ins["server_random"] + ins["client_random"]
        assert key == master[e["actor"]], where + ": not this side's master secret"
    else:
        key, out = master[e["actor"]], outs["verify_data"]
        want_seed = ins["handshake_hash"]
    assert steps["seed"] == want_seed, where + ": seed"
    a, got, i = label + want_seed, b"", 1
    while len(got) < len(out):
        a = mac(key, a)
        block = mac(key, a + label + want_seed)
        assert steps["A%d" % i] == a, where + ": A%d" % i
        assert steps["block%d" % i] == block, where + ": block%d" % i
        got += block
        i += 1
    assert "A%d" % i not in steps and "block%d" % i not in steps, where + ": extra steps"
    assert len(steps["A1"]) == hl
    assert got[: len(out)] == out, where + ": the blocks, cut, are not the output"
    counts[e["id"]] += 1
assert counts["master_secret"] >= 2 and counts["key_block"] >= 2 and counts["verify_data"] >= 4, counts
print(" ".join("%s %d" % kv for kv in counts.items()))
PY
run() { "$TLSSIM" run --seed 9 --time 2026-06-01 "$@"; }
while read -r hash args; do
  # shellcheck disable=SC2086 # the scenario's options, split on purpose
  st=0; run $args --json "$d/run.json" >/dev/null && python3 "$d/check.py" "$d/run.json" "$hash" || st=1
  check "Python's hmac recomputes every A(i) and block ($hash; ${args:-defaults})" $st
done <<'CASES'
sha256
sha256 --no-ems
sha384 --suite TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
sha384 --suite TLS_RSA_WITH_AES_256_GCM_SHA384 --no-ems
sha256 --suite TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
sha256 --resume ticket
CASES

# run text: the steps as a block under the outputs, further in.
run --no-ems >"$d/run.txt"
a1=$(jq -r '[.events[] | select(.id == "master_secret" and .actor == "client") | .steps[] | select(.name == "A1") | .hex][0]' <(run --no-ems --json -))
st=0
awk '/^#[0-9]+  client  compute  master secret$/ {m=1} m && /^$/ {exit} m' "$d/run.txt" >"$d/ms.txt"
grep -qx '      how the PRF computed it (RFC 5246 5):' "$d/ms.txt" || st=1
grep -qx '        seed (64 bytes)  — client_random + server_random, in this order' "$d/ms.txt" || st=1
grep -qx "          $a1" "$d/ms.txt" || st=1
grep -q '^        block2 (32 bytes)  — .*output bytes 32..63; only 32..47 kept, cut to 48 bytes$' "$d/ms.txt" || st=1
check "run text: the master secret's PRF as an indented block, A1 from the JSON, the cut" $st
[ "$st" = 0 ] || cat "$d/ms.txt"

[ "$failures" = 0 ]
