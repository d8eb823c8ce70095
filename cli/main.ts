// Why: the thin command-line edge: parse, wire the library together, render, write, exit with the code the pure function picks.

import { randomInt } from "node:crypto";
import { chmodSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs, UsageError, type Command, type Format } from "./args.js";
import { exitCode, type Ending, type ExitCode } from "./exit-code.js";
import { helpText } from "./help.js";
import { checkSaveFolder, checkWritableFile, displayPath, loadCorpus, readText, VERSION, writeSaved, writeText } from "./io.js";
import { progress } from "./progress.js";
import { isWorkloadText, record, replayWorkloadFile } from "./workload.js";
import { runAudit, targetOf, type AuditResult } from "../engine/audit.js";
import { checkOptionsOf, runsFor } from "../engine/budget.js";
import { PlanError } from "../engine/check.js";
import { checkDiff } from "../engine/diff.js";
import type { PropertyOutcome } from "../engine/outcome.js";
import { checkPlan } from "../engine/plan.js";
import { propertiesOf } from "../properties/index.js";
import { parseWorkload, recordedWorkload, WorkloadError } from "../replay/workload.js";

/** Sequences per property around a workload when the user does not say: each runs a whole firmware boot. */
const WORKLOAD_RUNS = 100;
import { CorpusError, knownCaseOf, parseCorpusEntry, type CorpusEntry } from "../replay/corpus.js";
import { replayEntryAudit } from "../replay/replay.js";
import { variantTable } from "../replay/variant-table.js";
import { reproducerOf } from "../reproducer/of-failure.js";
import { buildDiffReport, renderDiffMarkdown, renderDiffText, type DiffReport } from "../report/diff.js";
import { renderMarkdown } from "../report/markdown.js";
import { parseSavedReport, ReportFileError } from "../report/parse.js";
import { MergeError, mergeShards } from "../report/merge.js";
import { runInJobs, ShardError } from "./jobs.js";
import { buildReport, type Report } from "../report/model.js";
import { renderText } from "../report/text.js";
import { variantsJson, variantTableMarkdown, variantTableText } from "../report/variants.js";
import { QemuSetupError } from "../targets/qemu/binary.js";
import { openTarget, targetKind, TargetSpecError } from "../targets/open.js";

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const say = (line: string): void => void process.stderr.write(`pflash-audit: ${line}\n`);

/** Prints the report: text on stdout (or the chosen format when there is no --report file), then the file; a file that cannot be written loses nothing printed. */
function emit(cmd: { format: Format; report?: string }, render: (f: Format) => string): void {
  process.stdout.write(render(cmd.report === undefined ? cmd.format : "text"));
  if (cmd.report !== undefined) writeText(cmd.report, render(cmd.format));
}

/** An audit report in format `f`. */
const renderReport = (r: Report, f: Format): string => (f === "json" ? json(r) : f === "markdown" ? renderMarkdown(r) : renderText(r));

/** A diff report in format `f`. */
const renderDiff = (d: DiffReport, f: Format): string => (f === "json" ? json(d) : f === "markdown" ? renderDiffMarkdown(d) : renderDiffText(d));

const renderAudit = (r: AuditResult, f: Format): string => renderReport(buildReport(r, VERSION), f);

/** On Ctrl-C: the verdicts reached so far, in text, marked as interrupted; then exit 130 (the reaper cleans up on exit). */
function onInterrupt(partial: () => AuditResult | null, clear: () => void): void {
  process.once("SIGINT", () => {
    clear();
    const r = partial();
    process.stdout.write(r ? renderText(buildReport({ ...r, interrupted: true }, VERSION)) : "interrupted\n");
    process.exit(exitCode({ kind: "interrupted" }));
  });
}

