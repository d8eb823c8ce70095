// Why: the CFI table and the per-bank ID/CFI query answers of pflash_cfi01, as the device computes them.

import type { PFlashProps, PFlashState } from "./pflash-state.js";

const ctz32 = (n: number): number => (n === 0 ? 32 : 31 - Math.clz32(n & -n));
const u32 = (n: number): number => n >>> 0;

function depositLanes(resp: number, laneBytes: number, busBytes: number): number {
  for (let i = laneBytes; i < busBytes; i += laneBytes) {
    // A lane is narrower than the bus (at most 2 of 4 bytes), so its mask fits in 16 bits.
    const mask = u32((((1 << (8 * laneBytes)) - 1) << (8 * i)) >>> 0);
    resp = u32((resp & ~mask) | ((resp << (8 * i)) & mask));
  }
  return resp;
}

/** pflash_cfi01_fill_cfi_table(): the table bytes and the write-buffer size they imply. */
export function fill_cfi_table(p: PFlashProps): { table: Uint8Array; writeblock_size: number } {
  const t = new Uint8Array(0x52);
  const num_devices = p.device_width ? p.bank_width / p.device_width : 1;
  const blocks_per_device = p.nb_blocs;
  const sector_len_per_device = p.sector_len / num_devices;
  const device_len = sector_len_per_device * blocks_per_device;
  t.set([0x51, 0x52, 0x59, 0x01, 0x00, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00], 0x10);
  t.set([0x45, 0x55, 0x00, 0x00, 0x07, 0x07, 0x0a, 0x00, 0x04, 0x04, 0x04, 0x00], 0x1b);
  t[0x27] = ctz32(device_len);
  t[0x28] = 0x02;
  t[0x2a] = p.bank_width === 1 ? 0x08 : 0x0b;
  t[0x2c] = 0x01;
  t[0x2d] = (blocks_per_device - 1) & 0xff;
  t[0x2e] = ((blocks_per_device - 1) >> 8) & 0xff;
  t[0x2f] = (sector_len_per_device >> 8) & 0xff;
  t[0x30] = (sector_len_per_device >> 16) & 0xff;
  t.set([0x50, 0x52, 0x49, 0x31, 0x30], 0x31);
  t[0x3f] = 0x01;
  let writeblock_size = 1 << (t[0x2a] ?? 0);
  if (num_devices > 1) writeblock_size *= num_devices;
  return { table: t, writeblock_size };
}

function boff(pfl: PFlashState, offset: number): number {
  const shift = ctz32(pfl.p.bank_width) + ctz32(pfl.max_device_width) - ctz32(pfl.p.device_width);
  return Math.floor(offset / 2 ** shift);
}

/** pflash_cfi_query(): one bank's answer in CFI mode (a device width is set). */
export function pflash_cfi_query(pfl: PFlashState, offset: number): number {
  const b = boff(pfl, offset);
  if (b >= pfl.cfi_table.length) return 0;
  let resp = pfl.cfi_table[b] ?? 0;
  const { device_width, bank_width } = pfl.p;
  if (device_width !== pfl.max_device_width) {
    if (device_width !== 1 || bank_width > 4) return 0;
    for (let i = 1; i < pfl.max_device_width; i++) resp = u32(resp | (resp & 0xff) << (8 * i));
  }
  return device_width < bank_width ? depositLanes(resp, device_width, bank_width) : resp;
}

/** pflash_devid_query(): one bank's answer in read-ID mode (a device width is set). */
export function pflash_devid_query(pfl: PFlashState, offset: number): number {
  const b = boff(pfl, offset) & 0xff;
  if (b > 1) return 0;
  const resp = b === 0 ? pfl.p.id[0] : pfl.p.id[1];
  const { device_width, bank_width } = pfl.p;
  return device_width < bank_width ? depositLanes(resp, device_width, bank_width) : resp;
}
