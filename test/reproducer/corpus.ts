// Why: the corpus entries as the reproducer tests need them: each replayed where it was found, with its reproducer.

import { readdirSync, readFileSync } from "node:fs";
import type { Failed } from "../../engine/outcome.js";
import { parseCorpusEntry, type CorpusEntry } from "../../replay/corpus.js";
import { replayEntryAudit } from "../../replay/replay.js";
import { reproducerOf } from "../../reproducer/of-failure.js";
import type { Reproducer } from "../../reproducer/script.js";
import { openTarget } from "../../targets/open.js";

/** One corpus entry, its failure where it was found, and the reproducer written from that failure. */
export interface EntryScript {
  readonly file: string;
  readonly entry: CorpusEntry;
  readonly failure: Failed;
  readonly reproducer: Reproducer;
}

/** Every corpus entry, replayed on the target it was found on (a port: milliseconds each). */
export async function corpusScripts(): Promise<EntryScript[]> {
  const files = readdirSync("corpus").filter((n) => n.endsWith(".json")).sort();
  const out: EntryScript[] = [];
  for (const name of files) {
    const file = `corpus/${name}`;
    const entry = parseCorpusEntry(readFileSync(file, "utf8"), file);
    const r = await replayEntryAudit(entry, file, await openTarget(entry.foundOn, entry.peer));
    const o = r.outcomes[0];
    if (o?.status !== "failed" && o?.status !== "crashed") throw new Error(`${file} no longer fails on ${entry.foundOn}`);
    out.push({ file, entry, failure: o, reproducer: reproducerOf(o, r.target, "0.1.0") });
  }
  return out;
}
