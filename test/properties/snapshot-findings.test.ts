// Why: with snapshots in the plan (--snapshots), F8 must be found on the QEMU eras and shrink to its five steps, and the proposed fix must hold.

import { describe, expect, it } from "vitest";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import type { PropertyOutcome } from "../../engine/outcome.js";
import { PROPERTIES, type PropertyId } from "../../properties/index.js";
import { describeOp } from "../../report/steps.js";
import { portTarget } from "../../targets/port.js";
import { DEFAULT_MAX_STEPS, DEFAULT_RUNS, portCrashes } from "./helpers.js";

/** Checks `id` on the port in `variant` with the default seed and budget, and snapshots; `knownCrashes` the corpus's that the variant reproduces, or none. */
const auditSnapshots = async (variant: string, id: PropertyId, knownCrashes?: ReadonlySet<string>): Promise<PropertyOutcome> =>
  checkProperty(PROPERTIES[id], portTarget(variant), { seed: DEFAULT_SEED, runs: DEFAULT_RUNS, maxSteps: DEFAULT_MAX_STEPS, knownCrashes: knownCrashes ?? (await portCrashes(variant)), snapshots: true });

const F8 = ["stop", "savevm s1", "loadvm s1", "loadvm s1", "cont"];

describe("snapshots in the plan", () => {
  // P3: a property F6 (which P8 finds first since live windows may be held in the first pass) does not break.
  it.each(["qemu-7.2.22", "qemu-10.0"])("%s: F8, two loads while paused then cont, crashes QEMU; P3 shrinks to it", async (variant) => {
    const o = await auditSnapshots(variant, "P3", new Set());
    expect(o.status).toBe("crashed");
    if (o.status !== "crashed") return;
    expect(o.trace.executed.map((e) => describeOp(e.op))).toEqual(F8);
    expect(o.trace.violation).toMatchObject({ step: 4, crash: { what: "QEMU on host A was killed by SIGSEGV" } });
    expect(o.case.boot.format).toBe("qcow2");
  });

  it("with F8 in the corpus, a snapshot audit of 7.2.22 leaves its sequences out, counted, and P4 holds", async () => {
    const o = await auditSnapshots("qemu-7.2.22", "P4");
    expect(o).toMatchObject({ status: "held", runs: DEFAULT_RUNS });
    expect(o.status === "held" ? o.stats?.knownCrashes : 0).toBeGreaterThan(0);
  });

  it("snapshot steps that are not needed shrink away (P2 shrinks to F2's three steps, as without snapshots)", async () => {
    const o = await auditSnapshots("qemu-7.2.22", "P2");
    expect(o.status === "failed" ? o.trace.executed.map((e) => describeOp(e.op)) : o.status).toEqual(["write.b 0x000000 <- 0x40", "migrate to B (shared, autostart)", "read.b 0x000000"]);
    expect(o.status === "failed" && o.case.ops.some((op) => op.kind === "savevm" || op.kind === "loadvm")).toBe(false);
  });

  it("the proposed fix holds P1 and P8 with snapshots", async () => {
    for (const id of ["P1", "P8"] as const) expect(await auditSnapshots("proposed-fix", id)).toMatchObject({ status: "held", runs: DEFAULT_RUNS });
  });
});
