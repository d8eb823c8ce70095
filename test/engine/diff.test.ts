// Why: diff shows every observable difference, including what only some targets can see: writes a drive refused because its image was still inactive.

import { describe, expect, it } from "vitest";
import { checkDiff, runDiff } from "../../engine/diff.js";
import { TargetCrash, type TargetFactory } from "../../engine/target.js";
import { x86pc } from "../../generators/geometries.js";
import { template } from "../../generators/template.js";
import type { Op } from "../../model/index.js";
import { sectionText } from "../../targets/section-text.js";
import { portTarget } from "../../targets/port.js";

describe("checkDiff", () => {
  it("reports writes to an inactive image on one side as a difference, the model on the other side's", async () => {
    const o = await checkDiff(portTarget("qemu-2.2"), portTarget("qemu-7.2.8"), { seed: 20141009, runs: 300, maxSteps: 30 });
    expect(o.status).toBe("different");
    if (o.status !== "different") return;
    expect(o.trace.executed.map((e) => e.op.kind)).toEqual(["migrate"]);
    expect(o.trace.difference).toMatchObject({
      odd: "target",
      message: "writes to an inactive image: 4096 bytes at 0x000000 to A.fd on the target, none on the baseline, none in the model: the target disagrees with the model and the baseline",
    });
  });

  it("finds nothing between a target and itself", async () => {
    expect(await checkDiff(portTarget("proposed-fix"), portTarget("proposed-fix"), { seed: 1, runs: 50, maxSteps: 20 })).toEqual({ status: "same", runs: 50 });
  });

  it("two targets that die at the same step agree only if they die of the same assertion", async () => {
    const dying = (stderr: string): TargetFactory => {
      const port = portTarget("qemu-7.2.22");
      const create = async (b: Parameters<TargetFactory["create"]>[0]) => {
        const t = await port.create(b);
        return { apply: () => Promise.reject(new TargetCrash("QEMU on host A was killed by SIGABRT", stderr)), state: () => t.state(), flash: () => t.flash(), drive: () => t.drive(), close: () => t.close() };
      };
      return { ...port, create };
    };
    const boot = { geometry: x86pc(1), template, readOnly: false };
    const ops: Op[] = [{ kind: "reset" }];
    const same = `qemu-system-x86_64: ../../block.c:1: ${"f: Assertion `x' failed."}`;
    expect((await runDiff(dying(same), dying("f: Assertion `x' failed."), boot, ops)).difference).toBeUndefined();
    expect((await runDiff(dying(same), dying("g: Assertion `y' failed."), boot, ops)).difference).toMatchObject({ odd: "all", message: "both died, differently: the target f: Assertion `x' failed., the baseline g: Assertion `y' failed." });
  });
});

describe("undefined behaviour", () => {
  it("where the port knows QEMU calls freed memory (F8), a binary that goes on is no difference: nothing after it compares", async () => {
    const boot = { geometry: x86pc(1), template, readOnly: false, format: "qcow2" as const };
    const snap = (kind: "savevm" | "loadvm"): Op => ({ kind, name: "s1", via: "hmp" });
    const ops: Op[] = [snap("savevm"), { kind: "stop" }, snap("loadvm"), snap("loadvm"), { kind: "cont" }, { kind: "read", offset: 0, width: 1 }];
    const r = await runDiff(portTarget("qemu-7.2.22"), portTarget("proposed-fix"), boot, ops);
    expect(r.difference).toBeUndefined();
    expect(r.executed.map((e) => e.op.kind)).toEqual(["savevm", "stop", "loadvm", "loadvm", "cont"]);
  });
});

describe("the device's migration section", () => {
  /** The port, with the section its destinations loaded rewritten by `tamper`. */
  const tampered = (tamper: (b: Uint8Array) => Uint8Array): TargetFactory => {
    const port = portTarget("qemu-7.2.22");
    return {
      ...port,
      create: async (b) => {
        const t = await port.create(b);
        const section = async () => {
          const s = await t.section?.();
          return s ? { bytes: tamper(s.bytes), text: sectionText(tamper(s.bytes), 256) } : null;
        };
        return { apply: (op: Op) => t.apply(op), state: () => t.state(), flash: () => t.flash(), drive: () => t.drive(), close: () => t.close(), section };
      },
    };
  };
  const boot = { geometry: x86pc(1), template, readOnly: false };
  const w = (value: number): Op => ({ kind: "write", offset: 0, width: 1, value });
  const migrate: Op = { kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true };

  it("is compared after every load: a counter sent in four bytes instead of eight is a difference the model cannot judge", async () => {
    const short = tampered((b) => b.slice(0, 7));
    const d = (await runDiff(short, portTarget("qemu-7.2.22"), boot, [w(0x40), migrate])).difference;
    expect(d).toMatchObject({ step: 1, odd: "no-model" });
    expect(d?.message).toBe(
      "the device's migration section differs: 7 bytes the port cannot load (pflash_cfi01: section has 7 bytes, needs at least 11) on the target, wcycle 1, cmd 0x40, status 0x80, counter 0, no write buffer on the baseline: the model has no view of it",
    );
    expect((await runDiff(tampered((b) => b), portTarget("qemu-7.2.22"), boot, [w(0x40), migrate])).difference).toBeUndefined();
  });

  it("names the byte where two sections that read alike differ: the contents of an open write buffer", async () => {
    const at = 11 + 2 + 22 + 4 + 1;
    const buffer = tampered((b) => b.map((x, i) => (i === at ? x ^ 0xff : x)));
    const d = (await runDiff(buffer, portTarget("qemu-7.2.22"), boot, [w(0xe8), w(1), w(0x5a), migrate])).difference;
    expect(d?.message).toBe(
      `the device's migration section differs: wcycle 2, cmd 0xe8, status 0x80, counter 0, write buffer open at 0x000000 (256 bytes) on the target, wcycle 2, cmd 0xe8, status 0x80, counter 0, write buffer open at 0x000000 (256 bytes) on the baseline (the bytes differ from byte ${at}): the model has no view of it`,
    );
  });
});
