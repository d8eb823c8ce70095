// Why: the mutation target counts only mutants that can be killed; this scores a StrykerJS report with the equivalent ones named and set apart, and says when the list no longer fits the code.

/** A mutant as the mutation-testing report schema gives it (only what scoring reads). */
export interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

/** A report: each mutated file's source and mutants, and the test files whose tests ran. */
export interface Report {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>>;
  readonly testFiles?: Readonly<Record<string, unknown>>;
}

/**
 * The mutation test files that contributed no test to `report`. StrykerJS leaves a test file out
 * without a word when it fails to load in the sandbox (an import of a folder its ignorePatterns
 * keep out, say), and every mutant is then judged without it.
 */
export const missingTestFiles = (report: Report, expected: readonly string[]): string[] =>
  expected.filter((f) => !Object.keys(report.testFiles ?? {}).includes(f));

/**
 * Mutants that no test can kill because the mutated program behaves the same on every input the
 * device can see: matched by file, mutator, the source line the mutant starts on and its replacement.
 */
export interface Equivalent {
  readonly file: string;
  /** The mutator, or several that the same reason covers on that line. */
  readonly mutator: string | readonly string[];
  /** Tested against the whole source line the mutant starts on. */
  readonly line: RegExp;
  /** Tested against the line before it, where the line alone says too little. */
  readonly previous?: RegExp;
  /** The row of impl/variants.ts's catalogue the line lies in (the nearest `name: "..."` line above it), for a setting equivalent in some eras only. */
  readonly row?: string;
  /** Tested against the line up to where the mutant starts, where the same code appears more than once on it. */
  readonly before?: RegExp;
  /** The code the mutator replaced (whitespace collapsed); any on the line when absent. */
  readonly original?: string;
  /** The replacement text; any when absent. */
  readonly replacement?: string;
  readonly reason: string;
}

/** Killed, survived and untested counts, and those set apart as equivalent. */
export interface Tally {
  killed: number;
  survived: number;
  noCoverage: number;
  equivalent: number;
  /** Of the survived and untested ones, those the unit tests kill (the second pass, `npm run mutation:unit`). */
  unitKilled: number;
}

/** What the second pass made of a mutant the audit's properties left alive: killed, alive, or not run (the pass is older than the first). */
export type UnitVerdict = "killed" | "survived" | "not-run";

/** A mutant the properties left alive that is not named equivalent, and the unit tests' verdict on it. */
export interface OpenMutant {
  readonly file: string;
  readonly mutant: ReportMutant;
  readonly unit: UnitVerdict;
}

/** The share of the mutants that can be killed which were: what the 90% is about. */
export const score = (t: Tally): number => (100 * t.killed) / Math.max(1, t.killed + t.survived + t.noCoverage);

/** What the list says that the report does not bear out. */
export type ListProblem =
  | { readonly kind: "killed" | "unit-killed"; readonly entry: Equivalent; readonly where: string }
  | { readonly kind: "unmatched"; readonly entry: Equivalent };

/** The scores per file and per top folder ("impl", "model", "all"), and the list's problems. */
export interface Scored {
  readonly tallies: ReadonlyMap<string, Tally>;
  readonly problems: readonly ListProblem[];
  /** Every mutant the properties left alive that the list does not name, in file order. */
  readonly open: readonly OpenMutant[];
  /** Every mutant the properties left alive that the list names: the second pass runs these too, to check the names. */
  readonly named: readonly OpenMutant[];
}

/** A mutant's identity across two reports of the same source: file, place, mutator and replacement. */
export const mutantKey = (file: string, m: ReportMutant): string =>
  `${file}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ""}`;

/**
 * StrykerJS's `--mutate` range that holds mutant `m` of `file` (its columns count from 0 at the
 * start and include the end, the report's from 1), for the second pass over the survivors.
 */
export const mutateRange = (file: string, m: ReportMutant): string =>
  `${file}:${m.location.start.line}:${m.location.start.column - 1}-${m.location.end.line}:${m.location.end.column}`;

const KILLED = new Set(["Killed", "Timeout"]);

/**
 * Scores `report` with the mutants `list` names set apart; a listed mutant that was killed is not
 * equivalent, and a list entry that matches nothing is stale. With `unit`, the second pass's report,
 * each open or named mutant carries the unit tests' verdict on it, and a named one they kill is not
 * equivalent either.
 */
