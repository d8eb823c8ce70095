// Why: the drive of a snapshot run is a qcow2 image; properties compare what the guest's disk holds, so the harness reads the image as QEMU presents it.

import { execFileSync } from "node:child_process";

/** The image is not one this reader follows (or not qcow2 at all). */
export class Qcow2Error extends Error {
  override readonly name = "Qcow2Error";
}

const QCOW2_MAGIC = 0x514649fb;
/** Bits 9..55 of an L1 or L2 entry: the host offset. */
const OFFSET_MASK = 0x00fffffffffffe00n;
const COMPRESSED = 1n << 62n;
const ZERO_CLUSTER = 1n;

/**
 * The virtual disk of qcow2 image `file` (the active layer, not a snapshot): each guest cluster
 * through the L1 and L2 tables; unallocated and zero clusters read as zeros. Compressed clusters,
 * encryption, backing files and extended L2 entries are refused (qemu-img convert makes none).
 * QEMU writes its metadata through to the file on every guest write only with cache.writeback=off.
 */
export function qcow2Bytes(file: Uint8Array): Uint8Array {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 72 || v.getUint32(0) !== QCOW2_MAGIC) throw new Qcow2Error("not a qcow2 image");
  const version = v.getUint32(4);
  const clusterBits = v.getUint32(20);
  const size = Number(v.getBigUint64(24));
  if (v.getBigUint64(8) !== 0n || v.getUint32(32) !== 0) throw new Qcow2Error("a backing file or encryption is not supported");
  if (version >= 3 && (v.getBigUint64(72) & (1n << 4n)) !== 0n) throw new Qcow2Error("extended L2 entries are not supported");
  const cluster = 2 ** clusterBits;
  const perL2 = cluster / 8;
  const l1 = Number(v.getBigUint64(40));
  const out = new Uint8Array(size);
  for (let c = 0; c * cluster < size; c++) {
    const l2 = Number(v.getBigUint64(l1 + 8 * Math.floor(c / perL2)) & OFFSET_MASK);
    if (l2 === 0) continue;
    const entry = v.getBigUint64(l2 + 8 * (c % perL2));
    if ((entry & COMPRESSED) !== 0n) throw new Qcow2Error("compressed clusters are not supported");
    const at = Number(entry & OFFSET_MASK);
    if (at === 0 || (entry & ZERO_CLUSTER) !== 0n) continue;
    const len = Math.min(cluster, size - c * cluster);
    out.set(file.subarray(at, at + len), c * cluster);
  }
  return out;
}

/** Converts raw image `raw` into qcow2 image `out` with `qemuImg` (qemu-img's defaults: version 3, 64 KiB clusters). */
export function convertToQcow2(qemuImg: string, raw: string, out: string): void {
  execFileSync(qemuImg, ["convert", "-f", "raw", "-O", "qcow2", raw, out], { stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
}
