// Why: pins the ideal snapshot: what savevm keeps, that loadvm puts all of it back whatever happened in between, and when a snapshot step can happen at all.

import { describe, expect, it } from "vitest";
import { boot, byteAt, CMD, snapshotObstacle, snapshotPossible, snapshotText, step, type Geometry, type Op, type Snapshot, type World } from "../../model/index.js";

const g: Geometry = { sectorLen: 4096, sectors: 2, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] };
const template = () => new Uint8Array(4096).fill(0xff);
const run = (ops: readonly Op[], format: "raw" | "qcow2" = "qcow2", readOnly = false): World => ops.reduce((w, op) => step(w, op).world, boot({ geometry: g, template, readOnly, format }));
const program = (offset: number, value: number): Op[] => [
  { kind: "write", offset, width: 1, value: CMD.PROGRAM },
  { kind: "write", offset, width: 1, value },
];
const snap = (kind: Snapshot["kind"], name: "s1" | "s2" = "s1", via: "hmp" | "job" = "hmp"): Snapshot => ({ kind, name, via });
const mig = (to: "A" | "B", storage: "shared" | "non-shared", autostart = true, lateBlockActivate = false): Op => ({ kind: "migrate", to, storage, readOnly: false, autostart, lateBlockActivate });

describe("model: snapshots", () => {
  it("loadvm puts back the guest's view, the chip's command state and the drive, and marks the VM as restored", () => {
    const saved = run([...program(0x10, 0x5a), { kind: "write", offset: 0x20, width: 1, value: CMD.PROGRAM }, snap("savevm")]);
    const w = run([...program(0x10, 0x5a), { kind: "write", offset: 0x20, width: 1, value: CMD.PROGRAM }, snap("savevm"), { kind: "write", offset: 0x20, width: 1, value: 0x33 }, ...program(0x10, 0x00), snap("loadvm")]);
    expect(w.chip).toEqual(saved.chip);
    expect(w.files["A.fd"]).toEqual(saved.files["A.fd"]);
    expect([byteAt(w.chip.array, 0x10), byteAt(w.files["A.fd"], 0x10), w.chip.mode.kind, w.vm.restored, w.vm.run]).toEqual([0x5a, 0x5a, saved.chip.mode.kind, true, "running"]);
    // The guest goes on from the restored command state: the next write is the program's data.
    const next = step(w, { kind: "write", offset: 0x20, width: 1, value: 0x12 }).world;
    expect([byteAt(next.chip.array, 0x20), byteAt(next.files["A.fd"], 0x20)]).toEqual([0x12, 0x12]);
  });

  it("savevm replaces a snapshot of the same name; delvm forgets it; other names and other files are untouched", () => {
    const w = run([snap("savevm", "s2"), ...program(0, 0x01), snap("savevm"), ...program(0, 0x00), snap("savevm"), snap("delvm", "s2")]);
    expect(Object.keys(w.snapshots["A.fd"] ?? {})).toEqual(["s1"]);
    expect(byteAt(w.snapshots["A.fd"]?.s1?.chip.array ?? w.chip.array, 0)).toBe(0x00);
    expect(w.snapshots["B.fd"]).toBeUndefined();
  });

  it("a snapshot lives in its image: after a shared migration B loads it, after a non-shared one B's own image has none", () => {
    expect(snapshotPossible(run([snap("savevm"), mig("B", "shared")]), snap("loadvm"))).toBe(true);
    expect(snapshotPossible(run([snap("savevm"), mig("B", "non-shared")]), snap("loadvm"))).toBe(false);
  });

  it("a snapshot step needs a qcow2 drive the VM owns and may write, and no migration under way; a job does not overwrite", () => {
    expect(snapshotPossible(run([], "raw"), snap("savevm"))).toBe(false);
    expect(snapshotPossible(run([], "qcow2", true), snap("savevm"))).toBe(false);
    expect(snapshotPossible(run([mig("B", "shared", false, true)]), snap("savevm"))).toBe(false);
    expect(snapshotPossible(run([mig("B", "shared", false, true), { kind: "cont" }]), snap("savevm"))).toBe(true);
    expect(snapshotPossible(run([{ kind: "migrate-start", to: "B", storage: "shared", readOnly: false, autostart: true }]), snap("savevm"))).toBe(false);
    expect(snapshotPossible(run([snap("savevm")]), snap("savevm", "s1", "job"))).toBe(false);
    expect(snapshotPossible(run([snap("savevm")]), snap("savevm", "s1", "hmp"))).toBe(true);
    expect(snapshotPossible(run([]), snap("loadvm"))).toBe(false);
    expect(snapshotPossible(run([]), snap("delvm"))).toBe(false);
  });

  it("names what stands in the way of a snapshot step, the drive's own reasons first (QEMU's refusal follows from it)", () => {
    const late = mig("B", "shared", false, true);
    const start: Op = { kind: "migrate-start", to: "B", storage: "shared", readOnly: false, autostart: true };
    expect(snapshotObstacle(run([late], "raw"), snap("savevm"))).toBe("raw-drive");
    expect(snapshotObstacle(run([], "qcow2", true), snap("savevm"))).toBe("read-only");
    expect(snapshotObstacle(run([late]), snap("loadvm"))).toBe("not-saved");
    expect(snapshotObstacle(run([snap("savevm"), late]), snap("savevm", "s1", "job"))).toBe("name-taken");
    expect(snapshotObstacle(run([snap("savevm"), late]), snap("loadvm"))).toBe("not-owned");
    expect(snapshotObstacle(run([snap("savevm"), start]), snap("delvm"))).toBe("migrating");
    expect(snapshotObstacle(run([snap("savevm")]), snap("delvm"))).toBeNull();
    expect(snapshotObstacle(run([snap("savevm")]), snap("loadvm", "s1", "job"))).toBeNull(); // only a save needs a new name
  });

  it("names a snapshot step as a bug report does, marking a job", () => {
    expect(snapshotText(snap("savevm"))).toBe("savevm s1");
    expect(snapshotText(snap("loadvm", "s2", "job"))).toBe("loadvm s2 (job)");
    expect(snapshotText(snap("delvm", "s2", "hmp"))).toBe("delvm s2");
  });

  it("a paused VM stays paused through savevm and loadvm", () => {
    const w = run([snap("savevm"), { kind: "stop" }, snap("loadvm"), snap("loadvm")]);
    expect(w.vm.run).toBe("paused");
  });
});
