// Why: pins the port's corner cases to the facts file (sections 2-4), so a change in behaviour is a visible test change.

import { describe, expect, it } from "vitest";
import { BlockBackend } from "../../impl/block-backend.js";
import { MemoryDisk } from "../../impl/disk.js";
import { deposit32, PFlashCFI01, RealizeError } from "../../impl/pflash-cfi01.js";
import { VARIANTS } from "../../impl/variants.js";
import { device, readb, writeb, x86Props } from "./helpers.js";

describe("realize", () => {
  it("reads the whole drive into the RAMBlock and starts idle and ready", () => {
    const { pfl } = device({ fill: 0x5a });
    expect([pfl.wcycle, pfl.cmd, pfl.status, pfl.romd, pfl.blk_offset]).toEqual([0, 0x00, 0x80, true, 0xffffffff]);
    expect(readb(pfl, 0x123)).toBe(0x5a);
  });

  it("refuses a drive whose size does not match, and zero geometry", () => {
    const blk = new BlockBackend(new MemoryDisk("x", 8192), false, { inactive: false, log: [] });
    expect(() => new PFlashCFI01(x86Props(4), blk, VARIANTS["qemu-7.2.22"])).toThrow(
      new RealizeError("device requires 16384 bytes, block backend provides 8192 bytes"),
    );
    expect(() => new PFlashCFI01({ ...x86Props(), sector_len: 0 }, null, VARIANTS["qemu-7.2.22"])).toThrow('"sector-length"');
    expect(() => new PFlashCFI01({ ...x86Props(), nb_blocs: 0 }, null, VARIANTS["qemu-7.2.22"])).toThrow('"num-blocks"');
  });

  it("without a drive is writable and RAM-only", () => {
    const pfl = new PFlashCFI01(x86Props(1), null, VARIANTS["qemu-7.2.22"]);
    writeb(pfl, 0, 0x40, 0x33, 0xff);
    expect([pfl.ro, readb(pfl, 0)]).toEqual([false, 0x33]);
  });

  it("derives the write-buffer size from the bank and device widths", () => {
    expect(device().pfl.writeblock_size).toBe(256);
    const virt = { ...x86Props(), sector_len: 65536, nb_blocs: 1, bank_width: 4, device_width: 2 };
    expect(device({ props: virt }).pfl.writeblock_size).toBe(4096);
    expect(device({ props: { ...virt, device_width: 0 } }).pfl.writeblock_size).toBe(2048);
  });
});

