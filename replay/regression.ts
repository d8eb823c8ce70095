// Why: the check a `--save`d vitest file makes, kept here and tested, so the saved file stays a few readable lines with one switch: assert the bug, or its fix.

import type { Violation } from "../engine/sequence.js";
import { PROPERTIES } from "../properties/index.js";
import { parseCorpusEntry } from "./corpus.js";
import { replayEntry } from "./replay.js";

/** What a saved regression test asserts: that the recorded failure still shows (a known bug), or that it is gone (its fix). */
export type Asserts = "the bug" | "the fix";

/** What a saved test knows: its setting, where it replays, the violation recorded when it was saved, and the counterexample. */
export interface SavedTest {
  readonly asserts: Asserts;
  /** The target spec the entry replays on, e.g. "impl:qemu-2.1". */
  readonly target: string;
  /** The violation message recorded when the file was saved. */
  readonly violation: string;
  /** The corpus entry (any JSON value; it is checked). */
  readonly entry: unknown;
}

/** The test's words for what failed and where, e.g. "P1 load invariant" and "impl:qemu-2.1 with peer impl:qemu-10.0". */
export interface SavedContext {
  readonly property: string;
  readonly on: string;
}

/**
 * Why a saved test fails, given the violation its replay shows `now` (undefined: the property held),
 * or undefined when it passes. Asserting "the bug", it passes only on the recorded violation;
 * asserting "the fix", only when the property holds.
 */
export function savedTestProblem(t: Pick<SavedTest, "asserts" | "violation">, c: SavedContext, now: Violation | undefined): string | undefined {
  if (t.asserts === "the fix") {
    return now === undefined ? undefined : `${c.property} still fails on ${c.on} for this counterexample (this file asserts the fix): ${now.message}`;
  }
  if (now === undefined) {
    return `the bug is gone: ${c.property} now holds on ${c.on} for this counterexample. If it was fixed on purpose, set asserts to "the fix" at the top of this file, and it will check that it stays fixed.`;
  }
  if (now.message === t.violation) return undefined;
  return [
    `the bug changed: ${c.property} still fails on ${c.on} for this counterexample, but not as recorded.`,
    `  recorded: ${t.violation}`,
    `  now:      ${now.message}`,
    "If the new failure is the one to document, put it in this file's violation (or save the failure again with --save).",
  ].join("\n");
}

/** Replays the saved test's entry on its target and throws an Error saying why, unless it shows what the test asserts. */
export async function assertSaved(t: SavedTest): Promise<void> {
  if (t.asserts !== "the bug" && t.asserts !== "the fix") throw new Error(`asserts must be "the bug" or "the fix", not ${JSON.stringify(t.asserts)}`);
  const entry = parseCorpusEntry(JSON.stringify(t.entry), "the embedded entry");
  const on = entry.peer === undefined ? t.target : `${t.target} with peer ${entry.peer}`;
  const problem = savedTestProblem(t, { property: `${entry.property} ${PROPERTIES[entry.property].title}`, on }, await replayEntry(entry, t.target));
  if (problem !== undefined) throw new Error(problem);
}
