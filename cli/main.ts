// Why: the thin command-line edge: parse, wire the library together, render, write, exit with the code the pure function picks.

import { join } from "node:path";
import { parseArgs, UsageError, type Command, type Format } from "./args.js";
import { exitCode, type Ending, type ExitCode } from "./exit-code.js";
import { helpText } from "./help.js";
import { checkSaveFolder, checkWritableFile, loadCorpus, prepareSaveFolder, readText, writeText } from "./io.js";
import { progress } from "./progress.js";
import { runAudit, type AuditResult } from "../engine/audit.js";
import { checkOptionsOf } from "../engine/budget.js";
import { PlanError } from "../engine/check.js";
import { checkDiff } from "../engine/diff.js";
import { checkPlan } from "../engine/plan.js";
import type { TargetFactory } from "../engine/target.js";
import { propertiesOf } from "../properties/index.js";
import { CorpusError, knownCaseOf, parseCorpusEntry } from "../replay/corpus.js";
import { replayEntryAudit } from "../replay/replay.js";
import { savedFailures } from "../replay/save.js";
import { variantTable } from "../replay/variant-table.js";
import { buildDiffReport, renderDiffMarkdown, renderDiffText } from "../report/diff.js";
import { renderMarkdown } from "../report/markdown.js";
import { buildReport } from "../report/model.js";
import { renderText } from "../report/text.js";
import { variantsJson, variantTableMarkdown, variantTableText } from "../report/variants.js";
import { QemuSetupError } from "../targets/qemu/binary.js";
import { openTarget, TargetSpecError } from "../targets/open.js";

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

/** Opens a target and says what the plan will leave out on it. */
async function openFor(spec: string, plan: Parameters<typeof checkPlan>[1]): Promise<TargetFactory> {
  const factory = await openTarget(spec);
  for (const note of checkPlan(factory, plan)) process.stderr.write(`note: ${note}\n`);
  return factory;
}

async function execute(cmd: Command): Promise<Ending> {
  if (cmd.kind === "help") {
    process.stdout.write(`${helpText(cmd.topic)}\n`);
    return { kind: "done" };
  }
  if (cmd.report !== undefined) checkWritableFile(cmd.report);
  switch (cmd.kind) {
    case "variants": {
      const rows = await variantTable(loadCorpus({ kind: "project" }));
      emit(cmd, (f) => (f === "json" ? json(variantsJson(rows)) : f === "markdown" ? variantTableMarkdown(rows) : variantTableText(rows)));
      return { kind: "done" };
    }
    case "replay": {
      const entry = parseCorpusEntry(readText(cmd.file), cmd.file);
      const result = await replayEntryAudit(entry, cmd.file, await openTarget(cmd.target ?? entry.foundOn));
      emit(cmd, (f) => renderAudit(result, f));
      return { kind: "audit", result };
    }
    case "diff": {
      const a = await openTarget(cmd.target);
      const b = await openTarget(cmd.baseline ?? a.matchingPort ?? "");
      for (const note of [...checkPlan(a, cmd), ...checkPlan(b, cmd)]) process.stderr.write(`note: ${note}\n`);
      const outcome = await checkDiff(a, b, checkOptionsOf(cmd));
      const report = buildDiffReport(outcome, a.spec, b.spec, { seed: cmd.seed, runs: cmd.runs, maxSteps: cmd.maxSteps });
      emit(cmd, (f) => (f === "json" ? json(report) : f === "markdown" ? renderDiffMarkdown(report) : renderDiffText(report)));
      return { kind: "diff", outcome };
    }
    case "run": {
      if (cmd.save !== undefined) checkSaveFolder(cmd.save);
      const known = loadCorpus(cmd.corpus).map(knownCaseOf);
      const factory = await openFor(cmd.target, cmd);
      const { kind: _k, target: _t, corpus: _c, save: _s, format: _f, report: _r, properties, ...budget } = cmd;
      const plan = { ...budget, properties: propertiesOf(properties) };
      const result = await runAudit(factory, plan, known, progress(process.stderr, cmd.runs, () => performance.now()));
      emit(cmd, (f) => renderAudit(result, f));
      if (cmd.save !== undefined) save(cmd.save, result);
      return { kind: "audit", result };
    }
  }
}

/** --save: writes a corpus entry and a vitest file per generated failure. */
function save(dir: string, r: AuditResult): void {
  if (savedFailures(r, ".").length === 0) return;
  for (const s of savedFailures(r, prepareSaveFolder(dir))) {
    const base = join(dir, s.name);
    writeText(`${base}.json`, s.json);
    writeText(`${base}.test.ts`, s.test);
    process.stderr.write(`saved ${base}.json and ${base}.test.ts\n`);
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
