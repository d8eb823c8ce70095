// Why: pins what each era does after an incoming load, and the QEMU 7.2 order of load, activation and start.

import { describe, expect, it } from "vitest";
import { Datacenter } from "../../impl/datacenter.js";
import { MemoryDisk } from "../../impl/disk.js";
import { VARIANTS, type VariantName } from "../../impl/variants.js";
import { datacenter, program, req, x86Props } from "./helpers.js";

const dc = (variant: VariantName, readOnly = false, peer?: VariantName) => datacenter(variant, { readOnly, ...(peer ? { peer } : {}) });
const byteOf = (disks: Map<string, MemoryDisk>, h: string, at: number) => disks.get(h)?.pread(at, 1)[0];

describe("migration and the incoming-load step", () => {
  it("qemu-2.1: the non-shared destination keeps its stale drive", () => {
    const { d, disks } = dc("qemu-2.1");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, true));
    expect([byteOf(disks, "B", 0x10), d.current.pflash.storage.byte(0x10)]).toEqual([0xff, 0x5a]);
  });

  it("qemu-2.2: writes the drive inside post_load, while the image is inactive", () => {
    const { d, disks } = dc("qemu-2.2");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false));
    expect(byteOf(disks, "B", 0x10)).toBe(0x5a);
    expect(d.writes.at(-1)).toEqual({ disk: "B.fd", offset: 0, length: 4096, refused: "inactive-image" });
  });

  it("qemu-7.2.22: defers the write to the next run-state change, so a -S destination is stale until cont", () => {
    const { d, disks } = dc("qemu-7.2.22");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false));
    expect([d.current.runstate, d.current.blk.isActive(), byteOf(disks, "B", 0x10)]).toEqual(["paused", true, 0xff]);
    expect(d.current.pflash.vmstate).not.toBeNull();
    d.cont();
    expect([byteOf(disks, "B", 0x10), d.current.pflash.vmstate]).toEqual([0x5a, null]);
    expect(d.writes.at(-1)?.refused).toBeNull();
  });

  it("qemu-7.2.22 with late-block-activate: a -S destination keeps its image inactive until cont, which activates it and then writes it", () => {
    const { d, disks } = dc("qemu-7.2.22");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false, true));
    expect([d.current.runstate, d.current.blk.isActive(), byteOf(disks, "B", 0x10)]).toEqual(["paused", false, 0xff]);
    d.cont();
    expect([d.current.blk.isActive(), byteOf(disks, "B", 0x10), d.writes.at(-1)?.refused]).toEqual([true, 0x5a, null]);
  });

  it("qemu-7.2.22 with late-block-activate: a destination that starts the VM activates at once", () => {
    const { d, disks } = dc("qemu-7.2.22");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, true, true));
    expect([d.current.runstate, d.current.blk.isActive(), byteOf(disks, "B", 0x10)]).toEqual(["running", true, 0x5a]);
  });

  it("qemu-10.0 activates late whatever the capability says", () => {
    const { d } = dc("qemu-10.0");
    d.migrate(req("B", "non-shared", false, false, false));
    expect([d.current.runstate, d.current.blk.isActive()]).toEqual(["paused", false]);
  });

  it("cross-version: each host runs its own era, and the destination's era decides activation", () => {
    const { d, disks } = dc("qemu-7.2.22", false, "qemu-10.0");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false));
    expect([d.current.pflash.variant.name, d.current.blk.isActive()]).toEqual(["qemu-10.0", false]);
    d.cont();
    d.migrate(req("A", "non-shared", false, false));
    expect([d.current.pflash.variant.name, d.current.blk.isActive(), byteOf(disks, "A", 0x10), byteOf(disks, "B", 0x10)]).toEqual(["qemu-7.2.22", true, 0x5a, 0x5a]);
  });

  it("qemu-7.2.22: an autostarting destination is written at once; the source is inactive and postmigrate", () => {
    const { d, disks } = dc("qemu-7.2.22");
    const src = d.current;
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, true));
    expect(byteOf(disks, "B", 0x10)).toBe(0x5a);
    expect([src.runstate, src.blk.isActive(), d.current.loaded]).toEqual(["postmigrate", false, true]);
  });

  it("qemu-7.2.22: loses I/O mode across migration (the destination region starts in ROMD mode)", () => {
    const { d } = dc("qemu-7.2.22");
    d.guestWrite(0, 1, 0x70);
    expect(d.guestRead(0, 1)).toBe(0x80);
    d.migrate(req("B", "shared", false, true));
    expect([d.current.pflash.cmd, d.guestRead(0, 1)]).toEqual([0x70, 0xff]);
  });

  it("proposed-fix: writes at activation and keeps I/O mode", () => {
    const { d, disks } = dc("proposed-fix");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false));
    expect([byteOf(disks, "B", 0x10), d.guestRead(0x10, 1)]).toEqual([0x5a, 0x80]);
  });

  it("a read-only destination is never written", () => {
    const { d, disks } = dc("qemu-7.2.22");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", true, true));
    expect([byteOf(disks, "B", 0x10), d.current.pflash.ro]).toEqual([0xff, true]);
  });

  it.each(["block", "block-inc"] as const)("%s copies the source drive before the load", (storage) => {
    const { d, disks } = dc("qemu-2.1");
    program(d, 0x10, 0x5a);
    d.migrate(req("C", storage, false, true));
    expect(byteOf(disks, "C", 0x10)).toBe(0x5a);
    expect(d.writes.filter((w) => w.disk === "C.fd")).toEqual([]);
  });

  it("shared storage opens the source's file; migrating back to A and a cold boot keep it", () => {
    const { d, disks } = dc("qemu-7.2.22");
    d.migrate(req("B", "shared", false, true));
    program(d, 0x20, 0x33);
    expect(byteOf(disks, "A", 0x20)).toBe(0x33);
    d.migrate(req("A", "shared", false, true));
    d.coldBoot();
    expect([d.current.host, d.guestRead(0x20, 1), d.current.loaded]).toEqual(["A", 0x33, false]);
  });

  it("a pending handler of a -S destination that migrates on never runs; the next destination keeps the paused state", () => {
    const { d, disks } = dc("qemu-7.2.22");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false));
    d.migrate(req("C", "non-shared", false, true));
    expect([byteOf(disks, "B", 0x10), byteOf(disks, "C", 0x10), d.current.runstate]).toEqual([0xff, 0xff, "paused"]);
    d.cont();
    expect([byteOf(disks, "B", 0x10), byteOf(disks, "C", 0x10), d.current.runstate]).toEqual([0xff, 0x5a, "running"]);
  });

  it("stop runs the handlers of a running VM; QMP system_reset leaves a running VM running and puts a paused one in prelaunch, loadvm's reset does not", () => {
    const { d } = dc("qemu-7.2.22");
    d.reset();
    expect(d.current.runstate).toBe("running");
    d.stop();
    expect(d.current.runstate).toBe("paused");
    d.current.system_reset();
    expect(d.current.runstate).toBe("paused");
    d.reset();
    expect(d.current.runstate).toBe("prelaunch");
    d.cont();
    expect(d.current.runstate).toBe("running");
  });

  it("a paused VM whose migration is cancelled at the pause is left in postmigrate and cannot migrate until it runs (F12), on 10.0 and the fix back in its state", () => {
    const after = (variant: VariantName, end: "cancel" | "fail") => {
      const { d } = dc(variant);
      d.stop();
      d.migrateStart(req("B", "shared", false, true), false);
      expect(d.current.runstate).toBe("finish-migrate");
      d.migrateCancel(end === "fail");
      const state = d.current.runstate;
      let refused = "";
      try {
        d.migrate(req("C", "shared", false, true));
      } catch (e) {
        refused = (e as Error).message;
      }
      return [state, refused];
    };
    const F12 = ["postmigrate", "Can't migrate the vm that was paused due to previous migration"];
    expect([after("qemu-7.2.22", "cancel"), after("qemu-7.2.22", "fail"), after("qemu-2.1", "cancel")]).toEqual([F12, F12, F12]);
    expect([after("qemu-10.0", "cancel"), after("proposed-fix", "fail")]).toEqual([["paused", ""], ["paused", ""]]);
  });

  it("at the pre-switchover pause the VM is in finish-migrate; a stop there is lost on every era (F11), kept by the proposed fix", () => {
    const after = (variant: VariantName, end: "finish" | "cancel") => {
      const { d } = dc(variant);
      d.migrateStart(req("B", "shared", false, true), false);
      expect(d.current.runstate).toBe("finish-migrate");
      d.stop();
      if (end === "finish") d.migrateFinish();
      else d.migrateCancel(false);
      return `${d.current.host} ${d.current.runstate}`;
    };
    expect(["qemu-7.2.22", "qemu-10.0", "proposed-fix"].map((v) => [after(v as VariantName, "finish"), after(v as VariantName, "cancel")])).toEqual([
      ["B running", "A running"],
      ["B running", "A running"],
      ["B paused", "A paused"],
    ]);
  });

  it("in the first pass the VM runs on: a stop there pauses it, and it arrives paused", () => {
    const { d } = dc("qemu-7.2.22");
    d.migrateStart(req("B", "shared", false, true), true);
    expect(d.current.runstate).toBe("running");
    d.stop();
    d.migrateFinish();
    expect(`${d.current.host} ${d.current.runstate}`).toBe("B paused");
  });

  it("block-inc sends a page that differs in every byte, and the part of the last page a flash that ends inside it has", () => {
    // Nine 512-byte sectors: 4,608 bytes, so the second page holds 512 of them. A's drive is all 0x00, C's all 0xff.
    const props = { ...x86Props(9), sector_len: 512 };
    const disks = new Map([["A", new MemoryDisk("A.fd", 4608, 0x00)], ["C", new MemoryDisk("C.fd", 4608, 0xff)]] as const);
    // qemu-2.1 does not write the drive after the load, so C holds only what block migration sent.
    const d = new Datacenter({ props, variant: VARIANTS["qemu-2.1"], disks, readOnly: false });
    d.migrate(req("C", "block-inc", false, true));
    expect(Array.from(new Set(disks.get("C")?.pread(0, 4608)))).toEqual([0x00]);
  });

  it("proposed-fix: a block migration of a paused arrival whose image was never activated leaves the next drive equal to the RAMBlock", () => {
    // B comes up -S with late-block-activate: its image stays inactive, so its drive still lacks the program; block
    // migration copies that stale drive to C and activates C's image before the device section loads.
    const { d, disks } = dc("proposed-fix");
    program(d, 0x10, 0x5a);
    d.migrate(req("B", "non-shared", false, false, true));
    expect(byteOf(disks, "B", 0x10)).toBe(0xff);
    d.migrate(req("C", "block", false, true));
    expect([byteOf(disks, "C", 0x10), d.current.pflash.storage.byte(0x10)]).toEqual([0x5a, 0x5a]);
  });

  it("refuses a migration to the current host or an unknown one", () => {
    const { d } = dc("qemu-7.2.22");
    expect(() => d.migrate(req("A", "shared", false, true))).toThrow("the VM already runs on A");
    expect(() => d.migrate(req("Z", "shared", false, true))).toThrow("no host named Z");
  });
});
