// Why: the device section's byte layout is what a real destination parses; pin field order, widths and the subsection rule.

import { describe, expect, it } from "vitest";
import { vmstate_encode, vmstate_load, vmstate_save, VmstateLoadError } from "../../impl/vmstate.js";
import { device, writeb } from "./helpers.js";

describe("vmstate pflash_cfi01", () => {
  it("saves u8 wcycle, u8 cmd, u8 status, be64 counter, and no subsection when no buffered write is open", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0x40);
    expect([...vmstate_save(pfl)]).toEqual([1, 0x40, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("adds pflash_cfi01_blk_write with the buffer and blk_offset while one is open, and loads it back", () => {
    const { pfl } = device({ fill: 0 });
    writeb(pfl, 0x104, 0xe8, 0x02, 0x77);
    const bytes = vmstate_save(pfl);
    const name = "pflash_cfi01_blk_write";
    expect(bytes.length).toBe(11 + 2 + name.length + 4 + 256 + 4);
    expect(bytes[11]).toBe(0x05);
    expect(new TextDecoder().decode(bytes.subarray(13, 13 + name.length))).toBe(name);
    const other = device().pfl;
    vmstate_load(other, bytes);
    expect([other.wcycle, other.cmd, other.status, other.counter, other.blk_offset]).toEqual([2, 0xe8, 0x80, 1n, 0x100]);
    expect(other.blk_bytes[4]).toBe(0x77);
  });

  it("round-trips a counter that wrapped to 2^64 - 1", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0xe8, 0x00, 0x11);
    const other = device().pfl;
    vmstate_load(other, vmstate_save(pfl));
    expect(other.counter).toBe(0xffffffffffffffffn);
  });

  it.each([
    [new Uint8Array(5), "section has 5 bytes, needs at least 11"],
    [Uint8Array.from([0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x07]), "garbage after the fields"],
    [Uint8Array.from([0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 3, 0x61, 0x62, 0x63]), 'unknown subsection "abc"'],
    [Uint8Array.from([0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x05]), 'unknown subsection ""'],
    [Uint8Array.from([0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 22, ...new TextEncoder().encode("pflash_cfi01_blk_write"), 0, 0]), "the section ends inside the subsection's header"],
    // The header whole (the version), and nothing of the buffer after it.
    [Uint8Array.from([0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 22, ...new TextEncoder().encode("pflash_cfi01_blk_write"), 0, 0, 0, 1]), "does not match this device's 256-byte write buffer"],
  ])("refuses a malformed section", (bytes, message) => {
    expect(() => vmstate_load(device().pfl, bytes)).toThrow(VmstateLoadError);
    expect(() => vmstate_load(device().pfl, bytes)).toThrow(message);
  });

  it("a device before 7.2.9 (no write buffer) knows no subsection: it refuses a section with an open buffer and loads one without", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0xe8, 0x00);
    const old = device({ variant: "qemu-7.2.8" }).pfl;
    expect(() => vmstate_load(old, vmstate_save(pfl))).toThrow(new VmstateLoadError('pflash_cfi01: unknown subsection "pflash_cfi01_blk_write"'));
    writeb(pfl, 0, 0x5a, 0xd0);
    vmstate_load(old, vmstate_save(pfl));
    expect([old.wcycle, old.cmd, old.status]).toEqual([0, 0xe8, 0x80]);
  });

  it("refuses a subsection of another version or buffer size", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0xe8, 0x00);
    const bytes = vmstate_save(pfl);
    const wrongVersion = Uint8Array.from(bytes);
    wrongVersion[13 + 22 + 3] = 2;
    expect(() => vmstate_load(device().pfl, wrongVersion)).toThrow("version 2 not supported");
    expect(() => vmstate_load(device().pfl, bytes.subarray(0, bytes.length - 1))).toThrow("does not match this device's 256-byte write buffer");
  });
});
