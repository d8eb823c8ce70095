// Why: pins the model's command state machine, and each of its documented departures from the datasheet.

import { describe, expect, it } from "vitest";
import { CMD, DEPARTURES, imageOf, powerOn, read, reset, SR, write, byteAt, type Chip, type Geometry, type Width } from "../../model/index.js";

const g: Geometry = { sectorLen: 4096, sectors: 4, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0x89, 0x18, 0x12, 0x34] };
const blank = (): Chip => powerOn(imageOf(4096 * 4, () => new Uint8Array(4096).fill(0x5a)));

/** Applies writes (offset, value[, width]) in order. */
function writes(chip: Chip, list: [number, number, Width?][], writable = true, geo = g): Chip {
  return list.reduce((c, [o, v, w]) => write(geo, c, o, w ?? 1, v, writable).chip, chip);
}

describe("chip: command state machine", () => {
  it("reads the array after power-on, little and big endian", () => {
    const c = writes(blank(), [[0, CMD.PROGRAM], [0, 0x11223344, 4]]);
    const arr = writes(c, [[0, CMD.READ_ARRAY]]);
    expect(read(g, arr, 0, 4)).toBe(0x11223344);
    expect(read(g, arr, 0, 1)).toBe(0x44);
    const be = { ...g, bigEndian: true };
    const cbe = writes(blank(), [[0, CMD.PROGRAM], [0, 0x11223344, 4], [0, CMD.READ_ARRAY]], true, be);
    expect(read(be, cbe, 0, 1)).toBe(0x11);
    expect(read(be, cbe, 0, 4)).toBe(0x11223344);
  });

  it("answers status after a program until read-array", () => {
    const c = writes(blank(), [[8, CMD.PROGRAM], [8, 0x00]]);
    expect(read(g, c, 8, 1)).toBe(SR.READY);
    expect(read(g, c, 8, 4)).toBe(0x00800080);
    expect(byteAt(c.array, 8)).toBe(0);
  });

  it("reports program and erase errors on a read-only drive and changes nothing", () => {
    const p = writes(blank(), [[0, CMD.PROGRAM], [0, 0x00]], false);
    expect(p.status).toBe(SR.READY | SR.PROGRAM_ERROR);
    expect(byteAt(p.array, 0)).toBe(0x5a);
    const e = writes(blank(), [[0, CMD.BLOCK_ERASE]], false);
    expect(e.status).toBe(SR.READY | SR.ERASE_ERROR);
    expect(byteAt(e.array, 0)).toBe(0x5a);
  });

  it("answers read-ID and CFI queries", () => {
    const id = writes(blank(), [[0, CMD.READ_ID]]);
    expect(read(g, id, 0, 2)).toBe(0x8918);
    expect(read(g, id, 1, 2)).toBe(0x1234);
    expect(read(g, id, 2, 1)).toBe(0);
    const q = writes(blank(), [[0, CMD.CFI_QUERY]]);
    expect([0x10, 0x11, 0x12].map((o) => read(g, q, o, 1))).toEqual([0x51, 0x52, 0x59]);
    expect(read(g, q, 0x27, 1)).toBe(14); // 16 KiB
    expect(read(g, q, 0x2a, 1)).toBe(8);
    expect(read(g, q, 0x100 + 0x10, 1)).toBe(0x51); // only the low 8 address bits count without a device width
    expect(read(g, writes(q, [[0, 0x00]]), 0x10, 1)).toBe(0x51); // query mode ignores everything but 0xff
    expect(read(g, writes(q, [[0, CMD.READ_ARRAY]]), 0x10, 1)).toBe(0x5a);
  });

  it("replicates status and query answers per device lane", () => {
    const virt: Geometry = { ...g, sectorLen: 65536, bankWidth: 4, deviceWidth: 2, ident: [0x89, 0x18, 0, 0] };
    const st = writes(powerOn(imageOf(65536 * 4, () => new Uint8Array(4096))), [[0, CMD.READ_STATUS]], true, virt);
    expect(read(virt, st, 0, 4)).toBe(0x00800080);
    const q = writes(st, [[0, CMD.CFI_QUERY]], true, virt);
    expect(read(virt, q, 0x10 * 4, 4)).toBe(0x00510051);
    const id = writes(st, [[0, CMD.READ_ID]], true, virt);
    expect(read(virt, id, 0, 4)).toBe(0x00890089);
  });

  it("counts buffered words from the bytes the count cycle carries: a one-byte access on a two-byte bank announces at most 256", () => {
    const wide: Geometry = { ...g, bankWidth: 2 };
    const open = write(wide, write(wide, blank(), 0, 1, CMD.WRITE_TO_BUFFER, true).chip, 0, 1, 0x1ff, true).chip;
    expect(open.mode).toMatchObject({ kind: "buffer-data", left: 0x100 });
    const word = write(wide, write(wide, blank(), 0, 1, CMD.WRITE_TO_BUFFER, true).chip, 0, 2, 0x1ff, true).chip;
    expect(word.mode).toMatchObject({ kind: "buffer-data", left: 0x200 });
  });

  it("with a device width set, counts buffered words from the device's own bytes: x16 devices on a 4-byte bank read 0x00010001 as two words", () => {
    const virt: Geometry = { ...g, sectorLen: 65536, bankWidth: 4, deviceWidth: 2, ident: [0x89, 0x18, 0, 0] };
    const chip = powerOn(imageOf(65536 * 4, () => new Uint8Array(4096).fill(0x5a)));
    const words = writes(chip, [[0, CMD.WRITE_TO_BUFFER, 4], [0, 0x00010001, 4], [0x40, 0x11111111, 4], [0x44, 0x22222222, 4]], true, virt);
    expect(words.mode.kind).toBe("buffer-confirm");
    const done = write(virt, words, 0, 4, CMD.CONFIRM * 0x10001, true).chip;
    expect([read(virt, writes(done, [[0, CMD.READ_ARRAY, 4]], true, virt), 0x40, 4), byteAt(done.array, 0x44), byteAt(done.array, 0x48)]).toEqual([0x11111111, 0x22, 0x5a]);
  });

  it("commits a buffered write only at the confirm, and only inside its window", () => {
    const open = writes(blank(), [[0x100, CMD.WRITE_TO_BUFFER], [0x100, 1], [0x104, 0xaa], [0x105, 0xbb]]);
    expect(open.mode.kind).toBe("buffer-confirm");
    expect(byteAt(open.array, 0x104)).toBe(0x5a);
    const done = write(g, open, 0x100, 1, CMD.CONFIRM, true);
    expect(byteAt(done.chip.array, 0x104)).toBe(0xaa);
    expect(done.changed).toEqual({ offset: 0x100, length: 256 });
    const abandoned = writes(open, [[0x100, CMD.READ_ARRAY]]);
    expect(byteAt(abandoned.array, 0x104)).toBe(0x5a);
    // The second word lies outside the window the first one opened.
    const stray = writes(blank(), [[0x100, CMD.WRITE_TO_BUFFER], [0x100, 1], [0x1ff, 0x11], [0x200, 0xaa], [0x100, CMD.CONFIRM]]);
    expect([byteAt(stray.array, 0x1ff), byteAt(stray.array, 0x200)]).toEqual([0x5a, 0x5a]);
    expect(stray.mode.kind).toBe("read-array");
    expect(stray.status & SR.PROGRAM_ERROR).toBe(SR.PROGRAM_ERROR);
  });

  it("opens the buffer's window at the first data word, not where 0xe8 and the count were written (U-Boot writes them at the sector's base; finding F10)", () => {
    const words = writes(blank(), [[0, CMD.WRITE_TO_BUFFER], [0, 1], [0x300, 0xaa], [0x301, 0xbb]]);
    expect(words.mode).toMatchObject({ kind: "buffer-confirm", window: 0x300 });
    expect(words.status).toBe(SR.READY);
    const done = write(g, words, 0, 1, CMD.CONFIRM, true);
    expect([byteAt(done.chip.array, 0x300), byteAt(done.chip.array, 0x301)]).toEqual([0xaa, 0xbb]);
    expect(done.changed).toEqual({ offset: 0x300, length: 256 });
  });

  it("fails the confirm of a buffered program on a device that became read-only since the data went in (finding F4)", () => {
    const open = writes(blank(), [[0x100, CMD.WRITE_TO_BUFFER], [0x100, 0], [0x104, 0xaa]]);
    const done = write(g, open, 0x100, 1, CMD.CONFIRM, false);
    expect(byteAt(done.chip.array, 0x104)).toBe(0x5a);
    expect(done.chip.mode.kind).toBe("read-array");
    expect(done.chip.status).toBe(SR.READY | SR.PROGRAM_ERROR);
    expect(done.changed).toBeUndefined();
  });

  it("treats an unknown command as read-array and keeps status", () => {
    const c = writes(blank(), [[0, CMD.READ_STATUS], [0, 0x28]]);
    expect(c.mode.kind).toBe("read-array");
    expect(c.status).toBe(SR.READY);
  });

  it("resets to read-array, ready, nothing buffered, array kept", () => {
    const c = writes(blank(), [[0, CMD.PROGRAM], [0, 0x00], [0, CMD.WRITE_TO_BUFFER]]);
    const r = reset(c);
    expect(r.mode.kind).toBe("read-array");
    expect(r.status).toBe(SR.READY);
    expect(byteAt(r.array, 0)).toBe(0);
  });

  it("never mutates its input", () => {
    const c = blank();
    const before = JSON.stringify({ mode: c.mode, status: c.status, pages: [...c.array.pages.keys()] });
    writes(c, [[0, CMD.PROGRAM], [0, 0], [0, CMD.BLOCK_ERASE]]);
    expect(JSON.stringify({ mode: c.mode, status: c.status, pages: [...c.array.pages.keys()] })).toBe(before);
  });
});

