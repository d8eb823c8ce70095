// Why: the RAMBlock is read out of a migration stream; pin the record format it relies on.

import { describe, expect, it } from "vitest";
import { ramBlockFromStream, StreamError } from "../../../targets/qemu/ram-stream.js";

const header = (offset: number, flags: number): number[] => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(offset) | BigInt(flags));
  return [...b];
};
const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];

describe("ramBlockFromStream", () => {
  it("follows page and zero records of one block, later records winning", () => {
    const page = new Array(4096).fill(0x5a);
    const stream = Uint8Array.from([
      ...[0x51, 0x45, 0x56, 0x4d, 0, 0, 0, 3],
      ...header(0, 0x08), ...name("system.flash1"), ...page,
      ...header(4096, 0x02 | 0x20), 0x11,
      ...header(0, 0x08), ...name("pc.ram"), ...page,
      ...header(4096, 0x02 | 0x20), 0x00,
      ...header(4096, 0x08), ...name("system.flash1"), ...new Array(4096).fill(0x22),
      ...header(0, 0x10),
    ]);
    const out = ramBlockFromStream(stream, "system.flash1", 8192);
    expect([out[0], out[4095], out[4096], out[8191]]).toEqual([0x5a, 0x5a, 0x22, 0x22]);
  });

  it("refuses a stream that misses a page", () => {
    const stream = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, ...header(0, 0x02), ...name("system.flash1"), 0xff]);
    expect(() => ramBlockFromStream(stream, "system.flash1", 8192)).toThrow(StreamError);
  });
});
