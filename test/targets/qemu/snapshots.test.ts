// Why: snapshot steps on the real binaries: what loadvm puts back, both ways of asking (HMP and the jobs), F8's crash, a refusal as one line, and what a refused load leaves (F14).

import { describe, expect, it } from "vitest";
import { TargetCrash, type Target } from "../../../engine/target.js";
import { x86pc } from "../../../generators/geometries.js";
import { template } from "../../../generators/template.js";
import type { Op, SnapshotVia } from "../../../model/index.js";
import { openTarget } from "../../../targets/open.js";
import { HAVE_QEMU, HAVE_QEMU10, HAVE_QEMU_IMG, QEMU, QEMU10 } from "./helpers.js";

const w = (value: number, offset = 0): Op => ({ kind: "write", offset, width: 1, value });
const program = (offset: number, value: number): Op[] => [w(0x40, offset), w(value, offset)];
const snap = (kind: "savevm" | "loadvm" | "delvm", via: SnapshotVia = "hmp", name: "s1" | "s2" = "s1"): Op => ({ kind, name, via });
const BINARIES = [QEMU, ...(HAVE_QEMU10 ? [QEMU10] : [])];

/** Boots `binary` on a qcow2 drive, runs `ops`, hands the target to `look`, and always closes it. */
async function onQcow2<T>(binary: string, ops: readonly Op[], look: (t: Target) => Promise<T>): Promise<T> {
  const f = await openTarget(`qemu:${binary}`);
  const t = await f.create({ geometry: x86pc(2), template, readOnly: false, format: "qcow2" });
  try {
    for (const op of ops) await t.apply(op);
    return await look(t);
  } finally {
    await t.close();
  }
}

const byteOf = async (t: Target, at: number): Promise<{ ram: number | undefined; drive: number | undefined }> => ({
  ram: (await t.flash())?.page(0)[at],
  drive: (await t.drive()).page(0)[at],
});

describe.skipIf(!HAVE_QEMU || !HAVE_QEMU_IMG)("snapshots on the binaries", () => {
  it.each(BINARIES.flatMap((b) => (["hmp", "job"] as const).map((via) => [b, via] as const)))("%s (%s): loadvm puts the RAMBlock and the qcow2 drive back; delvm then leaves nothing to load", async (binary, via) => {
    const ops = [...program(0x10, 0x5a), snap("savevm", via), ...program(0x10, 0x00), ...program(0x20, 0x11), snap("loadvm", via)];
    const after = await onQcow2(binary, ops, async (t) => [await byteOf(t, 0x10), await byteOf(t, 0x20), (await t.state()).running]);
    expect(after).toEqual([{ ram: 0x5a, drive: 0x5a }, { ram: 0xff, drive: 0xff }, true]);
    const refused = await onQcow2(binary, [snap("savevm", via), snap("delvm", via)], (t) => t.apply(snap("loadvm", via)).then(() => null, (e: unknown) => e));
    expect(refused).toBeInstanceOf(TargetCrash);
    expect(refused).toMatchObject({ what: `QEMU on host A refused loadvm s1${via === "job" ? " (job)" : ""}`, stderr: "Error: Snapshot 's1' does not exist in one or more devices" });
  });

  it.each(BINARIES.flatMap((b) => (["hmp", "job"] as const).map((via) => [b, via] as const)))("%s (%s): F14, a loadvm of a name the drive lacks leaves a running VM stopped in restore-vm (a paused one paused); cont resumes it", async (binary, via) => {
    const after = (pre: readonly Op[]) =>
      onQcow2(binary, pre, async (t) => {
        const refused = await t.apply(snap("loadvm", via)).then(() => null, (e: unknown) => e);
        const status = (await t.state()).status;
        await t.apply({ kind: "cont" });
        return { refused: refused instanceof TargetCrash ? refused.stderr : refused, status, then: (await t.state()).status };
      });
    const missing = "Error: Snapshot 's1' does not exist in one or more devices";
    expect(await after([])).toEqual({ refused: missing, status: "restore-vm", then: "running" });
    expect(await after([{ kind: "stop" }])).toEqual({ refused: missing, status: "paused", then: "running" });
  });

  it.each(BINARIES)("%s: F8, a second loadvm while paused, then cont: QEMU dies of SIGSEGV", async (binary) => {
    const crash = await onQcow2(binary, [snap("savevm"), { kind: "stop" }, snap("loadvm"), snap("loadvm")], (t) => t.apply({ kind: "cont" }).then(() => null, (e: unknown) => e));
    expect(crash).toMatchObject({ what: "QEMU on host A was killed by SIGSEGV" });
  });

  it.skipIf(!HAVE_QEMU10)("10.0.2: F9 needs the pre-switchover pause: after a migration cancelled there loadvm is refused, after one cancelled in its first pass it loads", async () => {
    const live = (position?: "first-pass"): Op[] => [snap("savevm"), { kind: "migrate-start", to: "B", storage: "shared", readOnly: false, autostart: true, ...(position ? { position } : {}) }, { kind: "migrate-cancel" }];
    const loadvm = (t: Target) => t.apply(snap("loadvm")).then(() => null, (e: unknown) => e);
    expect(await onQcow2(QEMU10, live(), loadvm)).toMatchObject({ what: "QEMU on host A refused loadvm s1", stderr: "Error: Error -22 while loading VM state" });
    expect(await onQcow2(QEMU10, live("first-pass"), loadvm)).toBeNull();
  });

  it("a savevm leaves no MIGRATION event behind for a later live migration to take as its own", async () => {
    const ops: Op[] = [snap("savevm"), { kind: "migrate-start", to: "B", storage: "shared", readOnly: false, autostart: true }, ...program(0, 0x12), { kind: "migrate-finish" }];
    expect(await onQcow2(QEMU, ops, async (t) => (await t.state()).host)).toBe("B");
  });
});
