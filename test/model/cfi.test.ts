// Why: pins the CFI query table a device answers, byte for byte, including the zeros of every reserved byte and past the table's end.

import { describe, expect, it } from "vitest";
import { CFI_TABLE_LENGTH, cfiByte, type Geometry } from "../../model/index.js";

const x86: Geometry = { sectorLen: 4096, sectors: 16, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] };
const virt: Geometry = { ...x86, sectorLen: 256 * 1024, sectors: 256, bankWidth: 4, deviceWidth: 2 };

/** The bytes QEMU's table holds at every index that is not 0, for either geometry. */
const common: Record<number, number> = {
  0x10: 0x51, 0x11: 0x52, 0x12: 0x59, 0x13: 0x01, 0x15: 0x31, 0x1b: 0x45, 0x1c: 0x55, 0x1f: 0x07, 0x20: 0x07, 0x21: 0x0a,
  0x23: 0x04, 0x24: 0x04, 0x25: 0x04, 0x28: 0x02, 0x2c: 0x01, 0x31: 0x50, 0x32: 0x52, 0x33: 0x49, 0x34: 0x31, 0x35: 0x30, 0x3f: 0x01,
};

describe("cfi", () => {
  it.each([
    // 64 KiB of 16 4-KiB blocks, one byte-wide device with a 256-byte buffer.
    ["a byte-wide bank", x86, { 0x27: 16, 0x2a: 8, 0x2d: 15, 0x2f: 0x10 }],
    // 64 MiB over two x16 devices: each holds 32 MiB of 256 128-KiB blocks, with a 2-KiB buffer.
    ["two x16 devices on a 4-byte bank", virt, { 0x27: 25, 0x2a: 11, 0x2d: 255, 0x30: 0x02 }],
  ] as const)("answers the whole table for %s, and 0 everywhere else", (_what, g, sized) => {
    const want = { ...common, ...sized } as Record<number, number>;
    const table = Array.from({ length: CFI_TABLE_LENGTH + 4 }, (_, i) => cfiByte(g, i));
    expect(table).toEqual(Array.from({ length: CFI_TABLE_LENGTH + 4 }, (_, i) => want[i] ?? 0));
    expect(cfiByte(g, -1)).toBe(0);
  });
});