export function scoreReport(report: Report, list: readonly Equivalent[], unit?: Report): Scored {
  const tallies = new Map<string, Tally>();
  const bump = (key: string, field: keyof Tally) => {
    const t = tallies.get(key) ?? { killed: 0, survived: 0, noCoverage: 0, equivalent: 0, unitKilled: 0 };
    t[field]++;
    tallies.set(key, t);
  };
  const verdicts = unit ? unitVerdicts(unit) : new Map<string, UnitVerdict>();
  const open: OpenMutant[] = [];
  const named: OpenMutant[] = [];
  const used = new Set<Equivalent>();
  const problems: ListProblem[] = [];
  for (const [file, f] of Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const lines = f.source.split("\n");
    for (const m of f.mutants) {
      const field = tallyField(m.status);
      if (field === null) continue;
      const entry = list.find((e) => matches(e, file, m, lines));
      if (entry) used.add(entry);
      const where = `${file}:${m.location.start.line}:${m.location.start.column}`;
      if (entry && field === "killed") problems.push({ kind: "killed", entry, where });
      const counted = entry && field !== "killed" ? "equivalent" : field;
      const keys = ["all", file.split("/")[0] ?? file, file];
      for (const key of keys) bump(key, counted);
      if (counted === "killed") continue;
      const verdict = verdicts.get(mutantKey(file, m)) ?? "not-run";
      if (entry) {
        named.push({ file, mutant: m, unit: verdict });
        if (verdict === "killed") problems.push({ kind: "unit-killed", entry, where });
        continue;
      }
      open.push({ file, mutant: m, unit: verdict });
      if (verdict === "killed") for (const key of keys) bump(key, "unitKilled");
    }
  }
  for (const e of list) if (!used.has(e)) problems.push({ kind: "unmatched", entry: e });
  return { tallies, problems, open, named };
}

/** The second pass's verdict on each mutant it ran (a timeout is a kill, as in the first). */
function unitVerdicts(unit: Report): Map<string, UnitVerdict> {
  const verdicts = new Map<string, UnitVerdict>();
  for (const [file, f] of Object.entries(unit.files)) {
    for (const m of f.mutants) {
      const field = tallyField(m.status);
      if (field !== null) verdicts.set(mutantKey(file, m), field === "killed" ? "killed" : "survived");
    }
  }
  return verdicts;
}

function matches(e: Equivalent, file: string, m: ReportMutant, lines: readonly string[]): boolean {
  const at = m.location.start.line - 1;
  const mutators: readonly string[] = typeof e.mutator === "string" ? [e.mutator] : e.mutator;
  if (e.file !== file || !mutators.includes(m.mutatorName) || !e.line.test(lines[at] ?? "")) return false;
  if (e.previous && !e.previous.test(lines[at - 1] ?? "")) return false;
  if (e.row !== undefined && e.row !== rowOf(lines, at)) return false;
  if (e.before && !e.before.test((lines[at] ?? "").slice(0, m.location.start.column - 1))) return false;
  if (e.original !== undefined && e.original !== originalText(m, lines)) return false;
  return e.replacement === undefined || e.replacement === m.replacement;
}

/** The catalogue row line `at` lies in: the name on the nearest `name: "..."` line at or above it. */
function rowOf(lines: readonly string[], at: number): string | undefined {
  for (let i = at; i >= 0; i--) {
    const name = /^\s*name: "([^"]+)",$/.exec(lines[i] ?? "")?.[1];
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The mutated code, whitespace collapsed. */
function originalText(m: ReportMutant, lines: readonly string[]): string {
  const { start, end } = m.location;
  const text = start.line === end.line
    ? (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1)
    : [(lines[start.line - 1] ?? "").slice(start.column - 1), ...lines.slice(start.line, end.line - 1), (lines[end.line - 1] ?? "").slice(0, end.column - 1)].join("\n");
  return text.replace(/\s+/g, " ").trim();
}

function tallyField(status: string): keyof Tally | null {
  if (KILLED.has(status)) return "killed";
  if (status === "Survived") return "survived";
  if (status === "NoCoverage") return "noCoverage";
  return null; // Ignored, CompileError, RuntimeError: not mutants a test run judged
}
