// Why: the device's migration section as bytes, with QEMU's field order and widths, so a load can fail the way a real one does.

import type { PFlashCFI01 } from "./pflash-cfi01.js";

const QEMU_VM_SUBSECTION = 0x05;
const BLK_WRITE_SUBSECTION = "pflash_cfi01_blk_write";
const NO_BLOCK_WRITE = 0xffffffff;

/** The incoming section does not fit this device. */
export class VmstateLoadError extends Error {
  override readonly name = "VmstateLoadError";
}

/** Saves section "pflash_cfi01" v1: u8 wcycle, u8 cmd, u8 status, be64 counter, then the write-buffer subsection while one is open. */
export function vmstate_save(pfl: PFlashCFI01): Uint8Array {
  const needed = pfl.blk_offset !== NO_BLOCK_WRITE;
  const name = new TextEncoder().encode(BLK_WRITE_SUBSECTION);
  const size = 11 + (needed ? 2 + name.length + 4 + pfl.writeblock_size + 4 : 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint8(0, pfl.wcycle);
  v.setUint8(1, pfl.cmd);
  v.setUint8(2, pfl.status);
  v.setBigUint64(3, pfl.counter);
  if (needed) {
    let at = 11;
    v.setUint8(at++, QEMU_VM_SUBSECTION);
    v.setUint8(at++, name.length);
    out.set(name, at);
    at += name.length;
    v.setUint32(at, 1);
    at += 4;
    out.set(pfl.blk_bytes, at);
    at += pfl.writeblock_size;
    v.setUint32(at, pfl.blk_offset);
  }
  return out;
}

/** Loads a section saved by vmstate_save into `pfl` (post_load is the caller's next step). */
export function vmstate_load(pfl: PFlashCFI01, bytes: Uint8Array): void {
  if (bytes.length < 11) throw new VmstateLoadError(`pflash_cfi01: section has ${bytes.length} bytes, needs at least 11`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  pfl.wcycle = v.getUint8(0);
  pfl.cmd = v.getUint8(1);
  pfl.status = v.getUint8(2);
  pfl.counter = v.getBigUint64(3);
  pfl.blk_offset = NO_BLOCK_WRITE;
  if (bytes.length === 11) return;
  let at = 11;
  if (v.getUint8(at++) !== QEMU_VM_SUBSECTION) throw new VmstateLoadError("pflash_cfi01: garbage after the fields");
  const len = v.getUint8(at++);
  const name = new TextDecoder().decode(bytes.subarray(at, at + len));
  at += len;
  if (name !== BLK_WRITE_SUBSECTION) throw new VmstateLoadError(`pflash_cfi01: unknown subsection "${name}"`);
  const version = v.getUint32(at);
  at += 4;
  if (version !== 1) throw new VmstateLoadError(`${name}: version ${version} not supported`);
  if (bytes.length !== at + pfl.writeblock_size + 4) {
    throw new VmstateLoadError(`${name}: buffer does not match this device's ${pfl.writeblock_size}-byte write buffer`);
  }
  pfl.blk_bytes = bytes.slice(at, at + pfl.writeblock_size);
  pfl.blk_offset = v.getUint32(at + pfl.writeblock_size);
}
