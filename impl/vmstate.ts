// Why: the device's migration section as bytes, with QEMU's field order and widths, so a load can fail the way a real one does and a binary's section can be read with the port's own loader.

import type { PFlashCFI01 } from "./pflash-cfi01.js";

const QEMU_VM_SUBSECTION = 0x05;
const BLK_WRITE_SUBSECTION = "pflash_cfi01_blk_write";
const NO_BLOCK_WRITE = 0xffffffff;

/** The incoming section does not fit this device. */
export class VmstateLoadError extends Error {
  override readonly name = "VmstateLoadError";
}

/** What section "pflash_cfi01" v1 carries; `blk` is the write-buffer subsection, sent while a buffer is open (blk_offset set). */
export interface VmstateFields {
  readonly wcycle: number;
  readonly cmd: number;
  readonly status: number;
  readonly counter: bigint;
  readonly blk?: { readonly bytes: Uint8Array; readonly offset: number };
}

/** The bytes of `f`: u8 wcycle, u8 cmd, u8 status, be64 counter, then the subsection (marker, name, be32 version, the buffer, be32 blk_offset). */
export function vmstate_encode(f: VmstateFields): Uint8Array {
  const name = new TextEncoder().encode(BLK_WRITE_SUBSECTION);
  const out = new Uint8Array(11 + (f.blk ? 2 + name.length + 4 + f.blk.bytes.length + 4 : 0));
  const v = new DataView(out.buffer);
  v.setUint8(0, f.wcycle);
  v.setUint8(1, f.cmd);
  v.setUint8(2, f.status);
  v.setBigUint64(3, f.counter);
  if (f.blk) {
    let at = 11;
    v.setUint8(at++, QEMU_VM_SUBSECTION);
    v.setUint8(at++, name.length);
    out.set(name, at);
    at += name.length;
    v.setUint32(at, 1);
    at += 4;
    out.set(f.blk.bytes, at);
    v.setUint32(at + f.blk.bytes.length, f.blk.offset);
  }
  return out;
}

/**
 * Reads `bytes` as this device (with a `writeblock_size`-byte buffer) loads them; throws
 * VmstateLoadError where QEMU's load would fail. Without `hasBuffer` (QEMU before 7.2.9, which has
 * no write buffer) the device knows no subsection, so a section carrying one does not load.
 */
export function vmstate_decode(bytes: Uint8Array, writeblock_size: number, hasBuffer = true): VmstateFields {
  if (bytes.length < 11) throw new VmstateLoadError(`pflash_cfi01: section has ${bytes.length} bytes, needs at least 11`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields = { wcycle: v.getUint8(0), cmd: v.getUint8(1), status: v.getUint8(2), counter: v.getBigUint64(3) };
  if (bytes.length === 11) return fields;
  let at = 11;
  if (v.getUint8(at++) !== QEMU_VM_SUBSECTION) throw new VmstateLoadError("pflash_cfi01: garbage after the fields");
  const len = bytes.length > at ? v.getUint8(at++) : 0;
  const name = new TextDecoder().decode(bytes.subarray(at, at + len));
  at += len;
  if (name !== BLK_WRITE_SUBSECTION || !hasBuffer) throw new VmstateLoadError(`pflash_cfi01: unknown subsection "${name}"`);
  if (bytes.length < at + 4) throw new VmstateLoadError(`${name}: the section ends inside the subsection's header`);
  const version = v.getUint32(at);
  at += 4;
  if (version !== 1) throw new VmstateLoadError(`${name}: version ${version} not supported`);
  if (bytes.length !== at + writeblock_size + 4) throw new VmstateLoadError(`${name}: buffer does not match this device's ${writeblock_size}-byte write buffer`);
  return { ...fields, blk: { bytes: bytes.slice(at, at + writeblock_size), offset: v.getUint32(at + writeblock_size) } };
}

/** Saves the device's section (what the source sends at switchover). */
export function vmstate_save(pfl: PFlashCFI01): Uint8Array {
  const blk = pfl.blk_offset === NO_BLOCK_WRITE ? {} : { blk: { bytes: pfl.blk_bytes, offset: pfl.blk_offset } };
  return vmstate_encode({ wcycle: pfl.wcycle, cmd: pfl.cmd, status: pfl.status, counter: pfl.counter, ...blk });
}

/** Loads a section saved by vmstate_save into `pfl` (post_load is the caller's next step). */
export function vmstate_load(pfl: PFlashCFI01, bytes: Uint8Array): void {
  const f = vmstate_decode(bytes, pfl.writeblock_size, pfl.variant.writeBuffer !== "straight-to-ram");
  Object.assign(pfl, { wcycle: f.wcycle, cmd: f.cmd, status: f.status, counter: f.counter, blk_offset: f.blk?.offset ?? NO_BLOCK_WRITE });
  if (f.blk) pfl.blk_bytes = f.blk.bytes;
}
