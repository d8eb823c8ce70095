// Why: the byte stores under RAMBlocks and drives: page sharing, bounds, and the block layer's refusals.

import { describe, expect, it } from "vitest";
import { BlockBackend, type DriveWrite } from "../../impl/block-backend.js";
import { MemoryDisk } from "../../impl/disk.js";
import { PagedBytes } from "../../impl/paged-bytes.js";
import { DEFAULT_VARIANT, UnknownVariantError, variantNamed, VARIANTS } from "../../impl/variants.js";

describe("PagedBytes", () => {
  it("reads and writes across pages and shares whole pages on copy", () => {
    const a = new PagedBytes(3 * 4096, 0x11);
    a.write(4094, Uint8Array.from([1, 2, 3, 4]));
    expect([...a.read(4093, 6)]).toEqual([0x11, 1, 2, 3, 4, 0x11]);
    const b = new PagedBytes(3 * 4096, 0);
    b.copyFrom(a, 0, 3 * 4096);
    expect(b.page(2)).toBe(a.page(2));
    b.copyFrom(a, 10, 5);
    const c = a.clone();
    c.fill(0, 1, 0x99);
    expect([a.byte(0), c.byte(0), c.page(1) === a.page(1)]).toEqual([0x11, 0x99, true]);
  });

  it("refuses out-of-range access", () => {
    const a = new PagedBytes(4096);
    expect(() => a.read(4090, 10)).toThrow(RangeError);
    expect(() => a.page(1)).toThrow("page 1 out of range");
  });
});

describe("BlockBackend", () => {
  it("records refused writes: without permission nothing lands, while inactive it lands", () => {
    const log: DriveWrite[] = [];
    const ro = new BlockBackend(new MemoryDisk("r.fd", 4096, 0), true, { inactive: false, log });
    ro.blk_pwrite(0, 512, new PagedBytes(4096, 1));
    expect([ro.disk.pread(0, 1)[0], ro.blk_supports_write_perm()]).toEqual([0, false]);
    const inactive = new BlockBackend(new MemoryDisk("i.fd", 4096, 0), false, { inactive: true, log });
    inactive.blk_pwrite(0, 512, new PagedBytes(4096, 1));
    expect(inactive.disk.pread(0, 1)[0]).toBe(1);
    expect(log.map((w) => w.refused)).toEqual(["no-write-permission", "inactive-image"]);
    let ran = 0;
    inactive.addActivateNotifier(() => ran++);
    inactive.activate();
    inactive.activate();
    expect(ran).toBe(1);
  });
});

describe("variants", () => {
  it("looks variants up by name and lists the catalogue on a typo", () => {
    expect(variantNamed("qemu-2.1")).toBe(VARIANTS["qemu-2.1"]);
    expect(() => variantNamed("qemu-9")).toThrow(UnknownVariantError);
    expect(() => variantNamed("qemu-9")).toThrow('unknown variant "qemu-9"; known: qemu-2.1, qemu-2.2, qemu-7.2.8, qemu-7.2.22, qemu-10.0, proposed-fix');
  });

  it("defaults to the era of Debian's qemu-system-x86 (7.2.22); block migration exists before QEMU 9.1 removed it (the proposed fix is made on 7.2)", () => {
    expect(variantNamed(DEFAULT_VARIANT)).toBe(VARIANTS["qemu-7.2.22"]);
    expect(Object.values(VARIANTS).filter((v) => v.blockMigration).map((v) => v.name)).toEqual(["qemu-2.1", "qemu-2.2", "qemu-7.2.8", "qemu-7.2.22", "proposed-fix"]);
  });
});
