// Why: a property that can never fail is worthless; these feed each observer a broken target or trace and expect it to object.

import { describe, expect, it } from "vitest";
import { difference, firstDifference, hexAt } from "../../engine/pages.js";
import { differenceText } from "../../report/format.js";
import { compareTransparency, readsAfterMigration, withoutMigrations } from "../../properties/p6-transparency.js";
import { runSequence, type RunTrace } from "../../engine/sequence.js";
import { PROPERTIES } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";
import { TargetCrash, type Target, type TargetFactory } from "../../engine/target.js";
import { checkProperty } from "../../engine/check.js";
import { template } from "../../generators/template.js";
import { x86pc } from "../../generators/geometries.js";
import type { Op } from "../../model/index.js";

const boot = { geometry: x86pc(1), template, readOnly: false };
const PROGRAM: Op[] = [
  { kind: "write", offset: 0, width: 1, value: 0x40 },
  { kind: "write", offset: 0, width: 1, value: 0x00 },
];

/** A target that reports one extra drive write of the given kind on every program. */
function lyingTarget(refused: "no-write-permission" | "inactive-image"): TargetFactory {
  const real = portTarget("proposed-fix");
  return {
    description: "liar",
    spec: "impl:liar",
    async create(b) {
      const t: Target = await real.create(b);
      return {
        ...t,
        apply: async (op) => {
          const r = await t.apply(op);
          return op.kind === "write" && op.value === 0 ? { ...r, writes: [{ file: "A.fd", offset: 0, length: 512, refused }] } : r;
        },
        state: () => t.state(),
        flash: () => t.flash(),
        drive: () => t.drive(),
        close: () => t.close(),
      };
    },
  };
}

/** A target whose reads always return 0x42 and that crashes on a cold boot. */
const brokenTarget: TargetFactory = {
  description: "broken",
  spec: "impl:broken",
  async create(b) {
    const t = await portTarget("proposed-fix").create(b);
    return {
      apply: async (op) => {
        if (op.kind === "cold-boot") throw new TargetCrash("QEMU on host A was killed by SIGABRT", "qemu: block.c:6711: bdrv_inactivate_recurse: Assertion failed");
        return op.kind === "read" ? { read: 0x42 } : t.apply(op);
      },
      state: () => t.state(),
      flash: () => t.flash(),
      drive: () => t.drive(),
      close: () => t.close(),
    };
  },
};

const checkOf = (id: "P2" | "P3" | "P4") => {
  const shape = PROPERTIES[id].run;
  if (shape.kind !== "per-step") throw new Error("per-step expected");
  return shape.make();
};

describe("observers object to broken targets", () => {
  it("P3 flags a write to a read-only drive", async () => {
    const t = await runSequence(lyingTarget("no-write-permission"), boot, PROGRAM, checkOf("P3"));
    expect(t.violation).toEqual({ step: 1, message: "the device tried to write 512 bytes at 0x000000 to read-only A.fd (the block layer refused it)" });
  });

  it("P4 flags a write to an inactive image", async () => {
    const t = await runSequence(lyingTarget("inactive-image"), boot, PROGRAM, checkOf("P4"));
    expect(t.violation?.message).toBe("the device wrote 512 bytes at 0x000000 to A.fd while the image was inactive");
  });

  it("P2 flags a wrong read; a crash is a violation at its step, in the target's words; any other error is the harness's", async () => {
    const t = await runSequence(brokenTarget, boot, [{ kind: "read", offset: 0, width: 1 }], checkOf("P2"));
    expect(t.violation).toEqual({ step: 0, message: "the read returned 0x42, the model says 0xff" });
    const c = await runSequence(brokenTarget, boot, [...PROGRAM, { kind: "cold-boot" }]);
    expect(c.violation).toEqual({
      step: 2,
      message: "QEMU on host A was killed by SIGABRT; stderr: qemu: block.c:6711: bdrv_inactivate_recurse: Assertion failed",
      crash: { what: "QEMU on host A was killed by SIGABRT", stderr: "qemu: block.c:6711: bdrv_inactivate_recurse: Assertion failed" },
    });
    const buggy: TargetFactory = { ...brokenTarget, create: async () => ({ ...(await brokenTarget.create(boot)), apply: async () => Promise.reject(new Error("a bug in the harness")) }) };
    await expect(runSequence(buggy, boot, [{ kind: "reset" }])).rejects.toThrow("a bug in the harness");
  });

  it("a crash found by generation is reported as crashed, shrunk to the step that crashes", async () => {
    const o = await checkProperty(PROPERTIES.P5, brokenTarget, { seed: 1, runs: 200, maxSteps: 10 });
    expect(o.status).toBe("crashed");
    if (o.status !== "crashed") return;
    expect(o.trace.executed.map((e) => e.op.kind)).toEqual(["cold-boot"]);
    expect(o.trace.violation?.crash?.what).toBe("QEMU on host A was killed by SIGABRT");
  });

  it("skips steps that cannot happen: guest accesses while paused, cont while running", async () => {
    const ops: Op[] = [{ kind: "cont" }, { kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: false }, ...PROGRAM, { kind: "cont" }, { kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true }];
    const t = await runSequence(portTarget("proposed-fix"), boot, ops);
    expect(t.executed.map((e) => e.op.kind)).toEqual(["migrate", "cont"]);
  });
});

