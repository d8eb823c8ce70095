// Why: the thin command-line edge: parse, run the pure core, render, write, exit with the code the pure function picks.

import { join } from "node:path";
import { parseArgs, UsageError, type Command, type Format } from "./args.js";
import { exitCode, type Ending, type ExitCode } from "./exit-code.js";
import { helpText } from "./help.js";
import { checkSaveFolder, checkWritableFile, loadCorpus, prepareSaveFolder, readText, writeText } from "./io.js";
import { progress } from "./progress.js";
import type { StorageMode } from "../model/index.js";
import { runAudit, type AuditResult } from "../properties/audit.js";
import type { TargetFactory } from "../properties/target.js";
import { PROPERTIES } from "../properties/catalogue.js";
import { entryOf, parseCorpusEntry, serializeEntry, CorpusError } from "../properties/corpus.js";
import { PlanError } from "../properties/check.js";
import { checkDiff } from "../properties/diff.js";
import { checkOptionsOf } from "../properties/budget.js";
import { replayOutcome } from "../properties/replay.js";
import { buildDiffReport, renderDiffMarkdown, renderDiffText } from "../properties/report/diff.js";
import { renderMarkdown } from "../properties/report/markdown.js";
import { buildReport } from "../properties/report/model.js";
import { renderText } from "../properties/report/text.js";
import { reproducerSource } from "../properties/reproducer.js";
import { openTarget, TargetSpecError } from "../properties/targets.js";
import { QemuSetupError } from "../qemu/binary.js";
import { variantTable, variantTableMarkdown, variantTableText } from "../properties/variant-table.js";

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Writes a report: to stdout in `format`, or to the --report file in `format` with text on stdout. */
function emit(cmd: { format: Format; report?: string }, render: (f: Format) => string): void {
  if (cmd.report === undefined) {
    process.stdout.write(render(cmd.format));
    return;
  }
  writeText(cmd.report, render(cmd.format));
  process.stdout.write(render("text"));
}

function renderAudit(r: AuditResult, f: Format): string {
  const report = buildReport(r);
  return f === "json" ? json(report) : f === "markdown" ? renderMarkdown(report) : renderText(report);
}

/** Refuses a plan the target cannot run: storage modes it lacks, flashes larger than it takes. */
function checkLimits(factory: TargetFactory, plan: { storage?: readonly StorageMode[]; flashSize?: number }): void {
  const l = factory.limits;
  if (!l) return;
  const missing = plan.storage?.filter((m) => !l.storage.includes(m)) ?? [];
  if (missing.length > 0) throw new UsageError(`${l.why} cannot do storage mode ${missing.join(", ")} (block migration was removed in QEMU 9.1)`);
  if (plan.flashSize !== undefined && plan.flashSize > l.maxFlashSize) throw new UsageError(`--flash-size ${plan.flashSize} is more than ${factory.spec} takes (${l.maxFlashSize} bytes)`);
  if (plan.storage === undefined && l.storage.length < 4) process.stderr.write(`note: ${l.why} has no block migration; storage modes ${l.storage.join(", ")} only\n`);
}

/** --save: a corpus entry and a vitest file per generated failure. */
function save(dir: string, r: AuditResult): void {
  const failures = r.outcomes.filter((o) => o.status === "failed" && o.corpusFile === undefined && !PROPERTIES[o.id].advisory);
  if (failures.length === 0) return;
  const importBase = prepareSaveFolder(dir);
  for (const o of failures) {
    if (o.status !== "failed") continue;
    const entry = entryOf(o, r.target.spec, `${o.id} ${PROPERTIES[o.id].title} on ${r.target.spec}: ${o.trace.violation?.message ?? ""}`);
    const base = join(dir, `${r.target.spec.replace(/[^A-Za-z0-9.]+/g, "-")}-${o.id}`);
    writeText(`${base}.json`, serializeEntry(entry));
    writeText(`${base}.test.ts`, reproducerSource(entry, r.target.spec, importBase));
    process.stderr.write(`saved ${base}.json and ${base}.test.ts\n`);
  }
}

async function execute(cmd: Command): Promise<Ending> {
  if (cmd.kind === "help") {
    process.stdout.write(`${helpText(cmd.topic)}\n`);
    return { kind: "done" };
  }
  if (cmd.report !== undefined) checkWritableFile(cmd.report);
  switch (cmd.kind) {
    case "variants": {
      const rows = await variantTable(loadCorpus("corpus"));
      emit(cmd, (f) => (f === "json" ? json({ schema: "pflash-audit/variants", version: 1, variants: rows }) : f === "markdown" ? variantTableMarkdown(rows) : variantTableText(rows)));
      return { kind: "done" };
    }
    case "replay": {
      const entry = parseCorpusEntry(readText(cmd.file), cmd.file);
      const factory = await openTarget(cmd.target ?? entry.foundOn);
      const outcome = await replayOutcome(entry, cmd.file, factory);
      const plan = { properties: [entry.property], seed: 0, runs: 1, maxSteps: entry.ops.length };
      const result: AuditResult = { target: { spec: factory.spec, description: factory.description }, plan, corpusReplayed: [cmd.file], outcomes: [outcome] };
      emit(cmd, (f) => renderAudit(result, f));
      return { kind: "audit", result };
    }
    case "diff": {
      const a = await openTarget(cmd.target);
      const b = await openTarget(cmd.baseline ?? a.matchingPort ?? "");
      checkLimits(a, cmd);
      checkLimits(b, cmd);
      const outcome = await checkDiff(a, b, checkOptionsOf(cmd));
      const report = buildDiffReport(outcome, a.spec, b.spec, { seed: cmd.seed, runs: cmd.runs, maxSteps: cmd.maxSteps });
      emit(cmd, (f) => (f === "json" ? json(report) : f === "markdown" ? renderDiffMarkdown(report) : renderDiffText(report)));
      return { kind: "diff", outcome };
    }
    case "run": {
      if (cmd.save !== undefined) checkSaveFolder(cmd.save);
      const corpus = loadCorpus(cmd.corpus);
      const factory = await openTarget(cmd.target);
      checkLimits(factory, cmd);
      const { kind: _k, target: _t, corpus: _c, save: _s, format: _f, report: _r, ...plan } = cmd;
      const result = await runAudit(factory, plan, corpus, progress(process.stderr, cmd.runs, () => performance.now()));
      emit(cmd, (f) => renderAudit(result, f));
      if (cmd.save !== undefined) save(cmd.save, result);
      return { kind: "audit", result };
    }
  }
}

/** Runs the CLI on `argv` and returns the exit code; every expected error is one line on stderr. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  try {
    return exitCode(await execute(parseArgs(argv)));
  } catch (e) {
    if (e instanceof UsageError || e instanceof CorpusError || e instanceof TargetSpecError || e instanceof PlanError || (e instanceof QemuSetupError && e.kind === "bad-input")) {
      process.stderr.write(`pflash-audit: ${e.message}\n`);
      return exitCode({ kind: "usage" });
    }
    if (e instanceof QemuSetupError) {
      process.stderr.write(`pflash-audit: ${e.message}\n`);
      return exitCode({ kind: "crash" });
    }
    process.stderr.write(`pflash-audit: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return exitCode({ kind: "crash" });
  }
}

process.exitCode = await main(process.argv.slice(2));
