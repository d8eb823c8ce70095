// Why: runs a property's generated cases on several targets at once (one per --jobs lane) and reads the results in generation order, so the outcome is the one-lane run's exactly.

import type { Case } from "./case.js";
import type { RunTrace } from "./sequence.js";
import type { TargetFactory } from "./target.js";

/** What one generated case came to: left out (the target cannot run it, or it ended in a known crash), passed, or failed. */
export type Judgement = { readonly kind: "filtered" | "known-crash" } | { readonly kind: "passed" | "failed"; readonly trace: RunTrace };

/** What a scan needs: the lanes, the cases in generation order, how to judge one, and when to stop. */
export interface ScanPlan {
  /** One factory per lane; each runs one case at a time. */
  readonly lanes: readonly TargetFactory[];
  /** The first `n` generated cases (the same prefix for every n). */
  cases(n: number): readonly Case[];
  judge(lane: TargetFactory, c: Case): Promise<Judgement>;
  /** Passing cases that end the scan. */
  readonly runs: number;
  /** More cases left out than this: the scan gives up (fast-check's maxSkipsPerRun times runs). */
  readonly maxSkips: number;
  /** Stop taking new cases once this returns true (a time limit). */
  readonly stopped?: () => boolean;
  /** Hears each judgement in generation order, up to and without the first failure. */
  commit(c: Case, j: Judgement): void;
}

/** How a scan ended: the index of the first failing case, or the skips when it gave up, or neither (enough passed, or stopped). */
export interface ScanResult {
  readonly failedAt?: number;
  readonly gaveUp?: number;
  readonly stopped: boolean;
}

/**
 * Hands cases to free lanes in generation order, keeps the judgements that come back, and commits
 * them in order: the scan ends at the first failure (once every earlier case is judged), at `runs`
 * passes, or when too many were left out. Cases judged past the end are dropped, never committed.
 */
export async function scan(plan: ScanPlan): Promise<ScanResult> {
  let generated: readonly Case[] = [];
  const caseAt = (i: number): Case => {
    if (i >= generated.length) generated = plan.cases(Math.max(2 * generated.length, i + 1, plan.runs + plan.lanes.length));
    return generated[i]!;
  };
  const judged = new Map<number, Judgement>();
  const busy = new Set<Promise<void>>();
  let [next, committed, passed, skipped, firstFailure] = [0, 0, 0, 0, Infinity];
  let error: { readonly e: unknown } | null = null;
  let end: ScanResult | null = plan.runs > 0 ? null : { stopped: false };
  const free = [...plan.lanes];
  while (end === null) {
    // Nothing past a failure is needed: every case before it decides whether it is the first.
    while (free.length > 0 && next < firstFailure && error === null && !(plan.stopped?.() ?? false)) {
      const [lane, i] = [free.pop()!, next++];
      const p: Promise<void> = plan.judge(lane, caseAt(i)).then(
        (j) => {
          judged.set(i, j);
          if (j.kind === "failed") firstFailure = Math.min(firstFailure, i);
        },
        (e: unknown) => {
          error ??= { e };
        },
      ).finally(() => {
        busy.delete(p);
        free.push(lane);
      });
      busy.add(p);
    }
    if (busy.size === 0) {
      end = { stopped: true };
      break;
    }
    await Promise.race(busy);
    if (error !== null) {
      await Promise.all(busy);
      throw (error as { readonly e: unknown }).e;
    }
    for (let j = judged.get(committed); j !== undefined && end === null; j = judged.get(committed)) {
      judged.delete(committed);
      if (j.kind === "failed") end = { failedAt: committed, stopped: false };
      else {
        plan.commit(caseAt(committed), j);
        if (j.kind === "passed") passed++;
        else skipped++;
        if (passed === plan.runs) end = { stopped: false };
        else if (skipped > plan.maxSkips) end = { gaveUp: skipped, stopped: false };
      }
      committed++;
    }
  }
  // The lanes still running finish their case before the targets are handed back.
  await Promise.all(busy);
  return end;
}
