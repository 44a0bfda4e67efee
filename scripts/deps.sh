#!/usr/bin/env bash
# Installs the Debian packages tlssim needs to build and test, only when missing.
# Usage: scripts/deps.sh            (build and test dependencies)
set -euo pipefail

packages=(
  build-essential pkg-config
  libtomcrypt-dev libtommath-dev libgmp-dev libsodium-dev
  libncurses-dev libjansson-dev libpcap-dev libcmocka-dev
  openssl libssl-dev tshark tmux jq clang clang-tidy libclang-rt-dev valgrind
  python3 python3-cryptography
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no so the install never prompts.
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo[@]}" debconf-set-selections
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
