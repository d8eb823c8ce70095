// Why: n CI machines each run one shard of an audit (--shard k/n); their JSON reports merge back into the report the unsharded run prints, byte for byte.

import { verdictOf } from "../engine/audit.js";
import type { Report } from "./model.js";

/** Shard reports that do not make one run; the message says which and why. */
export class MergeError extends Error {
  override readonly name = "MergeError";
}

const shardOf = (r: Report, file: string): [number, number] => {
  const m = /^(\d+)\/(\d+)$/.exec(r.plan?.shard ?? "");
  if (!m) throw new MergeError(`${file} is not a shard of a run (it has no plan.shard: run it with --shard k/n)`);
  return [Number(m[1]), Number(m[2])];
};

/** `plan` without its shard, as text: what every shard of one run shares. */
const sameRun = (r: Report): string => JSON.stringify({ harness: r.harness, target: r.target, plan: { ...r.plan, shard: null } });

/**
 * The unsharded report of the run whose shards are `shards` (each with the file it came from):
 * every shard of 1..n exactly once, of the same run (harness, target, plan). Shard k holds the
 * properties at positions k-1, k-1+n, ... of the run's list, so the merge puts them back there.
 */
export function mergeShards(shards: readonly { readonly file: string; readonly report: Report }[]): Report {
  const first = shards[0];
  if (!first) throw new MergeError("merge needs the JSON reports of a run's shards");
  const [, count] = shardOf(first.report, first.file);
  const byIndex = new Map<number, { file: string; report: Report }>();
  for (const s of shards) {
    const [k, n] = shardOf(s.report, s.file);
    if (n !== count) throw new MergeError(`${s.file} is shard ${k}/${n}, ${first.file} is of ${count} shards`);
    if (sameRun(s.report) !== sameRun(first.report)) throw new MergeError(`${s.file} is from another run than ${first.file} (harness, target or plan differ)`);
    const other = byIndex.get(k);
    if (other) throw new MergeError(`shard ${k}/${count} is given twice (${other.file} and ${s.file})`);
    byIndex.set(k, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? "s" : ""} ${missing.map((k) => `${k}/${count}`).join(", ")} missing: every shard of the run is needed`);
  // Each property back at its position in the run's list, with the corpus files its shard replayed for it.
  const placed = [...byIndex].flatMap(([k, s]) => s.report.properties.map((p, j) => ({ at: k - 1 + j * count, p, files: s.report.corpus.byProperty[p.id] })));
  placed.sort((a, b) => a.at - b.at);
  const properties = placed.map((x) => x.p);
  const byProperty: Record<string, readonly string[]> = {};
  for (const { p, files } of placed) if (files !== undefined) byProperty[p.id] = files;
  const interrupted = [...byIndex.values()].some((s) => s.report.interrupted);
  return {
    ...first.report,
    plan: first.report.plan === null ? null : { ...first.report.plan, shard: null },
    corpus: { replayed: Object.values(byProperty).flat(), byProperty },
    verdict: verdictOf(properties, interrupted),
    interrupted,
    properties,
  };
}
