#!/usr/bin/env bash
# Why: installs the ground truth the QEMU suite runs against: Debian's qemu-system-x86 (7.2.22 on bookworm).
set -euo pipefail

if command -v qemu-system-x86_64 >/dev/null 2>&1; then
  qemu-system-x86_64 --version | head -n 1
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-qemu: need root (or sudo) to run apt-get" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends qemu-system-x86 >/dev/null
qemu-system-x86_64 --version | head -n 1
