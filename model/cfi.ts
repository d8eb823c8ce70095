// Why: the CFI query table described as the fields the CFI specification defines, not as a byte array.

import { devicesOnBus, flashSize, type Geometry } from "./geometry.js";

/** Length of the query table; reads past it answer 0. */
export const CFI_TABLE_LENGTH = 0x52;

const fixedFields: ReadonlyArray<readonly [number, readonly number[]]> = [
  [0x10, [0x51, 0x52, 0x59]], // "QRY"
  [0x13, [0x01, 0x00]], // primary command set: Intel/Sharp extended
  [0x15, [0x31, 0x00]], // primary extended table at 0x31
  [0x17, [0x00, 0x00, 0x00, 0x00]], // no alternate command set or table
  [0x1b, [0x45, 0x55, 0x00, 0x00]], // Vcc 4.5-5.5 V, no Vpp
  [0x1f, [0x07, 0x07, 0x0a, 0x00]], // typical timeouts: word, buffer, block, chip
  [0x23, [0x04, 0x04, 0x04, 0x00]], // maximum timeouts
  [0x28, [0x02, 0x00]], // interface: x8/x16
  [0x2b, [0x00]], // write buffer size, high byte
  [0x2c, [0x01]], // one erase-block region
  [0x31, [0x50, 0x52, 0x49, 0x31, 0x30]], // "PRI10"
  [0x3f, [0x01]], // one protection field
];

const trailingZeros = (n: number): number => (n === 0 ? 32 : 31 - Math.clz32(n & -n));

/** The byte one device answers at query offset `index`. */
export function cfiByte(g: Geometry, index: number): number {
  if (index < 0 || index >= CFI_TABLE_LENGTH) return 0;
  for (const [start, bytes] of fixedFields) {
    const v = bytes[index - start];
    if (index >= start && v !== undefined) return v;
  }
  const devices = devicesOnBus(g);
  const blockBytes = g.sectorLen / devices;
  const blocksLess1 = g.sectors - 1;
  switch (index) {
    case 0x27:
      return trailingZeros(flashSize(g) / devices);
    case 0x2a:
      return g.bankWidth === 1 ? 8 : 11; // log2 of the per-device write buffer
    case 0x2d:
      return blocksLess1 & 0xff;
    case 0x2e:
      return (blocksLess1 >> 8) & 0xff;
    case 0x2f:
      return (blockBytes >> 8) & 0xff;
    case 0x30:
      return (blockBytes >> 16) & 0xff;
    default:
      return 0;
  }
}
