// Why: the real binary is the ground truth: the QEMU target must drive it faithfully, reproduce the findings, and treat crashes and hangs as findings.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Op } from "../../../model/index.js";
import { join } from "node:path";
import { LIMITS, QemuInstance } from "../../../targets/qemu/instance.js";
import { takeWorkspace } from "../../../targets/qemu/workspace.js";
import { openQemu } from "../../../targets/qemu.js";
import { QemuTarget } from "../../../targets/qemu/target.js";
import { checkDiff } from "../../../engine/diff.js";
import { parseCorpusEntry } from "../../../replay/corpus.js";
import { x86pc } from "../../../generators/geometries.js";
import { portTarget } from "../../../targets/port.js";
import { replayOutcome } from "../../../replay/replay.js";
import { runSequence } from "../../../engine/sequence.js";
import { template } from "../../../generators/template.js";
import { checkProperty, DEFAULT_SEED } from "../../../engine/check.js";
import { PROPERTIES } from "../../../properties/index.js";
import { buildReport } from "../../../report/model.js";
import { renderText } from "../../../report/text.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";
import { corpusCrashes } from "../../properties/helpers.js";

const boot = (sectors: number, readOnly = false) => ({ geometry: x86pc(sectors), template, readOnly });
const w = (offset: number, value: number): Op => ({ kind: "write", offset, width: 1, value });
const r = (offset: number, width: 1 | 2 | 4 = 1): Op => ({ kind: "read", offset, width });
const migrate = (to: "A" | "B" | "C", storage: "shared" | "non-shared" | "block" | "block-inc", autostart = true, readOnly = false): Op => ({ kind: "migrate", to, storage, readOnly, autostart });
const entry = (f: string) => parseCorpusEntry(readFileSync(`corpus/${f}`, "utf8"), f);