describe("P6 comparison", () => {
  const read = (got: number, width: 1 | 2 = 1, expected = 0x80): RunTrace["executed"][number] => ({ op: { kind: "read", offset: 0, width }, got, expected, mode: "read-array" });
  const mig: Op = { kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true };
  const step = (op: Op): RunTrace["executed"][number] => ({ op, mode: "read-array" });
  const trace = (executed: RunTrace["executed"]): RunTrace => ({ executed, checked: 0, skipped: 0 });

  it("replays without migrations and run-state changes", () => {
    const t = trace([step(mig), step({ kind: "stop" }), step({ kind: "cont" }), step({ kind: "reset" }), read(1)]);
    expect(withoutMigrations(t).map((o) => o.kind)).toEqual(["reset", "read"]);
  });

  it("reports the first read that differs, by position among reads", () => {
    const a = trace([read(1), step(mig), read(2)]);
    expect(compareTransparency(a, trace([read(1), read(2)]))).toBeNull();
    expect(compareTransparency(a, trace([read(1), read(3)]))).toEqual({ step: 2, message: "the read returned 0x02 with the migrations and 0x03 without them" });
    expect(compareTransparency(trace([step(mig), read(0x80, 2)]), trace([read(0x8080, 2)]))).toEqual({ step: 1, message: "the read returned 0x0080 with the migrations and 0x8080 without them" });
    expect(compareTransparency(a, trace([read(1)]))).toBeNull();
  });

  it("leaves out reads where the model itself answers differently without the migrations (the ideal is not transparent there)", () => {
    // P6's false finding at 10x: erase; migrate to B (non-shared, -S, late-block-activate); cold-boot; read: B never owned its drive.
    const a = trace([step(mig), step({ kind: "cold-boot" }), read(0x6c, 1, 0x6c), read(0x11, 1, 0xff)]);
    expect(compareTransparency(a, trace([read(0xff, 1, 0xff), read(0xff, 1, 0xff)]))).toEqual({ step: 3, message: "the read returned 0x11 with the migrations and 0xff without them" });
    expect(readsAfterMigration(a, trace([read(0xff, 1, 0xff), read(0xff, 1, 0xff)]))).toBe(1);
    expect(compareTransparency(a, trace([read(0xff, 1, 0xff), read(0x11, 1, 0xff)]))).toBeNull();
  });

  it("counts as exercised only the reads after a migration that were compared", () => {
    const same = trace([read(1), read(2), read(3)]);
    expect(readsAfterMigration(trace([read(1), step(mig), read(2), read(3)]), same)).toBe(2);
    expect(readsAfterMigration(trace([read(1), step(mig), read(2), read(3)]), trace([read(1), read(2)]))).toBe(1);
    expect(readsAfterMigration(trace([read(1), read(2)]), same)).toBe(0);
  });
});

describe("page comparison", () => {
  const view = (bytes: number[]) => {
    const page = new Uint8Array(4096);
    page.set(bytes);
    return { size: 4096, page: () => page };
  };

  it("finds and describes the first difference", () => {
    expect(firstDifference(view([1, 2]), view([1, 2]))).toBe(-1);
    expect(firstDifference(view([1, 2, 3]), view([1, 2, 4]))).toBe(2);
    expect(hexAt(view([0xab, 0xc]), 0, 3)).toBe("ab 0c 00");
    expect(difference("flash", view([1]), "drive", view([1]))).toBeNull();
    const d = difference("flash", view([0, 1]), "drive", view([0, 2]));
    expect(d && differenceText(d)).toBe(
      "first difference at 0x000001: flash 01 00 00 00 00 00 00 00, drive 02 00 00 00 00 00 00 00",
    );
    expect(firstDifference(view([]), { size: 2048, page: view([]).page })).toBe(2048);
  });
});