describe("chip: departures from the datasheet (DEPARTURES)", () => {
  it("lists each departure once, with a reason", () => {
    for (const d of Object.values(DEPARTURES)) expect(d.why.length).toBeGreaterThan(10);
  });

  it("eraseAtSetup: the sector is erased at 0x20, and 0xff does not undo it", () => {
    const c = writes(blank(), [[0x1004, CMD.BLOCK_ERASE]]);
    expect(byteAt(c.array, 0x1000)).toBe(0xff);
    expect(byteAt(c.array, 0x1fff)).toBe(0xff);
    expect(byteAt(c.array, 0x0fff)).toBe(0x5a);
    expect(byteAt(writes(c, [[0, CMD.READ_ARRAY]]).array, 0x1000)).toBe(0xff);
  });

  it("programIsStore: a program can set bits", () => {
    const c = writes(blank(), [[0, CMD.PROGRAM], [0, 0xff]]);
    expect(byteAt(c.array, 0)).toBe(0xff);
  });

  it("locksIgnored: lock setup + lock completes and locks nothing", () => {
    const c = writes(blank(), [[0, CMD.LOCK_SETUP], [0, CMD.LOCK_BLOCK], [0, CMD.PROGRAM], [0, 0x00]]);
    expect(byteAt(c.array, 0)).toBe(0);
    expect(writes(blank(), [[0, CMD.LOCK_SETUP], [0, 0x2f]]).mode.kind).toBe("read-array");
  });

  it("clearStatusZeroes: status reads 0 after clear status", () => {
    const c = writes(blank(), [[0, CMD.CLEAR_STATUS], [0, CMD.READ_STATUS]]);
    expect(read(g, c, 0, 1)).toBe(0);
  });

  it("bufferBlockUnchecked: 0xe8 and the count in one sector, the words and the confirm in another, still program", () => {
    const c = writes(blank(), [[0x1000, CMD.WRITE_TO_BUFFER], [0x1000, 0], [0x20, 0x11], [0x3000, CMD.CONFIRM]]);
    expect(c.status).toBe(SR.READY);
    expect(byteAt(c.array, 0x20)).toBe(0x11);
  });

  it("stickyErrorBlocksBuffer: an earlier error makes the confirm discard", () => {
    const failed = writes(blank(), [[0, CMD.PROGRAM], [0, 0]], false);
    const c = writes(failed, [[0, CMD.WRITE_TO_BUFFER], [0, 0], [0, 0x11], [0, CMD.CONFIRM]]);
    expect(c.mode.kind).toBe("read-array");
    expect(byteAt(c.array, 0)).toBe(0x5a);
  });
});
