// Why: the live window must be real on the binary: held open until the harness ends it, ended three ways, and F6 must show there as on the port.

import { existsSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { Op } from "../../../model/index.js";
import { x86pc } from "../../../generators/geometries.js";
import { template } from "../../../generators/template.js";
import { portTarget } from "../../../targets/port.js";
import { QemuInstance } from "../../../targets/qemu/instance.js";
import { QemuTarget } from "../../../targets/qemu/target.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const QEMU10 = process.env.PFLASH_AUDIT_QEMU10 ?? ".qemu/10.0.2/usr/bin/qemu-system-x86_64";
const start = (to: "B" | "C", firstPass = false): Op => ({ kind: "migrate-start", to, storage: "shared", readOnly: false, autostart: true, ...(firstPass ? { position: "first-pass" as const } : {}) });
const program = (offset: number): Op[] => [{ kind: "write", offset, width: 1, value: 0x40 }, { kind: "write", offset, width: 1, value: 0x00 }, { kind: "write", offset, width: 1, value: 0xff }];
const read = (offset: number): Op => ({ kind: "read", offset, width: 1 });

/** Runs `ops`, returning what each read returned. */
async function reads(t: QemuTarget, ops: Op[]): Promise<number[]> {
  const out: number[] = [];
  for (const op of ops) {
    const r = await t.apply(op);
    if (r.read !== undefined) out.push(r.read);
  }
  return out;
}

describe.skipIf(!HAVE_QEMU)("live migrations on the binary", () => {
  it.each([QEMU, QEMU10].filter((b) => b === QEMU || existsSync(b)))("%s loses a program made in the window (F6), on the destination and, once it runs, on the shared drive", async (binary) => {
    const t = await QemuTarget.boot(binary, { geometry: x86pc(2), template, readOnly: false });
    try {
      expect(await reads(t, [start("B"), ...program(0x1000), read(0x1000), { kind: "migrate-finish" }, read(0x1000)])).toEqual([0x00, 0xff]);
      expect(await t.state()).toMatchObject({ host: "B", running: true, loaded: true });
      // The program had reached the shared drive; 7.2's post_load handler wrote the stale RAMBlock over it when B started.
      if (binary === QEMU) expect((await t.drive()).page(1)[0]).toBe(0xff);
    } finally {
      await t.close();
    }
  });

  it.each([QEMU, QEMU10].filter((b) => b === QEMU || existsSync(b)))("%s, held in the first pass: the guest runs, the migration is active, and a program made in the window reaches the destination and the shared drive", async (binary) => {
    const t = await QemuTarget.boot(binary, { geometry: x86pc(2), template, readOnly: false });
    try {
      expect(await reads(t, [start("B", true), ...program(0x1000), read(0x1000)])).toEqual([0x00]);
      expect(await t.process.execute("query-status")).toMatchObject({ status: "running" });
      expect(await t.process.execute("query-migrate")).toMatchObject({ status: "active" });
      expect(await reads(t, [{ kind: "migrate-finish" }, read(0x1000)])).toEqual([0x00]);
      expect(await t.state()).toMatchObject({ host: "B", running: true, loaded: true });
      expect((await t.flash())?.page(1)[0]).toBe(0x00);
      expect((await t.drive()).page(1)[0]).toBe(0x00);
    } finally {
      await t.close();
    }
  });

  it.each([QEMU, QEMU10].filter((b) => b === QEMU || existsSync(b)))("%s, held in the first pass: stop and cont while precopy runs; a VM stopped at the switchover arrives paused, as the port says", async (binary) => {
    const ops = (resume: boolean): Op[] => [start("B", true), ...program(0x1000), { kind: "stop" }, ...(resume ? [{ kind: "cont" } as Op] : []), { kind: "migrate-finish" }];
    for (const resume of [false, true]) {
      const t = await QemuTarget.boot(binary, { geometry: x86pc(2), template, readOnly: false });
      const port = await portTarget(binary === QEMU ? "qemu-7.2.22" : "qemu-10.0").create({ geometry: x86pc(2), template, readOnly: false });
      try {
        for (const op of ops(resume).slice(0, 5)) await t.apply(op);
        expect(await t.state(), "the source while stopped in the window").toMatchObject({ host: "A", running: false });
        for (const op of ops(resume).slice(5)) await t.apply(op);
        for (const op of ops(resume)) await port.apply(op);
        const want = { host: "B", running: resume, loaded: true };
        expect(await t.state()).toMatchObject(want);
        expect(await port.state()).toMatchObject(want);
        expect((await t.flash())?.page(1)[0]).toBe(0x00);
      } finally {
        await t.close();
        await port.close();
      }
    }
  });

  it.each([QEMU, QEMU10].filter((b) => b === QEMU || existsSync(b)))("%s, at the pre-switchover pause: stop is acknowledged and lost (F11), cont refused; the port does the same", async (binary) => {
    for (const end of ["migrate-finish", "migrate-cancel"] as const) {
      const ops: Op[] = [start("B"), { kind: "stop" }, { kind: end }];
      const t = await QemuTarget.boot(binary, { geometry: x86pc(2), template, readOnly: false });
      const port = await portTarget(binary === QEMU ? "qemu-7.2.22" : "qemu-10.0").create({ geometry: x86pc(2), template, readOnly: false });
      try {
        for (const op of ops.slice(0, 2)) await t.apply(op);
        expect(await t.process.execute("query-status"), "the VM at the pause, after the stop").toMatchObject({ status: "finish-migrate", running: false });
        await expect(t.apply({ kind: "cont" })).rejects.toThrow(/Migration is not finalized yet/);
        await t.apply(ops[2]!);
        for (const op of ops) await port.apply(op);
        // Both run on (B started, the cancelled source resumed); the model says paused: the stop holds (F11).
        const want = { host: end === "migrate-finish" ? "B" : "A", running: true };
        expect(await t.state()).toMatchObject(want);
        expect(await port.state()).toMatchObject(want);
      } finally {
        await t.close();
        await port.close();
      }
    }
  });

  it("a cancel in the first pass gives the source its bandwidth back: a later migration goes at full speed", async () => {
    const t = await QemuTarget.boot(QEMU, { geometry: x86pc(2), template, readOnly: false });
    try {
      const own = ((await t.process.execute("query-migrate-parameters")) as { "max-bandwidth": number })["max-bandwidth"];
      expect(await reads(t, [start("B", true), ...program(0), { kind: "migrate-cancel" }, read(0)])).toEqual([0x00]);
      expect(await t.process.execute("query-migrate-parameters")).toMatchObject({ "max-bandwidth": own });
      expect(await reads(t, [start("C", true), ...program(0x1000), { kind: "migrate-fail" }, read(0x1000)])).toEqual([0x00]);
      expect(await reads(t, [{ kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true }, read(0), read(0x1000)])).toEqual([0x00, 0x00]);
    } finally {
      await t.close();
    }
  });

  it.each([QEMU, QEMU10].filter((b) => b === QEMU || existsSync(b)))("%s: a failed destination loads the stream as far as the source sent it and dies at its end, at both positions", async (binary) => {
    for (const firstPass of [false, true]) {
      const execute = vi.spyOn(QemuInstance.prototype, "execute");
      const waitEvent = vi.spyOn(QemuInstance.prototype, "waitEvent");
      const t = await QemuTarget.boot(binary, { geometry: x86pc(2), template, readOnly: false });
      try {
        expect(await reads(t, [start("C", firstPass), ...program(0x1000), { kind: "migrate-fail" }, read(0x1000)])).toEqual([0x00]);
        const incoming = execute.mock.calls.map((c, i) => [execute.mock.contexts[i] as QemuInstance, c[0]] as const).filter(([, c]) => c === "migrate-incoming");
        expect(incoming.map(([q]) => q.name)).toEqual(["QEMU on host C"]);
        // The destination's wait for its load ends in a failure: the event, or the process gone with QEMU's own words.
        const ends = await Promise.allSettled(waitEvent.mock.results.map((r) => r.value as Promise<{ data?: { status?: unknown } }>));
        const said = ends.map((e) => (e.status === "fulfilled" ? String(e.value.data?.status) : String((e.reason as Error).message)));
        expect(said.some((x) => x === "failed" || /load of migration failed/.test(x))).toBe(true);
        expect(await t.state()).toMatchObject({ host: "A", running: true, loaded: false });
      } finally {
        await t.close();
        execute.mockRestore();
        waitEvent.mockRestore();
      }
    }
  });

  it("after a cancel or a failed destination the source runs on with its writes, and a later migration still switches over", async () => {
    const t = await QemuTarget.boot(QEMU, { geometry: x86pc(2), template, readOnly: false });
    try {
      expect(await reads(t, [start("B"), ...program(0), { kind: "migrate-cancel" }, read(0)])).toEqual([0x00]);
      expect(await t.state()).toMatchObject({ host: "A", running: true, loaded: false });
      expect(await reads(t, [start("C"), ...program(0x1000), { kind: "migrate-fail" }, read(0x1000)])).toEqual([0x00]);
      expect((await t.drive()).page(1)[0]).toBe(0x00);
      // A later instantaneous migration must not stop before its switchover.
      expect(await reads(t, [{ kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true }, read(0)])).toEqual([0x00]);
    } finally {
      await t.close();
    }
  });
});