async function execute(cmd: Command): Promise<Ending> {
  if (cmd.kind === "help" || cmd.kind === "version") {
    process.stdout.write(`${cmd.kind === "help" ? helpText(cmd.topic) : `pflash-audit ${VERSION}`}\n`);
    return { kind: "done" };
  }
  if (cmd.kind === "record") return record(cmd);
  if (cmd.kind === "reproducer") return reproducer(cmd);
  if (cmd.report !== undefined) checkWritableFile(cmd.report);
  switch (cmd.kind) {
    case "variants": {
      const rows = await variantTable(loadCorpus({ kind: "project" }));
      emit(cmd, (f) => (f === "json" ? json(variantsJson(rows)) : f === "markdown" ? variantTableMarkdown(rows) : variantTableText(rows)));
      return { kind: "done" };
    }
    case "replay": {
      const file = displayPath(cmd.file);
      const text = readText(cmd.file);
      if (isWorkloadText(text)) return replayWorkloadFile(cmd.file, text, cmd.target, cmd);
      const entry = parseCorpusEntry(text, file);
      const result = await replayEntryAudit(entry, file, await openTarget(cmd.target ?? entry.foundOn, replayPeer(cmd.target, cmd.peer, entry)));
      emit(cmd, (f) => renderAudit(result, f));
      return { kind: "audit", result };
    }
    case "merge": {
      const shards = cmd.files.map((f) => {
        const saved = parseSavedReport(readText(f), displayPath(f));
        if (saved.kind !== "audit") throw new UsageError(`${displayPath(f)} is a diff report: merge combines the shards of a run`);
        return { file: displayPath(f), report: saved.report };
      });
      const merged = mergeShards(shards);
      emit(cmd, (f) => renderReport(merged, f));
      return { kind: "saved", verdict: merged.interrupted ? "incomplete" : merged.verdict };
    }
    case "report": {
      const saved = parseSavedReport(readText(cmd.file), cmd.file);
      if (saved.kind === "audit") {
        const r = saved.report;
        emit(cmd, (f) => renderReport(r, f));
        return { kind: "saved", verdict: r.interrupted ? "incomplete" : r.verdict };
      }
      const d = saved.report;
      emit(cmd, (f) => renderDiff(d, f));
      return { kind: "saved", verdict: d.verdict };
    }
    case "diff": {
      const a = await openTarget(cmd.target, cmd.peer);
      const baseline = cmd.baseline ?? a.matchingPort ?? "";
      // The baseline crosses versions as the target does: a port baseline's peer is the port variant matching the target's peer.
      if (a.peer !== undefined && targetKind(baseline) !== targetKind(a.spec) && !(targetKind(baseline) === "impl" && a.matchingPeer !== undefined)) {
        throw new UsageError(`diff --peer needs a baseline of the target's kind, or a port baseline for a qemu: target; ${baseline} cannot be given the peer ${a.peer}`);
      }
      const b = await openTarget(baseline, a.peer === undefined ? undefined : targetKind(baseline) === "impl" ? (a.matchingPeer ?? a.peer) : a.peer);
      for (const note of [...checkPlan(a, cmd), ...checkPlan(b, cmd)]) process.stderr.write(`note: ${note}\n`);
      const runs = runsFor(a.defaultRuns === undefined ? b : a, cmd.runs);
      const show = progress(process.stderr, { total: runs, clock: () => performance.now(), verbose: cmd.verbose });
      onInterrupt(() => null, show.clear);
      const outcome = await checkDiff(a, b, { ...checkOptionsOf({ ...cmd, runs }), onEvent: (e) => show.diff(e) });
      show.clear();
      const plan = { seed: cmd.seed, seedRandom: cmd.seedRandom ?? false, runs, maxSteps: cmd.maxSteps, storage: cmd.storage ?? null, flashSize: cmd.flashSizeText ?? null, path: cmd.path ?? null, snapshots: cmd.snapshots ?? false };
      const report = buildDiffReport(outcome, a.spec, b.spec, plan, a.peer !== undefined && b.peer !== undefined ? { target: a.peer, baseline: b.peer } : undefined);
      emit(cmd, (f) => renderDiff(report, f));
      return { kind: "diff", outcome };
    }
    case "run": {
      if (cmd.save !== undefined) checkSaveFolder(cmd.save);
      const known = loadCorpus(cmd.corpus).map(knownCaseOf);
      const factory = await openTarget(cmd.target, cmd.peer);
      // --jobs on a port: the shards print the plan's notes and progress; the merge is the one-process run's report.
      const jobs = cmd.jobs ?? (factory.parallel ? availableParallelism() : 1);
      if (!factory.parallel && jobs > 1 && cmd.shard === undefined) {
        const merged = await runInJobs(cmd, jobs);
        emit(cmd, (f) => renderReport(merged, f));
        return { kind: "saved", verdict: merged.interrupted ? "incomplete" : merged.verdict };
      }
      for (const note of checkPlan(factory, cmd)) process.stderr.write(`note: ${note}\n`);
      const { kind: _k, target: _t, corpus: _c, save: _s, format: _f, report: _r, verbose: _v, workload: _w, jobs: _j, properties, ...asked } = cmd;
      if (cmd.shard !== undefined && cmd.shard.count > properties.length) throw new UsageError(`--shard ${cmd.shard.index}/${cmd.shard.count}: the run has ${properties.length} ${properties.length === 1 ? "property" : "properties"} to share out, so at most ${properties.length} shards`);
      const workload = cmd.workload === undefined ? {} : { workload: { file: displayPath(cmd.workload), recorded: recordedWorkload(parseWorkload(readText(cmd.workload), displayPath(cmd.workload))) } };
      const plan = { ...asked, runs: runsFor(factory, cmd.runs ?? (cmd.workload === undefined ? undefined : WORKLOAD_RUNS)), properties: shardOfPlan(propertiesOf(properties), cmd.shard), ...workload };
      const decided: PropertyOutcome[] = [];
      const show = progress(process.stderr, { total: plan.runs, clock: () => performance.now(), verbose: cmd.verbose });
      const spec = targetOf(factory);
      onInterrupt(() => ({ target: spec, plan, corpusReplayed: [], outcomes: decided }), show.clear);
      // On a parallel target (QEMU) the lanes run sequences side by side in this process, each with processes of its own.
      const result = await runAudit(factory, plan, known, { event: show.event, decided: (o) => (decided.push(o), show.decided(o)) }, factory.parallel ? jobs : 1);
      emit(cmd, (f) => renderAudit(result, f));
      if (cmd.save !== undefined) for (const line of writeSaved(cmd.save, result)) process.stderr.write(`${line}\n`);
      return { kind: "audit", result };
    }
  }
}

