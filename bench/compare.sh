#!/usr/bin/env bash
# tlssim's in-process handshake rate beside OpenSSL's own (two SSL objects over a
# BIO pair), same suite (ECDHE-RSA-AES128-GCM-SHA256), group (x25519) and certificate.
# The two take turns for ROUNDS rounds, so a change in the machine's load during the
# run affects both; the ratio reported is the median of the rounds' ratios.
# Prints figures only; `make bench` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-500}
rounds=${ROUNDS:-7}
build=${BUILD:-build}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$build/tlssim" pki --out "$d" >/dev/null
cc -O2 -std=c11 -D_GNU_SOURCE bench/openssl/handshake_rate.c -o "$d/handshake_rate" -lssl -lcrypto
ratios=()
for ((r = 1; r <= rounds; r++)); do
    ours=$("$build/tlssim" bench -n "$n")
    theirs=$("$d/handshake_rate" "$d" "$n")
    ((r == 1)) && printf '%s\n\n%s\n\n' "$ours" "$(sed 's/^openssl //; s/: [0-9].*//' <<<"$theirs")"
    r1=$(sed -n 's/^rate: \([0-9.]*\).*/\1/p' <<<"$ours")
    r2=$(sed -n 's/.*rate: \([0-9.]*\).*/\1/p' <<<"$theirs")
    outside=$(awk '/^symmetric|^everything else/ { sub("%", "", $NF); s += $NF } END { printf "%.1f", s }' <<<"$ours")
    ratio=$(awk -v a="$r1" -v b="$r2" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    printf 'round %d: tlssim %7.1f hs/s (outside public-key operations %4s%%)   OpenSSL %7.1f hs/s   ratio %s\n' \
        "$r" "$r1" "$outside" "$r2" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "ratio tlssim/openssl: $median (median of $rounds rounds)"
