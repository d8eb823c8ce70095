// Why: an audit is every chosen property checked on one target with one seed, corpus first; this is the pure core the CLI renders.

import { PROPERTIES, type PropertyId } from "./catalogue.js";
import { checkProperty, runCase, type PropertyOutcome } from "./check.js";
import { caseOf, type CorpusEntry } from "./corpus.js";
import { checkOptionsOf, type Budget } from "./budget.js";
import type { TargetFactory } from "./target.js";

/** What to audit and how hard. */
export interface AuditPlan extends Budget {
  readonly properties: readonly PropertyId[];
}

/** A corpus entry with the file it came from. */
export interface CorpusFile {
  readonly file: string;
  readonly entry: CorpusEntry;
}

/** Every property's outcome on one target. */
export interface AuditResult {
  readonly target: { readonly spec: string; readonly description: string };
  readonly plan: AuditPlan;
  /** Corpus files replayed before the generated runs, in the order given. */
  readonly corpusReplayed: readonly string[];
  readonly outcomes: readonly PropertyOutcome[];
}

/** Replays the corpus entries for `id`; the first one that still fails is the property's outcome. */
async function replayCorpus(id: PropertyId, factory: TargetFactory, corpus: readonly CorpusFile[]): Promise<PropertyOutcome | null> {
  for (const { file, entry } of corpus) {
    if (entry.property !== id) continue;
    const c = caseOf(entry);
    if (!(factory.accepts?.(c.boot, c.ops) ?? true)) continue;
    const trace = await runCase(id, factory, c);
    if (trace.violation) return { id, status: "failed", runs: 0, seed: 0, path: "", shrinks: 0, case: c, trace, corpusFile: file };
  }
  return null;
}

/**
 * Runs the plan property by property: the corpus entries for a property first (a known bug is
 * reported without generating anything), then the generated sequences. `progress` hears each
 * outcome as it is decided.
 */
export async function runAudit(
  factory: TargetFactory,
  plan: AuditPlan,
  corpus: readonly CorpusFile[] = [],
  progress?: { run?: (id: PropertyId, done: number, failed: boolean) => void; decided?: (o: PropertyOutcome) => void },
): Promise<AuditResult> {
  const outcomes: PropertyOutcome[] = [];
  const replayable = plan.path === undefined ? corpus.filter((c) => plan.properties.includes(c.entry.property)) : [];
  for (const id of plan.properties) {
    if (factory.unobservable?.includes(id)) {
      const o: PropertyOutcome = { id, status: "unobservable", runs: 0 };
      outcomes.push(o);
      progress?.decided?.(o);
      continue;
    }
    const known = await replayCorpus(id, factory, replayable);
    const o =
      known ??
      (await checkProperty(id, factory, {
        ...checkOptionsOf(plan),
        ...(progress?.run ? { onRun: (done: number, failed: boolean) => progress.run?.(id, done, failed) } : {}),
      }));
    outcomes.push(o);
    progress?.decided?.(o);
  }
  return { target: { spec: factory.spec, description: factory.description }, plan, corpusReplayed: replayable.map((c) => c.file), outcomes };
}

/** True when a property that counts (not advisory) failed. */
export const auditFailed = (r: AuditResult): boolean => r.outcomes.some((o) => o.status === "failed" && !PROPERTIES[o.id].advisory);