/** The properties shard `shard` of a run checks: positions index-1, index-1+count, ... of the run's list (report/merge.ts puts them back). */
const shardOfPlan = <T>(all: readonly T[], shard: { index: number; count: number } | undefined): T[] => (shard === undefined ? [...all] : all.filter((_, i) => i % shard.count === shard.index - 1));

/** `reproducer FILE`: replays the entry (on the target it was found on, by default) and writes the standalone script of the failure. */
async function reproducer(cmd: Extract<Command, { kind: "reproducer" }>): Promise<Ending> {
  if (cmd.out !== undefined) checkWritableFile(cmd.out);
  const file = displayPath(cmd.file);
  const entry = parseCorpusEntry(readText(cmd.file), file);
  const on = cmd.target ?? entry.foundOn;
  const result = await replayEntryAudit(entry, file, await openTarget(on, replayPeer(cmd.target, cmd.peer, entry)));
  const o = result.outcomes[0];
  if (o?.status !== "failed" && o?.status !== "crashed") {
    say(`${file} does not fail on ${on} (${o?.status ?? "nothing ran"}): there is no counterexample to write`);
    return { kind: "reproducer", written: false };
  }
  const script = reproducerOf(o, result.target, VERSION);
  if (script.kind === "none") {
    say(`no standalone reproducer for ${file}: ${script.why}`);
    return { kind: "reproducer", written: false };
  }
  if (cmd.out === undefined) process.stdout.write(script.text);
  else {
    writeText(cmd.out, script.text);
    chmodSync(cmd.out, 0o755);
    say(`wrote ${cmd.out}: run it as python3 ${cmd.out}${entry.peer === undefined && result.target.peer === undefined ? " [QEMU]" : " QEMU PEER"}`);
  }
  return { kind: "reproducer", written: true };
}

/**
 * The peer a replay runs with: the one given, else the entry's own when it is replayed where it was
 * found or on a target of the same kind; an entry found across versions replayed on another kind of
 * target needs --peer.
 */
function replayPeer(target: string | undefined, peer: string | undefined, entry: CorpusEntry): string | undefined {
  if (peer !== undefined || entry.peer === undefined) return peer;
  const on = target ?? entry.foundOn;
  if (targetKind(on) === targetKind(entry.peer)) return entry.peer;
  throw new UsageError(`this entry was found with peer ${entry.peer} on hosts B and C: replaying it on ${on} needs --peer (a ${targetKind(on)}: target of the peer's version)`);
}

/** Runs the CLI on `argv` and returns the exit code; every expected error is one line on stderr. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  try {
    return exitCode(await execute(parseArgs(argv, { randomSeed: () => randomInt(0, 2 ** 31) })));
  } catch (e) {
    if (e instanceof UsageError || e instanceof CorpusError || e instanceof WorkloadError || e instanceof ReportFileError || e instanceof MergeError || e instanceof TargetSpecError || e instanceof PlanError || (e instanceof QemuSetupError && e.kind === "bad-input")) {
      say(e.message);
      return exitCode({ kind: "usage" });
    }
    if (e instanceof ShardError) {
      say(e.message);
      return e.code === 2 ? 2 : e.code === 130 ? 130 : 3;
    }
    if (e instanceof QemuSetupError) {
      say(e.message);
      return exitCode({ kind: "crash" });
    }
    say(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return exitCode({ kind: "crash" });
  }
}

process.exitCode = await main(process.argv.slice(2));
