// Why: writes a failure as a standalone vitest file that fails, with the property's own message, until the bug is fixed.

import { PROPERTIES } from "../properties/index.js";
import type { CorpusEntry } from "./corpus.js";

/**
 * The source of a vitest file replaying `entry` on target `spec`. `importBase` is the path from the
 * file's folder to the project root, e.g. "../..".
 */
export function reproducerSource(entry: CorpusEntry, spec: string, importBase: string): string {
  const on = entry.peer === undefined ? spec : `${spec} with peer ${entry.peer}`;
  const title = `${entry.property} ${PROPERTIES[entry.property].title} holds on ${on} for this pflash-audit counterexample`;
  const body = JSON.stringify(entry, null, 2).replace(/\n/g, "\n  ");
  return [
    `// Why: regression test written by pflash-audit --save: ${entry.note}`,
    `// It fails with the property's message while ${on} still has the bug.`,
    "",
    'import { expect, it } from "vitest";',
    `import { replayEntry } from "${importBase}/replay/replay.js";`,
    "",
    "const entry = (",
    `  ${body}`,
    ");",
    "",
    `it(${JSON.stringify(title)}, async () => {`,
    `  expect(await replayEntry(entry, ${JSON.stringify(spec)})).toBeUndefined();`,
    "});",
    "",
  ].join("\n");
}
