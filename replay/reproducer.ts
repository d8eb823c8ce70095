// Why: writes a failure as a standalone vitest file that documents the bug (passes while it still shows) until one constant flips it to assert the fix.

import { PROPERTIES } from "../properties/index.js";
import { describeOp } from "../report/steps.js";
import type { CorpusEntry } from "./corpus.js";
import type { Asserts } from "./regression.js";

/** A comment line cannot hold a line break: crash messages (QEMU's stderr) may have some. */
const oneLine = (s: string): string => s.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ");

/**
 * The source of a vitest file replaying `entry` on target `spec`, where it failed with `violation`
 * (the message). It imports `pflash-audit/regression` (package.json's `exports`: the package
 * refers to itself), so it works from any folder of the repository. `asserts` is the setting it
 * starts with; the same arguments give the same bytes.
 */
export function reproducerSource(entry: CorpusEntry, spec: string, violation: string, asserts: Asserts = "the bug"): string {
  const on = entry.peer === undefined ? spec : `${spec} with peer ${entry.peer}`;
  const title = `${entry.property} ${PROPERTIES[entry.property].title} on ${on}, pflash-audit counterexample: asserts `;
  const body = JSON.stringify(entry, null, 2).replace(/\n/g, "\n  ");
  return [
    `// Why: regression test written by pflash-audit --save: ${oneLine(entry.note)}`,
    `// With asserts = "the bug" it passes while ${oneLine(on)} still fails ${entry.property} on these steps with the recorded`,
    `// violation, and fails once the bug is gone; with "the fix" it passes only while ${entry.property} holds.`,
    "",
    'import { it } from "vitest";',
    'import { assertSaved } from "pflash-audit/regression";',
    "",
    `const asserts: "the bug" | "the fix" = ${JSON.stringify(asserts)};`,
    "",
    "/** The violation recorded when this file was saved. */",
    `const violation = ${JSON.stringify(violation)};`,
    "",
    "// The counterexample; its steps, as pflash-audit prints them (the VM boots on host A):",
    ...entry.ops.map((op, i) => `//   ${i + 1}. ${describeOp(op)}`),
    "const entry = (",
    `  ${body}`,
    ");",
    "",
    `it(${JSON.stringify(title)} + asserts, async () => {`,
    `  await assertSaved({ asserts, target: ${JSON.stringify(spec)}, violation, entry });`,
    "});",
    "",
  ].join("\n");
}
