// Why: every generated case must be one the device can take: valid geometry, naturally aligned accesses inside the flash.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flashSize, geometryProblems, writeBufferBytes } from "../../model/index.js";
import { caseOptionsFor, cases } from "../../engine/case.js";
import { PROPERTIES } from "../../properties/index.js";
import { armVirt, geometries, x86pc } from "../../generators/geometries.js";
import { place } from "../../generators/steps.js";
import { template } from "../../generators/template.js";

describe("generators", () => {
  it("only make geometries the device accepts", () => {
    fc.assert(fc.property(geometries, (g) => geometryProblems(g).length === 0), { seed: 7, numRuns: 500 });
  });

  it("keep every access aligned and inside the flash, and respect maxSteps", () => {
    fc.assert(
      fc.property(cases({ maxSteps: 12 }), ({ boot, ops }) => {
        expect(ops.length).toBeLessThanOrEqual(12);
        for (const op of ops) {
          if (op.kind !== "read" && op.kind !== "write") continue;
          expect(op.offset % op.width).toBe(0);
          expect(op.offset + op.width).toBeLessThanOrEqual(flashSize(boot.geometry));
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("give P6 migrations that keep the boot's readonly flag", () => {
    fc.assert(
      fc.property(cases(caseOptionsFor(PROPERTIES.P6, { maxSteps: 30 })), ({ boot, ops }) =>
        ops.every((op) => op.kind !== "migrate" || op.readOnly === boot.readOnly),
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it("hold live windows at both positions, and shrink the position to after the first pass when the failure does not need it", () => {
    const positions = fc.sample(cases({ maxSteps: 30 }), { seed: 5, numRuns: 500 }).flatMap(({ ops }) => ops.flatMap((op) => (op.kind === "migrate-start" ? [op.position ?? "after"] : [])));
    expect(positions.filter((p) => p === "first-pass").length).toBeGreaterThan(positions.length / 3);
    expect(positions.filter((p) => p === "after").length).toBeGreaterThan(positions.length / 3);
    // Fails on any live migration: the first failing case (this seed's) is held in the first pass, the shrunk one is not.
    const r = fc.check(fc.property(cases({ maxSteps: 30 }), ({ ops }) => !ops.some((op) => op.kind === "migrate-start")), { seed: 5, numRuns: 500, verbose: 1 });
    const starts = (c: (typeof r.failures)[number]) => c[0].ops.filter((op) => op.kind === "migrate-start");
    expect(starts(r.failures[0]!).map((op) => op.position)).toContain("first-pass");
    expect(starts(r.counterexample!)).toEqual([expect.not.objectContaining({ position: "first-pass" })]);
  });

  it("place offsets near sector and buffer boundaries", () => {
    const g = armVirt(2);
    expect(place(g, { near: "sector", k: 1, d: -3 }, 4)).toBe(256 * 1024 - 4);
    expect(place(g, { near: "buffer", k: 3, d: 0 }, 2)).toBe(3 * writeBufferBytes(g));
    expect(place(g, { near: "anywhere", k: flashSize(g) + 5, d: 0 }, 1)).toBe(5);
    expect(place(x86pc(1), { near: "start", k: 63, d: 0 }, 4)).toBe(60);
    expect(place(x86pc(1), { near: "sector", k: 0, d: 9999 }, 4)).toBe(4092);
  });

  it("share template pages, erased mostly, patterned every 8th page", () => {
    expect(template(0)).toBe(template(1));
    expect(template(4)).toBe(template(4));
    expect(template(4)).not.toEqual(template(12));
    expect(template(0).every((b) => b === 0xff)).toBe(true);
  });
});

describe("a plan the target cannot run", () => {
  it("is refused, never reported as held", async () => {
    const { checkProperty, PlanError } = await import("../../engine/check.js");
    const { portTarget } = await import("../../targets/port.js");
    const picky = { ...portTarget("proposed-fix"), accepts: () => false };
    await expect(checkProperty(PROPERTIES.P2, picky, { seed: 1, runs: 10, maxSteps: 5 })).rejects.toThrow(PlanError);
    await expect(checkProperty(PROPERTIES.P2, picky, { seed: 1, runs: 10, maxSteps: 5 })).rejects.toThrow(
      "impl:proposed-fix cannot run the generated sequences of this plan (1001 skipped): relax --storage or --flash-size",
    );
  });
});
