// Why: --jobs N runs a plan as N shards in child processes, one per core, and merges their reports: the output is the one-process run's by construction (report/merge.ts).

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Command } from "./args.js";
import { UsageError } from "./args.js";
import { mergeShards } from "../report/merge.js";
import type { Report } from "../report/model.js";
import { parseSavedReport } from "../report/parse.js";
import { trackPid, untrackPid } from "../targets/qemu/reaper.js";

type Run = Extract<Command, { kind: "run" }>;

const BIN = fileURLToPath(new URL("../bin/pflash-audit.js", import.meta.url));

/** The arguments of shard `k` of `n` of `cmd`: everything that decides the run, its seed resolved, as JSON on stdout. */
export function shardArgs(cmd: Run, k: number, n: number): string[] {
  const opt = (flag: string, v: string | number | undefined): string[] => (v === undefined ? [] : [flag, String(v)]);
  return [
    "run", "--target", cmd.target, ...opt("--peer", cmd.peer), "--property", cmd.properties.join(","),
    "--seed", String(cmd.seed), ...opt("--runs", cmd.runs), "--max-steps", String(cmd.maxSteps),
    ...opt("--storage", cmd.storage?.join(",")), ...opt("--flash-size", cmd.flashSizeText), ...opt("--min-coverage", cmd.minCoverage),
    ...opt("--time-limit", cmd.timeLimit), ...opt("--workload", cmd.workload), ...opt("--save", cmd.save), ...(cmd.snapshots ? ["--snapshots"] : []),
    ...(cmd.corpus.kind === "none" ? ["--no-corpus"] : cmd.corpus.kind === "folder" ? ["--corpus", cmd.corpus.path] : []),
    ...(cmd.verbose ? ["--verbose"] : []),
    "--shard", `${k}/${n}`, "--format", "json",
  ];
}

/** A shard that ended in a usage, setup or harness error: its exit code and its last line, which the parent repeats. */
export class ShardError extends Error {
  override readonly name = "ShardError";
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Runs shard `k` of `n`; its progress goes to our stderr, its JSON report comes back. */
function runShard(cmd: Run, k: number, n: number, children: Set<ReturnType<typeof spawn>>): Promise<{ file: string; report: Report }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...shardArgs(cmd, k, n)], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } });
    children.add(child);
    if (child.pid !== undefined) trackPid(child.pid);
    let [out, err] = ["", ""];
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      err += d;
      process.stderr.write(d);
    });
    child.on("close", (code) => {
      children.delete(child);
      if (child.pid !== undefined) untrackPid(child.pid);
      if (code !== 0 && code !== 1 && code !== 4) {
        const last = err.trim().split("\n").at(-1)?.replace(/^pflash-audit: /, "") ?? "";
        reject(new ShardError(`shard ${k}/${n} ended with exit ${code ?? "by a signal"}${last ? `: ${last}` : ""}`, code ?? 130));
        return;
      }
      try {
        const saved = parseSavedReport(out, `shard ${k}/${n}`);
        if (saved.kind !== "audit") throw new Error("not an audit report");
        resolve({ file: `shard ${k}/${n}`, report: saved.report });
      } catch (e) {
        reject(new ShardError(`shard ${k}/${n} printed no report (${e instanceof Error ? e.message : String(e)})`, 3));
      }
    });
  });
}

/**
 * The report of `cmd` run as `jobs` shards at once (at most one per property). The children are the
 * reaper's (targets/qemu/reaper.ts): if this process is interrupted or exits, they are killed, and
 * each one's launcher takes its QEMUs and folders with it, so no child outlives the run.
 */
export async function runInJobs(cmd: Run, jobs: number): Promise<Report> {
  if (cmd.path !== undefined) throw new UsageError("--path replays one property's counterexample: --jobs does not apply");
  const n = Math.min(jobs, cmd.properties.length);
  const children = new Set<ReturnType<typeof spawn>>();
  const stop = (): void => {
    for (const c of children) c.kill("SIGTERM");
  };
  try {
    const shards = await Promise.all(Array.from({ length: n }, (_, i) => runShard(cmd, i + 1, n, children)));
    const merged = mergeShards(shards);
    // A random seed was drawn here and handed to every shard as a number: the report says it was random.
    return merged.plan === null || !cmd.seedRandom ? merged : { ...merged, plan: { ...merged.plan, seedRandom: true } };
  } finally {
    stop();
  }
}
