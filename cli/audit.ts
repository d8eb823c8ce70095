#!/usr/bin/env node
// Why: the thin command-line edge: parse, run the audit core, render, exit with the code the pure function picks.

import { parseArgs, USAGE, UsageError } from "./args.js";
import { exitCode } from "./exit-code.js";
import { runAudit } from "../properties/audit.js";
import { portTarget } from "../properties/port-target.js";
import { renderOutcome } from "../properties/report.js";

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`pflash-audit: ${e.message}\n`);
    return exitCode({ kind: "usage" });
  }
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const factory = portTarget(command.variant);
  const { kind: _kind, variant: _variant, ...plan } = command;
  process.stdout.write(`pflash-audit: ${factory.description}, seed ${plan.seed}, ${plan.runs} sequences of at most ${plan.maxSteps} steps per property\n`);
  const result = await runAudit(factory, plan, (o) => process.stdout.write(`${renderOutcome(o, factory, plan)}\n`));
  const code = exitCode({ kind: "audit", result });
  process.stdout.write(code === 0 ? "every property held\n" : "a property failed: see the counterexample above\n");
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pflash-audit: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = exitCode({ kind: "crash" });
  },
);
