#!/usr/bin/env bash
# Why: installs the ground truth the QEMU suite runs against: Debian's qemu-system-x86 7.2.22 (the system's) with Debian's OVMF and qemu-img, and 10.0.2 from bookworm-backports unpacked beside it in .qemu/ (no change to the system's apt sources or packages).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-qemu: need root (or sudo) to run apt-get" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

# 1. The system's QEMU (7.2.22 on bookworm), Debian's OVMF (2022.11: /usr/share/OVMF/OVMF_CODE.fd and the 128 KiB OVMF_VARS.fd), the real firmware `pflash-audit record` boots,
#    and python3, which runs the standalone reproducers the tests check on these binaries.
#    qemu-utils brings qemu-img, which makes the qcow2 drives of snapshot runs (--snapshots).
if ! command -v qemu-system-x86_64 >/dev/null 2>&1 || [ ! -f /usr/share/OVMF/OVMF_VARS.fd ] || ! command -v python3 >/dev/null 2>&1 || ! command -v qemu-img >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends qemu-system-x86 qemu-utils ovmf python3 >/dev/null
fi
qemu-system-x86_64 --version | head -n 1
qemu-img --version | head -n 1
dpkg-query -W -f='ovmf ${Version}\n' ovmf

# 2. Other versions side by side: VERSION=<Debian version> SUITE=<suite> DEST=.qemu/<name>.
#    To add one, add a line below; the binary is then .qemu/<name>/usr/bin/qemu-system-x86_64.
side_by_side() {
  local name="$1" suite="$2" version="$3"
  local dest=".qemu/$name" work=".qemu/.apt-$name"
  if [ -x "$dest/usr/bin/qemu-system-x86_64" ]; then
    "$dest/usr/bin/qemu-system-x86_64" --version | head -n 1
    return
  fi
  # The archive's address comes from the system's own apt sources; nothing here names a host.
  local uri
  uri="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  [ -n "$uri" ] || uri="$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)"
  [ -n "$uri" ] || { echo "install-qemu: no Debian archive found in the system's apt sources" >&2; exit 1; }
  rm -rf "$work" && mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$dest"
  echo "deb $uri $suite main" > "$work/sources.list"
  cat > "$work/apt.conf" <<CONF
Dir::Etc::sourcelist "$PWD/$work/sources.list";
Dir::Etc::sourceparts "/dev/null";
Dir::State::Lists "$PWD/$work/lists";
Dir::Cache "$PWD/$work/cache";
APT::Sandbox::User "root";
CONF
  APT_CONFIG="$PWD/$work/apt.conf" apt-get update -qq
  (cd "$work/debs" && APT_CONFIG="$PWD/../apt.conf" apt-get download -qq \
    "qemu-system-x86=$version" "qemu-system-common=$version" "qemu-system-data=$version")
  for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$dest"; done
  rm -rf "$work"
  if ldd "$dest/usr/bin/qemu-system-x86_64" | grep -q "not found"; then
    echo "install-qemu: $dest/usr/bin/qemu-system-x86_64 misses libraries:" >&2
    ldd "$dest/usr/bin/qemu-system-x86_64" | grep "not found" >&2
    exit 1
  fi
  "$dest/usr/bin/qemu-system-x86_64" --version | head -n 1
}

side_by_side 10.0.2 bookworm-backports '1:10.0.2+ds-2+deb13u1~bpo12+1'
