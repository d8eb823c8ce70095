// Why: one set of rules decides what a target is credited with, for audits and replays alike: never "held" for what it cannot see or run.

import { describe, expect, it } from "vitest";
import { replayAudit, replayKnown, runAudit } from "../../engine/audit.js";
import { missingObservations, observable, runnable } from "../../engine/observable.js";
import { checkPlan } from "../../engine/plan.js";
import { PlanError } from "../../engine/check.js";
import { x86pc } from "../../generators/geometries.js";
import { template } from "../../generators/template.js";
import { PROPERTIES } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";

const port = portTarget("qemu-2.2");
const blind = { ...port, unobservable: ["inactive-image-writes", "drive-at-load"] as const };
const picky = { ...port, accepts: () => false };
const c = { boot: { geometry: x86pc(1), template, readOnly: false }, ops: [{ kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true }] as const };
const known = { file: "corpus/x.json", property: "P4", case: c };

describe("observability", () => {
  it("names what a target cannot show of a property", () => {
    expect(missingObservations(PROPERTIES.P4, blind)).toEqual(["inactive-image-writes"]);
    expect([observable(PROPERTIES.P4, blind), observable(PROPERTIES.P2, blind), observable(PROPERTIES.P4, port)]).toEqual([false, true, true]);
    expect([runnable(port, c), runnable(picky, c)]).toEqual([true, false]);
  });

  it("replays a known case as failed, not observable or not exercised, never as held when nothing was checked", async () => {
    expect((await replayKnown(PROPERTIES.P4, port, known)).status).toBe("failed");
    expect(await replayKnown(PROPERTIES.P4, blind, known)).toEqual({ property: PROPERTIES.P4, status: "unobservable", runs: 0, missing: ["inactive-image-writes"] });
    expect(await replayKnown(PROPERTIES.P4, picky, known)).toEqual({ property: PROPERTIES.P4, status: "not-exercised", runs: 0, why: "impl:qemu-2.2 cannot run corpus/x.json" });
    expect((await replayAudit(PROPERTIES.P4, blind, known)).outcomes.map((o) => o.status)).toEqual(["unobservable"]);
  });

  it("reports a property the target cannot see as not observable in an audit, without running it", async () => {
    const r = await runAudit(blind, { properties: [PROPERTIES.P4], seed: 1, runs: 5, maxSteps: 5 }, [known]);
    expect(r.outcomes).toEqual([{ property: PROPERTIES.P4, status: "unobservable", runs: 0, missing: ["inactive-image-writes"] }]);
    expect(r.corpusReplayed).toEqual([]);
  });
});

describe("checkPlan", () => {
  const limited = { ...port, limits: { storage: ["shared", "non-shared"] as const, maxFlashSize: 8192, why: "QEMU 9.1.0", storageNote: "block migration was removed in QEMU 9.1" } };

  it("refuses what the target cannot do, and notes what it will leave out", () => {
    expect(() => checkPlan(limited, { storage: ["shared", "block"] })).toThrow(new PlanError("QEMU 9.1.0 cannot do storage mode block (block migration was removed in QEMU 9.1)"));
    expect(() => checkPlan(limited, { flashSize: 16384 })).toThrow("--flash-size 16K is more than impl:qemu-2.2 takes (at most 8K)");
    expect(checkPlan(limited, {})).toEqual(["QEMU 9.1.0 has no block migration; storage modes shared, non-shared only"]);
    expect(checkPlan(limited, { storage: ["shared"] })).toEqual([]);
    expect(checkPlan(port, { storage: ["block"] })).toEqual([]);
  });
});
