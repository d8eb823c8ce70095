// Why: pins the ideal outcome of each host-level event: what the guest sees and what every host file should hold.

import { describe, expect, it } from "vitest";
import { boot, byteAt, CMD, currentDrive, loadAt, step, type Geometry, type Op, type World } from "../../model/index.js";

const g: Geometry = { sectorLen: 4096, sectors: 2, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] };
const template = () => new Uint8Array(4096).fill(0xff);
const run = (ops: Op[], readOnly = false): World => ops.reduce((w, op) => step(w, op).world, boot({ geometry: g, template, readOnly }));
const program: Op[] = [
  { kind: "write", offset: 0x10, width: 1, value: CMD.PROGRAM },
  { kind: "write", offset: 0x10, width: 1, value: 0x5a },
];
const mig = (to: "A" | "B" | "C", storage: "shared" | "non-shared" | "block" | "block-inc", readOnly = false, autostart = true): Op => ({ kind: "migrate", to, storage, readOnly, autostart });

describe("world: ideal host-level outcomes", () => {
  it("boots on host A from A.fd, running", () => {
    const w = run([]);
    expect(w.vm).toEqual({ host: "A", file: "A.fd", readOnly: false, run: "running", arrived: false, restored: false, hasRun: true, owns: true });
  });

  it("boots with raw drives and, unless told otherwise, no host that activates images late", () => {
    const w = run([]);
    expect(w.format).toBe("raw");
    expect(w.hosts).toEqual({ lateActivation: [] });
    expect(boot({ geometry: g, template, readOnly: false, format: "qcow2" }).format).toBe("qcow2");
  });

  it("mirrors programs into the current drive, not into other hosts' files", () => {
    const w = run(program);
    expect(byteAt(w.files["A.fd"], 0x10)).toBe(0x5a);
    expect(byteAt(w.files["B.fd"], 0x10)).toBe(0xff);
  });

  it("a read-only drive keeps its contents", () => {
    const w = run(program, true);
    expect(byteAt(currentDrive(w), 0x10)).toBe(0xff);
  });

  it.each(["non-shared", "block", "block-inc"] as const)("after a %s migration the destination's own file holds the flash", (storage) => {
    const w = run([...program, mig("B", storage)]);
    expect(w.vm.file).toBe("B.fd");
    expect(byteAt(w.files["B.fd"], 0x10)).toBe(0x5a);
    expect(w.vm.arrived).toBe(true);
  });

  it("a shared migration keeps the source's file", () => {
    const w = run([...program, mig("B", "shared")]);
    expect(w.vm.file).toBe("A.fd");
    expect(w.vm.host).toBe("B");
  });

  it("a read-only destination keeps its stale file, while the guest keeps seeing the migrated flash", () => {
    const w = run([...program, mig("B", "non-shared", true)]);
    expect(byteAt(w.files["B.fd"], 0x10)).toBe(0xff);
    expect(byteAt(w.chip.array, 0x10)).toBe(0x5a);
  });

  it("a destination has not loaded a snapshot, even when the source had", () => {
    const loaded = [{ kind: "savevm", name: "s1", via: "hmp" }, { kind: "loadvm", name: "s1", via: "hmp" }] as const;
    const w = loaded.reduce((x, op) => step(x, op).world, boot({ geometry: g, template, readOnly: false, format: "qcow2" }));
    expect(w.vm.restored).toBe(true);
    expect(step(w, mig("B", "shared")).world.vm).toMatchObject({ host: "B", arrived: true, restored: false });
  });

  it("a -S destination is paused until cont, and has not run", () => {
    const w = run([...program, mig("B", "non-shared", false, false)]);
    expect(w.vm.run).toBe("paused");
    expect(w.vm.hasRun).toBe(false);
    const c = step(w, { kind: "cont" }).world;
    expect(c.vm).toMatchObject({ run: "running", hasRun: true });
    expect(step(c, { kind: "stop" }).world.vm.run).toBe("paused");
  });

  it("with late-block-activate a -S destination owns nothing until cont: its file stays stale, then holds the flash", () => {
    const w = run([...program, { ...mig("B", "non-shared", false, false), lateBlockActivate: true } as Op]);
    expect([w.vm.owns, byteAt(w.files["B.fd"], 0x10)]).toEqual([false, 0xff]);
    const c = step(w, { kind: "cont" }).world;
    expect([c.vm.owns, byteAt(c.files["B.fd"], 0x10)]).toEqual([true, 0x5a]);
  });

  it("a read-only -S destination that takes its image over at cont leaves its stale file as it is", () => {
    const w = run([...program, { ...mig("B", "non-shared", true, false), lateBlockActivate: true } as Op]);
    expect([w.vm.owns, byteAt(w.files["B.fd"], 0x10)]).toEqual([false, 0xff]);
    const c = step(w, { kind: "cont" }).world;
    expect([c.vm.owns, byteAt(c.files["B.fd"], 0x10), byteAt(c.chip.array, 0x10)]).toEqual([true, 0xff, 0x5a]);
  });

  it("block migration leaves a readonly=on source drive out: the destination's own file is not copied, and a -S destination that never takes it over boots it stale", () => {
    const w = run([...program, mig("C", "shared", true), { ...mig("B", "block-inc", false, false), lateBlockActivate: true } as Op]);
    expect([w.vm.owns, byteAt(w.files["B.fd"], 0x10)]).toEqual([false, 0xff]);
    expect(byteAt(step(w, { kind: "cold-boot" }).world.chip.array, 0x10)).toBe(0xff);
    const copied = run([...program, { ...mig("B", "block-inc", false, false), lateBlockActivate: true } as Op]);
    expect([copied.vm.owns, byteAt(copied.files["B.fd"], 0x10)]).toEqual([true, 0x5a]);
  });

  it("a cold boot of a destination that never took its image over boots the stale file; one that did, the flash", () => {
    const late = run([...program, { ...mig("B", "non-shared", false, false), lateBlockActivate: true } as Op, { kind: "cold-boot" }]);
    expect([late.vm.owns, byteAt(late.chip.array, 0x10)]).toEqual([true, 0xff]);
    const early = run([...program, mig("B", "non-shared", false, false), { kind: "cold-boot" }]);
    expect(byteAt(early.chip.array, 0x10)).toBe(0x5a);
  });

  it("a host whose emulator always activates late (QEMU 10) takes its image over only when the VM runs, whatever the capability says", () => {
    const w = [...program, mig("B", "non-shared", false, false)].reduce((x, op) => step(x, op).world, boot({ geometry: g, template, readOnly: false }, { lateActivation: ["B"] }));
    expect([w.vm.owns, byteAt(w.files["B.fd"], 0x10)]).toEqual([false, 0xff]);
    const back = step(step(w, { kind: "cont" }).world, mig("A", "non-shared", false, false)).world;
    expect([back.vm.owns, byteAt(back.files["A.fd"], 0x10)]).toEqual([true, 0x5a]);
  });

  it("the run state travels with the VM: an autostarting destination of a paused source stays paused", () => {
    const w = run([mig("B", "shared", false, false), mig("C", "shared", false, true)]);
    expect(w.vm).toMatchObject({ host: "C", run: "paused", hasRun: false });
  });

  it("migration keeps the chip's mode: a status read stays a status read", () => {
    const w = run([...program, mig("B", "shared")]);
    expect(step(w, { kind: "read", offset: 0x10, width: 1 }).out).toBe(0x80);
  });

  it("a cold boot shows the drive: the flash after a writable run, the stale file after a read-only one", () => {
    const cold = step(run([...program, mig("B", "non-shared")]), { kind: "cold-boot" });
    expect(step(cold.world, { kind: "read", offset: 0x10, width: 1 }).out).toBe(0x5a);
    const stale = step(run([...program, mig("B", "non-shared", true)]), { kind: "cold-boot" }).world;
    expect(byteAt(stale.chip.array, 0x10)).toBe(0xff);
    expect(stale.vm.arrived).toBe(false);
  });

  it("a reset returns to read-array and keeps the flash", () => {
    const w = step(run(program), { kind: "reset" }).world;
    expect(step(w, { kind: "read", offset: 0x10, width: 1 }).out).toBe(0x5a);
  });

  it("rejects an invalid geometry at boot", () => {
    expect(() => boot({ geometry: { ...g, sectors: 0 }, template, readOnly: false })).toThrow("invalid flash geometry: sector count 0");
  });
});