describe("writes", () => {
  it("switches to I/O mode on any write while idle, and back on read-array", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0x70);
    expect([pfl.romd, readb(pfl, 0)]).toEqual([false, 0x80]);
    writeb(pfl, 0, 0xff);
    expect([pfl.romd, pfl.cmd, readb(pfl, 0)]).toEqual([true, 0x00, 0xff]);
  });

  it("programs with a plain store and writes the 512-byte-widened range to the drive", () => {
    const { pfl, disk, log } = device({ fill: 0x00 });
    pfl.mem_write(0x3fe, 0x40, 1);
    pfl.mem_write(0x3fe, 0xbeef, 2);
    expect(log).toEqual([{ disk: "A.fd", offset: 0x200, length: 0x200, refused: null }]);
    expect([...disk.pread(0x3fe, 2)]).toEqual([0xef, 0xbe]);
    expect([pfl.wcycle, pfl.cmd]).toEqual([0, 0x40]);
  });

  it("erases the sector at the 0x20 write, before any confirm", () => {
    const { pfl, log } = device({ fill: 0x00 });
    writeb(pfl, 0x1234, 0x20);
    expect(log).toEqual([{ disk: "A.fd", offset: 0x1000, length: 0x1000, refused: null }]);
    expect(pfl.storage.byte(0x1000)).toBe(0xff);
    writeb(pfl, 0x1234, 0xd0);
    expect([pfl.wcycle, pfl.cmd, readb(pfl, 0)]).toEqual([0, 0x20, 0x80]);
  });

  it("does not touch a read-only drive and sets the error bits", () => {
    const { pfl, log } = device({ readOnly: true });
    writeb(pfl, 0, 0x40, 0x00);
    expect(pfl.status).toBe(0x90);
    writeb(pfl, 0, 0x20);
    expect(pfl.status).toBe(0xb0);
    expect(log).toEqual([]);
  });

  it("buffers write-to-buffer data until the confirm (7.2.9+)", () => {
    const { pfl, log } = device({ fill: 0x00 });
    writeb(pfl, 0x100, 0xe8, 0x01, 0x11, 0x22);
    expect([pfl.wcycle, pfl.counter, pfl.blk_offset]).toEqual([3, 0xffffffffffffffffn, 0x100]);
    expect(pfl.storage.byte(0x100)).toBe(0x00);
    writeb(pfl, 0x100, 0xd0);
    expect(pfl.storage.byte(0x100)).toBe(0x22);
    expect(log).toEqual([{ disk: "A.fd", offset: 0x000, length: 0x200, refused: null }]);
  });

  it("flushes a migrated-in buffer at the confirm even on a read-only device (F4), unless the variant checks", () => {
    const confirmOnReadOnly = (variant: "qemu-7.2.22" | "proposed-fix") => {
      const { pfl, log } = device({ fill: 0x00, readOnly: true, variant });
      // The state an incoming migration loads mid write-to-buffer: data in the buffer, waiting for the confirm.
      Object.assign(pfl, { wcycle: 3, cmd: 0xe8, status: 0x80, romd: false, blk_offset: 0x100 });
      pfl.blk_bytes.fill(0x22, 0, 1);
      writeb(pfl, 0x100, 0xd0);
      return { ram: pfl.storage.byte(0x100), status: pfl.status, log };
    };
    expect(confirmOnReadOnly("qemu-7.2.22")).toEqual({ ram: 0x22, status: 0x80, log: [{ disk: "A.fd", offset: 0, length: 0x200, refused: "no-write-permission" }] });
    expect(confirmOnReadOnly("proposed-fix")).toEqual({ ram: 0x00, status: 0x90, log: [] });
  });

  it("drops a buffered word outside the window and refuses the confirm", () => {
    const { pfl, log } = device({ fill: 0x00 });
    writeb(pfl, 0x100, 0xe8, 0x00);
    writeb(pfl, 0x200, 0x11);
    expect(pfl.status).toBe(0x90);
    writeb(pfl, 0x100, 0xd0);
    expect([pfl.romd, pfl.blk_offset, pfl.storage.byte(0x200), log.length]).toEqual([true, 0xffffffff, 0x00, 0]);
  });

  it("opens the buffer's window where the count was written on 7.2.22 (F10), at the first data word on 10.0.2 (two words or more) and the proposed fix", () => {
    // U-Boot's buffered write: 0xe8 and the count at the sector's base, the words at their own address.
    const uboot = (variant: "qemu-7.2.22" | "qemu-10.0" | "proposed-fix", count: number) => {
      const { pfl, log } = device({ variant, fill: 0x00 });
      writeb(pfl, 0, 0xe8, count);
      for (let i = 0; i <= count; i++) writeb(pfl, 0x300 + i, 0x11 * (i + 1));
      writeb(pfl, 0, 0xd0);
      return { status: pfl.status, ram: [pfl.storage.byte(0x300), pfl.storage.byte(0x301)], log: log.map((w) => w.offset) };
    };
    expect(uboot("qemu-7.2.22", 1)).toEqual({ status: 0x90, ram: [0x00, 0x00], log: [] });
    expect(uboot("qemu-10.0", 1)).toEqual({ status: 0x80, ram: [0x11, 0x22], log: [0x200] });
    expect(uboot("qemu-10.0", 0)).toEqual({ status: 0x90, ram: [0x00, 0x00], log: [] });
    expect(uboot("proposed-fix", 0)).toEqual({ status: 0x80, ram: [0x11, 0x00], log: [0x200] });
  });

  it("writes straight to RAM and flushes only the last word's window (7.2.0 .. 7.2.8)", () => {
    const { pfl, log } = device({ variant: "qemu-7.2.8", fill: 0x00 });
    writeb(pfl, 0x100, 0xe8, 0x01, 0x11);
    expect(pfl.storage.byte(0x100)).toBe(0x11);
    expect(log).toEqual([]);
    writeb(pfl, 0x300, 0x22);
    expect(log).toEqual([{ disk: "A.fd", offset: 0x200, length: 0x200, refused: null }]);
    writeb(pfl, 0x100, 0xff); // abandoning does not undo anything
    expect(pfl.storage.byte(0x100)).toBe(0x11);
  });

  it("takes from a write only the access's bytes, as the memory core does: a one-byte count cycle announces at most 256 words", () => {
    const wide = { ...x86Props(), sector_len: 4096, nb_blocs: 1, bank_width: 2, device_width: 0 };
    const one = device({ props: wide }).pfl;
    writeb(one, 0, 0xe8);
    one.mem_write(0, 0x1ff, 1);
    expect(one.counter).toBe(0xffn);
    const two = device({ props: wide }).pfl;
    writeb(two, 0, 0xe8);
    two.mem_write(0, 0x1ff, 2);
    expect(two.counter).toBe(0x1ffn);
  });

  it("masks the word count to the bank width and leaves query mode only on 0xff", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0xe8);
    pfl.mem_write(0, 0x1234, 2);
    expect(pfl.counter).toBe(0x34n);
    const q = device().pfl;
    writeb(q, 0, 0x98, 0x00, 0x70);
    expect(q.cmd).toBe(0x98);
    writeb(q, 0, 0xff);
    expect(q.cmd).toBe(0x00);
  });

  it("abandons unknown sequences to read-array", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0x28);
    expect([pfl.romd, pfl.cmd]).toEqual([true, 0]);
    writeb(pfl, 0, 0x20, 0x77);
    expect([pfl.romd, pfl.cmd]).toEqual([true, 0]);
    writeb(pfl, 0, 0x60, 0x77);
    expect([pfl.romd, pfl.cmd]).toEqual([true, 0]);
  });

  it("resets to read-array and drops an open buffered write", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0xe8, 0x03);
    pfl.system_reset();
    expect([pfl.wcycle, pfl.cmd, pfl.status, pfl.romd, pfl.blk_offset]).toEqual([0, 0, 0x80, true, 0xffffffff]);
  });
});

