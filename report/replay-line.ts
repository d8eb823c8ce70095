// Why: the replay line is pasted into a shell: every argument is quoted where it needs to be, and it names exactly the options that made the run.

import type { AuditPlan } from "../engine/audit.js";
import type { Failed } from "../engine/outcome.js";

/** `arg` as one shell word: unchanged when it is safe, single-quoted otherwise. */
export const shellQuote = (arg: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

/** `npx pflash-audit` and the words, quoted. */
export const command = (...words: readonly string[]): string => ["npx", "pflash-audit", ...words.map(shellQuote)].join(" ");

/** The command that replays a failure: the generated path, or the corpus file. */
export function replayCommand(o: Failed, target: { readonly spec: string; readonly peer?: string }, plan: AuditPlan): string {
  const spec = target.spec;
  const peer = target.peer === undefined ? [] : ["--peer", target.peer];
  if (o.corpusFile !== undefined) return command("replay", o.corpusFile, "--target", spec, ...peer);
  const storage = plan.storage ? ["--storage", plan.storage.join(",")] : [];
  const size = plan.flashSize === undefined ? [] : ["--flash-size", plan.flashSizeText ?? String(plan.flashSize)];
  const workload = plan.workload === undefined ? [] : ["--workload", plan.workload.file];
  const snapshots = plan.snapshots ? ["--snapshots"] : [];
  return command("run", "--target", spec, ...peer, "--property", o.property.id, "--seed", String(o.seed), "--max-steps", String(plan.maxSteps), ...storage, ...size, ...snapshots, ...workload, "--path", o.path);
}