describe("live migrations in the ideal world", () => {
  const geometry: Geometry = { sectorLen: 4096, sectors: 1, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] };
  const start = boot({ geometry, template: () => new Uint8Array(4096).fill(0xff), readOnly: false });
  const run = (ops: Op[]) => ops.reduce((w, op) => step(w, op).world, start);
  const m = { to: "B", storage: "non-shared", readOnly: false, autostart: true } as const;
  const program: Op[] = [{ kind: "write", offset: 0, width: 1, value: 0x40 }, { kind: "write", offset: 0, width: 1, value: 0x00 }];

  it("carries every write made in the window, as an instantaneous migration at the switchover would", () => {
    const live = run([{ kind: "migrate-start", ...m }, ...program, { kind: "migrate-finish" }]);
    const instant = run([...program, { kind: "migrate", ...m }]);
    expect(live).toEqual(instant);
    expect(currentDrive(live).pages).toEqual(currentDrive(instant).pages);
    expect(live.vm.host).toBe("B");
  });

  it.each(["migrate-cancel", "migrate-fail"] as const)("after %s, leaves everything as if the migration had never started", (end) => {
    const live = run([{ kind: "migrate-start", ...m }, ...program, { kind: end }]);
    expect(live).toEqual(run(program));
  });

  it("keeps the migration in progress between its start and its end", () => {
    expect(run([{ kind: "migrate-start", ...m }]).outgoing).toEqual({ kind: "migrate", ...m });
    expect(loadAt(run([{ kind: "migrate-start", ...m }]), { kind: "migrate-finish" })).toEqual({ kind: "migrate", ...m });
    expect(loadAt(start, { kind: "reset" })).toBeNull();
  });

  it("loads the destination only at a migrate or at the finish of a live one, not at any other step taken while one is under way", () => {
    const open = run([{ kind: "migrate-start", ...m }]);
    expect(loadAt(open, { kind: "migrate", ...m, to: "C" })).toEqual({ kind: "migrate", ...m, to: "C" });
    for (const op of [...program, { kind: "read", offset: 0, width: 1 }, { kind: "cont" }, { kind: "reset" }, { kind: "migrate-cancel" }, { kind: "migrate-fail" }] as Op[]) {
      expect(loadAt(open, op)).toBeNull();
    }
  });
});
