// Why: the binary's device state can only be compared with the port's if its section is cut out of the stream exactly: header, subsection, footer.

import { describe, expect, it } from "vitest";
import { vmstate_encode } from "../../../impl/vmstate.js";
import { deviceSection } from "../../../targets/qemu/device-section.js";

const be32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const name = [...Buffer.from("pflash_cfi01")];
/** A FULL section of pflash_cfi01 instance `instance` with id `sid`, then its footer. */
const section = (sid: number, instance: number, body: Uint8Array): number[] => [0x04, ...be32(sid), name.length, ...name, ...be32(instance), ...be32(1), ...body, 0x7e, ...be32(sid)];
const EOF_BYTE = 0x1f;

describe("deviceSection", () => {
  const plain = vmstate_encode({ wcycle: 1, cmd: 0x40, status: 0x80, counter: 0n });
  it("finds the instance asked for among the others and returns what lies between header and footer", () => {
    const stream = Uint8Array.from([0xaa, 0xbb, ...section(7, 0, vmstate_encode({ wcycle: 0, cmd: 0, status: 0x80, counter: 0n })), ...section(8, 1, plain), EOF_BYTE]);
    expect([...(deviceSection(stream, "pflash_cfi01", 1, 11, 256) ?? [])]).toEqual([...plain]);
    expect(deviceSection(stream, "pflash_cfi01", 2, 11, 256)).toBeNull();
  });

  it("ends a section with a write-buffer subsection after the buffer, even when the buffer holds footer-like bytes", () => {
    const buffer = new Uint8Array(256);
    buffer.set([0x7e, ...be32(8)], 10);
    const withBuffer = vmstate_encode({ wcycle: 2, cmd: 0xe8, status: 0x80, counter: 1n, blk: { bytes: buffer, offset: 0x100 } });
    const stream = Uint8Array.from([...section(8, 1, withBuffer), EOF_BYTE]);
    expect([...(deviceSection(stream, "pflash_cfi01", 1, 11, 256) ?? [])]).toEqual([...withBuffer]);
  });

  it("cuts a section whose buffer is not the expected size at the first footer, so it shows as different", () => {
    const withBuffer = vmstate_encode({ wcycle: 2, cmd: 0xe8, status: 0x80, counter: 1n, blk: { bytes: new Uint8Array(128).fill(0xff), offset: 0 } });
    const stream = Uint8Array.from([...section(8, 1, withBuffer), EOF_BYTE]);
    expect(deviceSection(stream, "pflash_cfi01", 1, 11, 256)?.length).toBe(withBuffer.length);
  });
});
