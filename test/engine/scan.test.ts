// Why: --jobs is only usable if lanes change nothing: the first failure, its shrunk counterexample, the counts and the statistics must be the one-lane run's.

import { describe, expect, it } from "vitest";
import type { Case } from "../../engine/case.js";
import { checkProperty } from "../../engine/check.js";
import { scan, type Judgement } from "../../engine/scan.js";
import type { RunTrace } from "../../engine/sequence.js";
import type { TargetFactory } from "../../engine/target.js";
import { PROPERTIES, type PropertyId } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";
import type { VariantName } from "../../impl/variants.js";

/** Fake cases: case i is known by its index only. */
const fakeCases = (n: number): Case[] => Array.from({ length: n }, (_, i) => ({ boot: { index: i }, ops: [] }) as unknown as Case);
const indexOf = (c: Case): number => (c.boot as unknown as { index: number }).index;
const lane = (name: string): TargetFactory => ({ spec: name }) as TargetFactory;
const TRACE: RunTrace = { executed: [], checked: 1, skipped: 0 };

/** A judge whose cases take longer the lower their index, so later cases come back first. */
function judgeBy(verdict: (i: number) => Judgement["kind"]): (l: TargetFactory, c: Case) => Promise<Judgement> {
  return async (_l, c) => {
    const i = indexOf(c);
    await new Promise((r) => setTimeout(r, (i % 4) * 3 + (i % 3 === 0 ? 5 : 0)));
    const kind = verdict(i);
    return kind === "passed" || kind === "failed" ? { kind, trace: TRACE } : { kind };
  };
}

describe("scan", () => {
  it("commits in generation order and stops at the first failure, even when a later failure comes back first", async () => {
    const committed: number[] = [];
    const r = await scan({
      lanes: [lane("a"), lane("b"), lane("c")],
      cases: fakeCases,
      judge: judgeBy((i) => (i === 9 || i === 10 ? "failed" : i % 5 === 2 ? "filtered" : "passed")),
      runs: 100,
      maxSkips: 1000,
      commit: (c) => committed.push(indexOf(c)),
    });
    expect(r).toEqual({ failedAt: 9, stopped: false });
    expect(committed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("ends after `runs` passes, not counting cases left out, and gives up past maxSkips", async () => {
    const committed: number[] = [];
    const ok = await scan({ lanes: [lane("a"), lane("b")], cases: fakeCases, judge: judgeBy((i) => (i % 2 ? "known-crash" : "passed")), runs: 5, maxSkips: 100, commit: (c) => committed.push(indexOf(c)) });
    expect(ok).toEqual({ stopped: false });
    expect(committed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const gaveUp = await scan({ lanes: [lane("a"), lane("b")], cases: fakeCases, judge: judgeBy((i) => (i === 0 ? "passed" : "filtered")), runs: 5, maxSkips: 3, commit: () => undefined });
    expect(gaveUp).toEqual({ gaveUp: 4, stopped: false });
  });

  it("waits for every lane before it rethrows a lane's error", async () => {
    let running = 0;
    const judge = async (_l: TargetFactory, c: Case): Promise<Judgement> => {
      running++;
      await new Promise((r) => setTimeout(r, indexOf(c) === 1 ? 1 : 20));
      running--;
      if (indexOf(c) === 1) throw new Error("QEMU went away");
      return { kind: "passed", trace: TRACE };
    };
    await expect(scan({ lanes: [lane("a"), lane("b"), lane("c")], cases: fakeCases, judge, runs: 50, maxSkips: 10, commit: () => undefined })).rejects.toThrow("QEMU went away");
    expect(running).toBe(0);
  });
});

describe("checkProperty with lanes", () => {
  const checks: [VariantName, PropertyId, number][] = [
    ["qemu-2.1", "P1", 1],
    ["qemu-7.2.22", "P2", 20141009],
    ["qemu-7.2.22", "P7", 2],
    ["qemu-10.0", "P5", 1],
    ["proposed-fix", "P1-strict", 3],
    ["proposed-fix", "P9", 4],
  ];
  it.each(checks)("%s %s (seed %i): the outcome with three lanes is the one-lane outcome, statistics and shrunk case included", async (variant, id, seed) => {
    const opts = { seed, runs: 300, maxSteps: 30 };
    const one = await checkProperty(PROPERTIES[id], portTarget(variant), opts);
    const three = await checkProperty(PROPERTIES[id], portTarget(variant), { ...opts, lanes: [portTarget(variant), portTarget(variant)] });
    expect(three).toEqual(one);
  });
});
