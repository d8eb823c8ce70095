// Why: pins what QEMU 7.2's savevm/loadvm/delvm do to the drive, the RAMBlock, the run state and post_load's handler, in each era.

import { describe, expect, it } from "vitest";
import type { Datacenter } from "../../impl/datacenter.js";
import type { MemoryDisk } from "../../impl/disk.js";
import { QemuAbort } from "../../impl/qemu-process.js";
import { SnapshotRefused } from "../../impl/savevm.js";
import type { VariantName } from "../../impl/variants.js";
import { datacenter, program, thrown } from "./helpers.js";

/** Snapshots need qcow2 drives: the datacenter of `variant` with them, unless told otherwise. */
const dc = (variant: VariantName = "qemu-7.2.22", format: "raw" | "qcow2" = "qcow2", readOnly = false) => datacenter(variant, { format, readOnly });
const state = (d: Datacenter, disks: Map<string, MemoryDisk>, host = "A") => ({
  ram: d.current.pflash.storage.byte(0x10),
  drive: disks.get(host)?.pread(0x10, 1)[0],
  runstate: d.current.runstate,
  pending: d.current.pflash.vmstate !== null,
});

describe("savevm, loadvm, delvm on the port", () => {
  it("loadvm while running puts back the RAMBlock, the drive and the chip's command state; the VM runs on", () => {
    const { d, disks } = dc();
    program(d, 0x10, 0x5a);
    d.guestWrite(0x20, 1, 0x40); // program setup: the next write programs
    d.savevm("s1", false);
    d.guestWrite(0x20, 1, 0x33);
    program(d, 0x10, 0x00);
    d.loadvm("s1");
    expect(state(d, disks)).toEqual({ ram: 0x5a, drive: 0x5a, runstate: "running", pending: false });
    d.guestWrite(0x20, 1, 0x12);
    expect([d.current.pflash.storage.byte(0x20), disks.get("A")?.pread(0x20, 1)[0]]).toEqual([0x12, 0x12]);
  });

  it("loadvm while paused leaves post_load's handler pending until cont, which rewrites the drive", () => {
    const { d, disks } = dc();
    program(d, 0x10, 0x5a);
    d.savevm("s1", false);
    d.stop();
    d.loadvm("s1");
    expect(state(d, disks)).toEqual({ ram: 0x5a, drive: 0x5a, runstate: "paused", pending: true });
    const before = d.writes.length;
    d.cont();
    expect(state(d, disks).pending).toBe(false);
    expect(d.writes.slice(before)).toEqual([{ disk: "A.fd", offset: 0, length: 4096, refused: null }]);
  });

  it("F8: a second loadvm while paused registers a second handler; at cont the first frees the second and QEMU crashes (7.2.22 and 10.0)", () => {
    for (const v of ["qemu-7.2.22", "qemu-10.0"] as const) {
      const { d } = dc(v);
      d.savevm("s1", false);
      d.stop();
      d.loadvm("s1");
      d.loadvm("s1");
      expect(() => d.cont()).toThrow(new QemuAbort("A", "vm_state_notify(): a change-state handler freed the entry the walk calls next (use after free)", "SIGSEGV", true));
    }
  });

  it("F8 with a third load: the first handler frees the third, and the second unlinks the NULL it left (a crash, but a defined one)", () => {
    const { d } = dc();
    d.savevm("s1", false);
    d.stop();
    for (let i = 0; i < 3; i++) d.loadvm("s1");
    const crash = thrown(() => d.cont());
    expect(crash).toBeInstanceOf(QemuAbort);
    expect(crash).toMatchObject({ host: "A", message: "qemu_del_vm_change_state_handler(NULL): a NULL VMChangeStateEntry was unlinked", signal: "SIGSEGV", undefinedBehaviour: false });
  });

  it("F8: a paused incoming migration's handler and a loadvm's handler crash QEMU the same way", () => {
    const { d } = dc();
    d.savevm("s1", false);
    d.migrate({ to: "B", storage: "shared", readOnly: false, autostart: false, lateBlockActivate: false });
    d.loadvm("s1");
    expect(() => d.cont()).toThrow(QemuAbort);
  });

  it("F9 (10.0 only): after a migration cancelled at its pre-switchover pause, loadvm loads everything and fails, leaving the VM stopped; a savevm in between clears it", () => {
    for (const [v, fails] of [["qemu-10.0", true], ["qemu-7.2.22", false]] as const) {
      const { d } = dc(v);
      d.savevm("s1", false);
      d.migrateStart({ to: "B", storage: "shared", readOnly: false, autostart: true, lateBlockActivate: false }, false);
      d.migrateCancel(false);
      if (!fails) {
        d.loadvm("s1");
        expect(d.current.runstate).toBe("running");
        continue;
      }
      expect(() => d.loadvm("s1")).toThrow(new SnapshotRefused("Error -22 while loading VM state"));
      expect([d.current.runstate, d.current.pflash.vmstate !== null]).toEqual(["restore-vm", true]);
      d.savevm("s2", false);
      d.loadvm("s1");
    }
  });

  it("F9 needs the pre-switchover pause: a migration cancelled (or failed) in its first pass leaves no error, and loadvm works on 10.0", () => {
    for (const destinationDied of [false, true]) {
      const { d } = dc("qemu-10.0");
      d.savevm("s1", false);
      d.migrateStart({ to: "B", storage: "shared", readOnly: false, autostart: true, lateBlockActivate: false }, true);
      d.migrateCancel(destinationDied);
      d.loadvm("s1");
      expect(d.current.runstate).toBe("running");
    }
  });

  it("the proposed fix writes the drive as the load ends (the image is active), so no handler is left to collide", () => {
    const { d, disks } = dc("proposed-fix");
    program(d, 0x10, 0x5a);
    d.savevm("s1", false);
    d.stop();
    program(d, 0x10, 0x00);
    d.loadvm("s1");
    d.loadvm("s1");
    expect(state(d, disks)).toEqual({ ram: 0x5a, drive: 0x5a, runstate: "paused", pending: false });
    d.cont();
    expect(d.current.runstate).toBe("running");
  });

  it("a failed loadvm leaves a running VM stopped (hmp_loadvm starts it again only after a successful load)", () => {
    const { d } = dc();
    expect(() => d.loadvm("s1")).toThrow(SnapshotRefused);
    expect(d.current.runstate).toBe("restore-vm");
  });

  it("refuses as QEMU does: a raw drive, a read-only one, an inactive image, a missing name to load, a job's existing name (deleting a missing name is no error)", () => {
    expect(() => dc("qemu-7.2.22", "raw").d.savevm("s1", false)).toThrow(new SnapshotRefused("Device 'pflash1' is writable but does not support snapshots"));
    expect(() => dc("qemu-7.2.22", "qcow2", true).d.savevm("s1", false)).toThrow(new SnapshotRefused("No block device can accept snapshots"));
    const { d } = dc();
    expect(() => d.loadvm("s2")).toThrow(new SnapshotRefused("Snapshot 's2' does not exist in one or more devices"));
    d.savevm("s1", false);
    d.savevm("s1", false);
    expect(() => d.savevm("s1", true)).toThrow(new SnapshotRefused("Snapshot 's1' already exists in one or more devices"));
    d.delvm("s1");
    d.delvm("s1");
    expect(() => d.loadvm("s1")).toThrow(SnapshotRefused);
    d.migrate({ to: "B", storage: "shared", readOnly: false, autostart: false, lateBlockActivate: true });
    expect(() => d.savevm("s2", false)).toThrow(new SnapshotRefused("Device 'pflash1' is writable but does not support snapshots"));
  });

  it("a snapshot stays in the image it was taken on: a non-shared destination's own image does not have it", () => {
    const { d, disks } = dc();
    d.savevm("s1", false);
    d.migrate({ to: "B", storage: "non-shared", readOnly: false, autostart: true, lateBlockActivate: false });
    expect([...(disks.get("A")?.snapshots?.keys() ?? [])]).toEqual(["s1"]);
    expect(disks.get("B")?.snapshots?.size).toBe(0);
    d.migrate({ to: "A", storage: "non-shared", readOnly: false, autostart: true, lateBlockActivate: false });
    d.loadvm("s1");
    expect(d.current.runstate).toBe("running");
  });
});