describe("reads in I/O mode", () => {
  it("replicates status with no device width only for 4-byte reads", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0x70);
    expect([pfl.mem_read(0, 1), pfl.mem_read(0, 2), pfl.mem_read(0, 4)]).toEqual([0x80, 0x80, 0x00800080]);
  });

  it("answers the CFI table: QRY, Intel command set, sizes", () => {
    const { pfl } = device();
    writeb(pfl, 0, 0x98);
    expect([0x10, 0x11, 0x12, 0x13, 0x27, 0x2a, 0x2c, 0x2d, 0x2f].map((o) => readb(pfl, o))).toEqual([0x51, 0x52, 0x59, 0x01, 14, 8, 1, 3, 0x10]);
    expect(readb(pfl, 0x60)).toBe(0);
  });

  it("answers the sector count less one in two bytes (0x2d low, 0x2e high): 256 sectors say 0x00ff", () => {
    const { pfl } = device({ props: { ...x86Props(256), sector_len: 512 } });
    writeb(pfl, 0, 0x98);
    expect([readb(pfl, 0x2d), readb(pfl, 0x2e)]).toEqual([0xff, 0x00]);
  });

  it("combines per-bank answers for wide reads, taking the upper half of a 2-byte bank from offset + 4", () => {
    const props = { ...x86Props(), sector_len: 4096, nb_blocs: 1, bank_width: 2, device_width: 2 };
    const { pfl } = device({ props });
    writeb(pfl, 0, 0x98);
    expect(pfl.mem_read(0x10 * 2, 4)).toBe(0x0059 << 16 | 0x0051);
  });

  it("answers read-ID per device with a device width, and from id0..id3 without", () => {
    const virt = { ...x86Props(), sector_len: 65536, nb_blocs: 1, bank_width: 4, device_width: 2, id: [0x89, 0x18, 0, 0] as const };
    const a = device({ props: virt }).pfl;
    writeb(a, 0, 0x90);
    expect([a.mem_read(0, 4), a.mem_read(4, 4), a.mem_read(8, 4)]).toEqual([0x00890089, 0x00180018, 0]);
    const b = device({ props: { ...x86Props(), id: [0x12, 0x34, 0x56, 0x78] } }).pfl;
    writeb(b, 0, 0x90);
    expect([b.mem_read(0, 2), b.mem_read(1, 2), b.mem_read(2, 1)]).toEqual([0x1234, 0x5678, 0]);
  });

  it("reads big-endian array data", () => {
    const { pfl } = device({ props: { ...x86Props(), big_endian: true }, fill: 0 });
    pfl.mem_write(0, 0x40, 1);
    pfl.mem_write(0, 0x11223344, 4);
    writeb(pfl, 0, 0xff);
    expect([pfl.mem_read(0, 1), pfl.mem_read(0, 4)]).toEqual([0x11, 0x11223344]);
  });

  it("treats an unknown cmd (only reachable through a migration stream) as read-array", () => {
    const { pfl } = device({ fill: 0x42 });
    pfl.romd = false;
    pfl.cmd = 0x33;
    pfl.wcycle = 2;
    expect([readb(pfl, 0), pfl.cmd, pfl.wcycle]).toEqual([0x42, 0, 0]);
  });
});

describe("deposit32", () => {
  it("replaces a bit field", () => {
    expect(deposit32(0xffffffff, 0, 16, 0x1234)).toBe(0xffff1234);
    expect(deposit32(0, 16, 16, 0xabcd)).toBe(0xabcd0000);
    expect(deposit32(0x12345678, 0, 32, 0x9abcdef0)).toBe(0x9abcdef0);
  });
});