describe.skipIf(!HAVE_QEMU)("QEMU target on the real binary", async () => {
  const { factory } = HAVE_QEMU ? await openQemu(QEMU) : ({} as never);

  it("drives the device: array reads, status after a program, the drive written through", async () => {
    const t = await QemuTarget.boot(QEMU, boot(1));
    try {
      expect((await t.apply(r(0x4000 - 0x3000 - 0x1000))).read).toBe(0xff);
      await t.apply(w(0x10, 0x40));
      await t.apply(w(0x10, 0x5a));
      expect((await t.apply(r(0x10, 4))).read).toBe(0x00800080);
      expect((await t.drive()).page(0)[0x10]).toBe(0x5a);
      expect(await t.flash()).toBeNull();
      await t.apply({ kind: "cold-boot" });
      expect((await t.flash())?.page(0)[0x10]).toBe(0x5a);
      expect(await t.state()).toEqual({ host: "A", running: true, status: "running", readOnly: false, loaded: false, driveActive: true });
    } finally {
      await t.close();
    }
  });

  it.each([
    ["shared", 1, "A.fd"],
    ["non-shared", 1, "B.fd"],
    ["block", 256, "B.fd"],
    ["block-inc", 256, "B.fd"],
  ] as const)("migrates with %s storage; the destination drive ends up holding the flash", async (storage, sectors, _file) => {
    const t = await QemuTarget.boot(QEMU, boot(sectors));
    try {
      await t.apply(w(0x10, 0x40));
      await t.apply(w(0x10, 0x5a));
      await t.apply(migrate("B", storage));
      expect((await t.drive()).page(0)[0x10]).toBe(0x5a);
      expect((await t.flash())?.page(0)[0x10]).toBe(0x5a);
      expect(await t.state()).toMatchObject({ host: "B", running: true, loaded: true });
    } finally {
      await t.close();
    }
  });

  it("keeps a paused VM paused across a migration to an autostarting destination (the binary taught the port this)", async () => {
    const t = await QemuTarget.boot(QEMU, boot(1));
    try {
      await t.apply(migrate("B", "shared", false));
      await t.apply(migrate("A", "shared", true));
      expect(await t.state()).toMatchObject({ host: "A", running: false });
    } finally {
      await t.close();
    }
  });

  it("finding F3: block migration of a drive that is not a multiple of 1 MiB fails on the destination", async () => {
    const t = await QemuTarget.boot(QEMU, boot(32));
    try {
      await expect(t.apply(migrate("B", "block"))).rejects.toThrow(/error while loading state section id \d+\(block\).*Input\/output error|migration failed/);
    } finally {
      await t.close();
    }
    expect(factory.accepts?.(boot(32), [migrate("B", "block")])).toBe(false);
    expect(factory.accepts?.(boot(256), [migrate("B", "block")])).toBe(true);
  });

  it("reproduces findings F1 (as P1 and as the guest's lost write, P5), F2 and F11 from the corpus, and none of the older eras' bugs", async () => {
    const outcome = async (f: string) => (await replayOutcome(entry(f), f, factory)).status;
    expect(await outcome("qemu-7.2.22-P7-stop-at-switchover-pause-lost.json")).toBe("failed");
    expect(await outcome("qemu-7.2.22-P1-paused-destination-stale.json")).toBe("failed");
    expect(await outcome("qemu-7.2.22-P2-io-mode-lost-on-migration.json")).toBe("failed");
    expect(await outcome("qemu-7.2.22-P6-status-read-changes-across-migration.json")).toBe("failed");
    expect(await outcome("qemu-7.2.22-P5-paused-destination-cold-boot-loses-write.json")).toBe("failed");
    expect(await outcome("qemu-7.2.22-P8-paused-destination-cold-boot-stale-ram.json")).toBe("failed");
    expect(await outcome("qemu-2.1-P1-stale-destination-drive.json")).toBe("held");
    expect(await outcome("qemu-7.2.8-P5-unconfirmed-buffer-persisted.json")).toBe("held");
  });

  it("agrees with the qemu-7.2.22 port, step by step, on generated sequences", async () => {
    const o = await checkDiff(factory, portTarget("qemu-7.2.22"), { seed: DEFAULT_SEED, runs: 25, maxSteps: 30 });
    expect(o).toEqual({ status: "same", runs: 25 });
  });

  it("holds P3 and P5 on generated sequences, the corpus's crashes (F7) left out as `run` leaves them", async () => {
    for (const id of ["P3", "P5"] as const) {
      expect(await checkProperty(PROPERTIES[id], factory, { seed: DEFAULT_SEED, runs: 15, maxSteps: 30, knownCrashes: corpusCrashes() })).toMatchObject({ property: PROPERTIES[id], status: "held", runs: 15 });
    }
  });

  it("treats a QEMU killed by a signal as a failure of the step, with the reason", async () => {
    const killer = {
      ...factory,
      create: async (b: Parameters<typeof factory.create>[0]) => {
        const t = (await factory.create(b)) as QemuTarget;
        return { ...t, state: () => t.state(), flash: () => t.flash(), drive: () => t.drive(), close: () => t.close(), apply: async (op: Op) => {
          if (op.kind === "read") process.kill(t.process.pid as number, "SIGSEGV");
          return t.apply(op);
        } };
      },
    };
    const trace = await runSequence(killer, boot(1), [w(0, 0x70), r(0)]);
    expect(trace.violation?.step).toBe(1);
    expect(trace.violation?.crash?.what).toBe("QEMU on host A was killed by SIGSEGV");
    expect(trace.violation?.message).toMatch(/^QEMU on host A was killed by SIGSEGV/);
  });

  it("reports a QEMU that aborts during a migration as a crash of the target, shrunk, in its own words, not as a broken property", async () => {
    const aborter = {
      ...factory,
      create: async (b: Parameters<typeof factory.create>[0]) => {
        const t = (await factory.create(b)) as QemuTarget;
        return { ...t, state: () => t.state(), flash: () => t.flash(), drive: () => t.drive(), close: () => t.close(), apply: async (op: Op) => {
          if (op.kind === "migrate" || op.kind === "migrate-start") process.kill(t.process.pid as number, "SIGABRT");
          return t.apply(op);
        } };
      },
    };
    const o = await checkProperty(PROPERTIES.P5, aborter, { seed: DEFAULT_SEED, runs: 40, maxSteps: 8 });
    expect(o.status).toBe("crashed");
    if (o.status !== "crashed") return;
    expect(o.trace.executed.map((e) => e.op.kind)).toEqual([expect.stringMatching(/^migrate(-start)?$/)]);
    const text = renderText(buildReport({ target: { spec: factory.spec, description: "qemu" }, plan: { properties: [PROPERTIES.P5], seed: DEFAULT_SEED, runs: 40, maxSteps: 8 }, corpusReplayed: [], outcomes: [o] }, "0.1.0"));
    expect(text).toContain("P5 cold-boot durability: CRASHED on qemu, after");
    expect(text).toContain("  The target process died, stopped answering, or refused a command the model says it carries out.\n  QEMU on host A was killed by SIGABRT");
    expect(text).not.toContain(PROPERTIES.P5.broken);
    expect(text).not.toContain("QemuFailure");
    expect(text.trim().split("\n").at(-1)).toBe("a finding: see the counterexample above");
  });

  it("reports a QEMU that exits at start with its stderr, the run folder written as $RUN", async () => {
    const w = takeWorkspace();
    try {
      const missing = join(w.dir, "missing.fd");
      const args = ["-machine", "pc", "-nodefaults", "-display", "none", "-S", "-drive", `if=pflash,unit=1,format=raw,file=${missing}`];
      const failed = await QemuInstance.start(QEMU, args, w.dir, "X").then(() => null, (e: Error) => e.message);
      expect(failed).toMatch(/^QEMU on host X exited with status 1 while starting; stderr: .*Could not open '\$RUN\/t\d+\/missing\.fd'/);
    } finally {
      w.release();
    }
  });

  it("treats a QEMU that stops answering as a hang: bounded, killed, reported", async () => {
    const saved = LIMITS.qtest;
    LIMITS.qtest = 300;
    const t = await QemuTarget.boot(QEMU, boot(1));
    try {
      process.kill(t.process.pid as number, "SIGSTOP");
      await expect(t.apply(r(0))).rejects.toThrow(/no answer to qtest "readb 0x[0-9a-f]+" within 300 ms/);
      await new Promise((res) => setTimeout(res, 100));
      expect(t.process.alive).toBe(false);
    } finally {
      LIMITS.qtest = saved;
      await t.close();
    }
  });
});
