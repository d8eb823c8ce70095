// Why: what `--save` writes for an audit's failures, named and rendered here so a library user saves exactly what the CLI saves.

import type { AuditResult } from "../engine/audit.js";
import type { Failed } from "../engine/outcome.js";
import { entryOf, serializeEntry } from "./corpus.js";
import { reproducerSource } from "./reproducer.js";
import { reproducerOf } from "../reproducer/of-failure.js";

/**
 * One failure to save: a corpus entry, a vitest file and, where a QEMU binary can show it, a
 * standalone script, all named `<name>.<ext>`. A failure found around a workload has no corpus entry
 * or vitest file (an entry cannot hold a firmware's store yet): its script and replay line carry it.
 */
export interface SavedFailure {
  /** The file name without extension, e.g. "impl-qemu-2.1-P1". */
  readonly name: string;
  readonly json?: string;
  readonly test?: string;
  /** The reproducer (reproducer/script.ts): python3 and QEMU only. */
  readonly script?: string;
}

/** The file name (without extension) for a failure of property `id` on target `spec`. */
export const savedName = (spec: string, id: string): string => `${spec.replace(/[^A-Za-z0-9.]+/g, "-")}-${id}`;

/**
 * The generated (not corpus), non-advisory failures and crashes of `r`, ready to write anywhere in
 * the repository; each vitest file asserts the bug (it passes while the failure still shows).
 * `harness` is this pflash-audit's version, written into the scripts.
 */
export function savedFailures(r: AuditResult, harness: string): SavedFailure[] {
  const failures = r.outcomes.filter((o): o is Failed => (o.status === "failed" || o.status === "crashed") && o.corpusFile === undefined && !o.property.advisory);
  return failures.map((o) => {
    const on = r.target.peer === undefined ? r.target.spec : `${r.target.spec} with peer ${r.target.peer}`;
    const violation = o.trace.violation?.message ?? "";
    const entry = entryOf(o, r.target.spec, `${o.property.id} ${o.property.title} on ${on}: ${violation}`, r.target.peer);
    const script = reproducerOf(o, r.target, harness, r.plan.workload?.file);
    const files = r.plan.workload === undefined ? { json: serializeEntry(entry), test: reproducerSource(entry, r.target.spec, violation) } : {};
    return { name: savedName(r.target.spec, o.property.id), ...files, ...(script.kind === "script" ? { script: script.text } : {}) };
  });
}
