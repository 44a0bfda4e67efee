#!/usr/bin/env bash
# tlssim's in-process handshake rate beside OpenSSL's own (two SSL objects over a
# BIO pair), same suite (ECDHE-RSA-AES128-GCM-SHA256), group (x25519) and certificate.
# Prints figures only: `make bench-compare`.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-500}
build=${BUILD:-build}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$build/tlssim" pki --out "$d" >/dev/null
cc -O2 -std=c11 -D_GNU_SOURCE bench/openssl/handshake_rate.c -o "$d/handshake_rate" -lssl -lcrypto
ours=$("$build/tlssim" bench -n "$n")
echo "$ours"
echo
theirs=$("$d/handshake_rate" "$d" "$n")
echo "$theirs"
r1=$(sed -n 's/^rate: \([0-9.]*\).*/\1/p' <<<"$ours")
r2=$(sed -n 's/.*rate: \([0-9.]*\).*/\1/p' <<<"$theirs")
echo "ratio tlssim/openssl: $(awk -v a="$r1" -v b="$r2" 'BEGIN { printf "%.2f", a / b }')"
