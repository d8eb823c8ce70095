// Why: pins which geometries the model accepts and the sizes it derives from them.

import { describe, expect, it } from "vitest";
import { checkGeometry, devicesOnBus, flashSize, GeometryError, geometryProblems, writeBufferBytes, type Geometry } from "../../model/index.js";

const x86: Geometry = { sectorLen: 4096, sectors: 16, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] };
const virt: Geometry = { ...x86, sectorLen: 256 * 1024, sectors: 256, bankWidth: 4, deviceWidth: 2 };

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
    [{ sectors: 0 }, "sector count 0 is not a positive integer"],
    [{ sectorLen: 3000 }, "sector length 3000 is not a power of two of at least 512 bytes"],
    [{ bankWidth: 3 }, "bank width 3 is not 1, 2 or 4"],
    [{ deviceWidth: 2 }, "device width 2 is not 0 or a width of at most the bank width"],
    [{ maxDeviceWidth: 2 }, "max device width needs a device width"],
    [{ ident: [0x10000, 0, 0, 0] }, "ident must be four 16-bit values"],
    [{ sectorLen: 512, sectors: 1, bankWidth: 2 }, "flash size 512 is not a multiple of the 2048-byte write buffer"],
    [{ sectorLen: 65536, sectors: 8192 }, "flash size 536870912 exceeds 268435456 bytes"],
  ] as const)("rejects %j with a clear message", (change, message) => {
    const g = { ...x86, ...change } as Geometry;
    expect(geometryProblems(g)).toContain(message);
    expect(() => checkGeometry(g)).toThrow(GeometryError);
    expect(() => checkGeometry(g)).toThrow(`invalid flash geometry: ${message}`);
  });

  it("rejects a max device width below the device width", () => {
    expect(geometryProblems({ ...virt, maxDeviceWidth: 1 })).toEqual(["max device width 1 is not 0 or a width of at least the device width"]);
  });
});
