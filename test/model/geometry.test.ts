// Why: pins which geometries the model accepts and the sizes it derives from them.

import { describe, expect, it } from "vitest";
import { checkGeometry, devicesOnBus, flashSize, GeometryError, geometryProblems, MAX_FLASH_SIZE, writeBufferBytes, type Geometry } from "../../model/index.js";

const x86: Geometry = { sectorLen: 4096, sectors: 16, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] };
const virt: Geometry = { ...x86, sectorLen: 256 * 1024, sectors: 256, bankWidth: 4, deviceWidth: 2 };

/** x86 with `change` applied, which may hold values no Width allows. */
const shape = (change: object): Geometry => ({ ...x86, ...change }) as Geometry;

/** The message checkGeometry throws, or "" when it accepts the geometry. */
function thrown(g: Geometry): string {
  try {
    checkGeometry(g);
    return "";
  } catch (e) {
    expect(e).toBeInstanceOf(GeometryError);
    expect((e as Error).name).toBe("GeometryError");
    return (e as Error).message;
  }
}

describe("geometry", () => {
  it("derives size, devices and write-buffer size as QEMU does", () => {
    expect(flashSize(x86)).toBe(65536);
    expect(writeBufferBytes(x86)).toBe(256);
    expect(devicesOnBus(virt)).toBe(2);
    expect(writeBufferBytes(virt)).toBe(4096);
    expect(writeBufferBytes({ ...virt, deviceWidth: 0 })).toBe(2048);
    expect(flashSize(virt)).toBe(64 * 1024 * 1024);
  });

  it("accepts the real machines", () => {
    expect(checkGeometry(x86)).toBe(x86);
    expect(geometryProblems(virt)).toEqual([]);
  });

  it.each([
    ["the smallest sector, 512 bytes", { sectorLen: 512 }],
    ["a device width equal to the bank width", { bankWidth: 4, deviceWidth: 4 }],
    ["a max device width equal to the device width", { bankWidth: 4, deviceWidth: 2, maxDeviceWidth: 2 }],
    ["a max device width wider than the bank", { bankWidth: 2, deviceWidth: 1, maxDeviceWidth: 4 }],
    ["ident values of 0 and 0xffff", { ident: [0xffff, 0, 0xffff, 0] }],
    ["a flash of exactly the largest size", { sectorLen: 65536, sectors: 4096 }],
  ] as const)("accepts %s", (_what, change) => {
    const g = shape(change);
    expect(geometryProblems(g)).toEqual([]);
    expect(checkGeometry(g)).toBe(g);
  });

  it.each([
    [{ sectorLen: 256 }, "sector length 256 is not a power of two of at least 512 bytes"],
    [{ sectorLen: 3000 }, "sector length 3000 is not a power of two of at least 512 bytes"],
    [{ sectorLen: 1024.5 }, "sector length 1024.5 is not a power of two of at least 512 bytes"],
    [{ sectors: 0 }, "sector count 0 is not a positive integer"],
    [{ sectors: 1.5 }, "sector count 1.5 is not a positive integer"],
    [{ bankWidth: 3 }, "bank width 3 is not 1, 2 or 4"],
    [{ bankWidth: 4, deviceWidth: 3 }, "device width 3 is not 0 or a width of at most the bank width"],
    [{ deviceWidth: 2 }, "device width 2 is not 0 or a width of at most the bank width"],
    [{ bankWidth: 4, deviceWidth: 2, maxDeviceWidth: 1 }, "max device width 1 is not 0 or a width of at least the device width"],
    [{ bankWidth: 4, deviceWidth: 2, maxDeviceWidth: 3 }, "max device width 3 is not 0 or a width of at least the device width"],
    [{ maxDeviceWidth: 2 }, "max device width needs a device width"],
    [{ ident: [0, 0, 0] }, "ident must be four 16-bit values"],
    [{ ident: [0, -1, 0, 0] }, "ident must be four 16-bit values"],
    [{ ident: [0, 0, 0x10000, 0] }, "ident must be four 16-bit values"],
    [{ ident: [0, 0, 0, 1.5] }, "ident must be four 16-bit values"],
    [{ sectorLen: 65536, sectors: 4097 }, "flash size 268500992 exceeds 268435456 bytes"],
    [{ sectorLen: 512, sectors: 1, bankWidth: 2 }, "flash size 512 is not a multiple of the 2048-byte write buffer"],
    [{ sectorLen: 2048, sectors: 3, bankWidth: 4, deviceWidth: 2 }, "flash size 6144 is not a multiple of the 4096-byte write buffer"],
  ] as const)("rejects %j with exactly one clear problem", (change, message) => {
    const g = shape(change);
    expect(geometryProblems(g)).toEqual([message]);
    expect(thrown(g)).toBe(`invalid flash geometry: ${message}`);
  });

  it("names every problem, joined by '; ', and checks the size only of an otherwise valid geometry", () => {
    expect(thrown(shape({ sectorLen: 256, bankWidth: 3 }))).toBe(
      "invalid flash geometry: sector length 256 is not a power of two of at least 512 bytes; bank width 3 is not 1, 2 or 4",
    );
    expect(thrown({ ...x86, sectorLen: 512, sectors: 524289, bankWidth: 2 })).toBe(
      "invalid flash geometry: flash size 268435968 exceeds 268435456 bytes; flash size 268435968 is not a multiple of the 2048-byte write buffer",
    );
    // 3000-byte sectors make a size that is no multiple of the write buffer either, but the sector length is the one problem named.
    expect(geometryProblems(shape({ sectorLen: 3000, bankWidth: 3 }))).toEqual([
      "sector length 3000 is not a power of two of at least 512 bytes",
      "bank width 3 is not 1, 2 or 4",
    ]);
  });

  it("MAX_FLASH_SIZE, the command line's --flash-size limit, is 256 MiB, the largest flash the model accepts", () => {
    expect(MAX_FLASH_SIZE).toBe(268435456);
    expect(geometryProblems({ ...x86, sectorLen: 65536, sectors: MAX_FLASH_SIZE / 65536 })).toEqual([]);
    expect(geometryProblems({ ...x86, sectorLen: 65536, sectors: MAX_FLASH_SIZE / 65536 + 1 })).toEqual([`flash size ${MAX_FLASH_SIZE + 65536} exceeds ${MAX_FLASH_SIZE} bytes`]);
  });
});
