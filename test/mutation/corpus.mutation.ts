// Why: every default run replays the corpus before it searches, so the mutation score counts what those replays catch too: each entry on each variant (with the entry's own peer), its outcome pinned.

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../impl/variants.js";
import { parseCorpusEntry } from "../../replay/corpus.js";
import { replayOutcome } from "../../replay/replay.js";
import { portTarget } from "../../targets/port.js";

// Found from this file, not the working directory: StrykerJS runs the tests in a sandbox copy of the project.
const CORPUS = new URL("../../corpus/", import.meta.url);
const ENTRIES = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ file: `corpus/${f}`, entry: parseCorpusEntry(readFileSync(new URL(f, CORPUS), "utf8"), f) }));

describe.each(Object.keys(VARIANTS))("the corpus replayed on %s", (variant) => {
  it.each(ENTRIES.map((e) => [e.file, e] as const))("%s", async (_file, { file, entry }) => {
    const peer = entry.peer?.startsWith("impl:") ? entry.peer.slice("impl:".length) : undefined;
    const o = await replayOutcome(entry, file, portTarget(variant, peer));
    const what = o.status === "failed" || o.status === "crashed" ? `: ${o.trace.violation?.message ?? ""}` : "";
    expect(`${o.status}${what}`).toMatchSnapshot();
  });
});
