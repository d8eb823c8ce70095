// Why: the mutation score the README quotes sets equivalent mutants apart; a list entry that stops fitting the code must fail, not quietly count.

import { describe, expect, it } from "vitest";
import { EQUIVALENTS } from "../../../scripts/mutation/equivalents.js";
import { missingTestFiles, mutantKey, mutateRange, score, scoreReport, type Equivalent, type Report, type ReportMutant } from "../../../scripts/mutation/score.js";

const at = (line: number, column: number, endColumn: number) => ({ start: { line, column }, end: { line, column: endColumn } });
const mutant = (status: string, line: number, column: number, endColumn: number, mutatorName = "ConditionalExpression", replacement = "true"): ReportMutant => ({ status, mutatorName, replacement, location: at(line, column, endColumn) });

const SOURCE = ["const a = 1;", "if (x > 1) y();", "if (x > 1) z();"].join("\n");
const report: Report = {
  files: {
    "impl/a.ts": {
      source: SOURCE,
      mutants: [
        mutant("Killed", 1, 11, 12, "NumericLiteral", "0"),
        mutant("Survived", 2, 5, 10),
        mutant("Survived", 3, 5, 10),
        mutant("NoCoverage", 3, 5, 10, "EqualityOperator", "x >= 1"),
        mutant("Ignored", 1, 1, 12),
        mutant("Timeout", 2, 5, 10, "EqualityOperator", "x < 1"),
      ],
    },
    "model/b.ts": { source: "return 1;", mutants: [mutant("Survived", 1, 8, 9, "NumericLiteral", "0")] },
  },
};
const entry = (e: Partial<Equivalent>): Equivalent => ({ file: "impl/a.ts", mutator: "ConditionalExpression", line: /y\(\)/, reason: "test", ...e });

describe("scoreReport", () => {
  it("sets a listed survivor apart and scores the rest per file, folder and all; ignored mutants count nowhere", () => {
    const { tallies, problems } = scoreReport(report, [entry({ original: "x > 1", replacement: "true" })]);
    expect(problems).toEqual([]);
    expect(tallies.get("impl/a.ts")).toEqual({ killed: 2, survived: 1, noCoverage: 1, equivalent: 1, unitKilled: 0 });
    expect(tallies.get("impl")).toEqual(tallies.get("impl/a.ts"));
    expect(tallies.get("all")).toEqual({ killed: 2, survived: 2, noCoverage: 1, equivalent: 1, unitKilled: 0 });
    expect(score(tallies.get("impl")!)).toBe(50);
  });

  it("takes several mutators in one entry, and only those", () => {
    const both = entry({ line: /x > 1/, mutator: ["ConditionalExpression", "EqualityOperator"] });
    const { tallies, problems } = scoreReport(report, [both]);
    expect(tallies.get("impl/a.ts")).toEqual({ killed: 2, survived: 0, noCoverage: 0, equivalent: 3, unitKilled: 0 });
    expect(problems).toEqual([{ kind: "killed", entry: both, where: "impl/a.ts:2:5" }]);
  });

  it("matches the line before, the replaced code and the replacement when the entry names them", () => {
    expect(scoreReport(report, [entry({ line: /x > 1/, previous: /y\(\)/ })]).tallies.get("impl/a.ts")?.equivalent).toBe(1);
    expect(scoreReport(report, [entry({ line: /x > 1/, replacement: "false" })]).problems).toEqual([{ kind: "unmatched", entry: entry({ line: /x > 1/, replacement: "false" }) }]);
    expect(scoreReport(report, [entry({ line: /x > 1/, original: "x" })]).problems.map((p) => p.kind)).toEqual(["unmatched"]);
  });

  it("tells the same code twice on a line apart by what comes before the mutant", () => {
    const twice: Report = { files: { "impl/t.ts": { source: "f(n * 8, n * 8);", mutants: [mutant("Survived", 1, 3, 8, "ArithmeticOperator", "n / 8"), mutant("Survived", 1, 10, 15, "ArithmeticOperator", "n / 8")] } } };
    const second = entry({ file: "impl/t.ts", mutator: "ArithmeticOperator", line: /f\(/, before: /, $/ });
    expect(scoreReport(twice, [second]).tallies.get("impl/t.ts")).toEqual({ killed: 0, survived: 1, noCoverage: 0, equivalent: 1, unitKilled: 0 });
  });

  it("matches a catalogue row by the nearest name line above the mutant", () => {
    const rows = ["const V = {", '  "a": {', '    name: "a",', "    flag: false,", "  },", '  "b": {', '    name: "b",', "    flag: false,", "  },", "};"].join("\n");
    const r: Report = { files: { "impl/v.ts": { source: rows, mutants: [mutant("Survived", 4, 11, 16, "BooleanLiteral", "true"), mutant("Killed", 8, 11, 16, "BooleanLiteral", "true")] } } };
    const flag = (row: string) => entry({ file: "impl/v.ts", mutator: "BooleanLiteral", line: /flag: false/, row });
    expect(scoreReport(r, [flag("a")])).toMatchObject({ problems: [], tallies: new Map([["all", { killed: 1, survived: 0, noCoverage: 0, equivalent: 1, unitKilled: 0 }], ["impl", { killed: 1, survived: 0, noCoverage: 0, equivalent: 1, unitKilled: 0 }], ["impl/v.ts", { killed: 1, survived: 0, noCoverage: 0, equivalent: 1, unitKilled: 0 }]]) });
    expect(scoreReport(r, [flag("b")]).problems.map((p) => p.kind)).toEqual(["killed"]);
    expect(scoreReport(r, [flag("c")]).problems.map((p) => p.kind)).toEqual(["unmatched"]);
  });

  it("says so when a listed mutant was killed (it was not equivalent) or the entry matches nothing", () => {
    const killed = entry({ mutator: "EqualityOperator", line: /y\(\)/ });
    const gone = entry({ file: "impl/gone.ts" });
    const { problems, tallies } = scoreReport(report, [killed, gone]);
    expect(problems).toEqual([{ kind: "killed", entry: killed, where: "impl/a.ts:2:5" }, { kind: "unmatched", entry: gone }]);
    expect(tallies.get("impl/a.ts")?.killed).toBe(2);
  });
});

describe("the second pass (unit tests against the open mutants)", () => {
  it("gives each open mutant the unit tests' verdict, counts the kills apart, and leaves the properties' score alone", () => {
    const survivor = report.files["impl/a.ts"]!.mutants[1]!;
    const untested = report.files["impl/a.ts"]!.mutants[3]!;
    const unit: Report = { files: { "impl/a.ts": { source: SOURCE, mutants: [{ ...survivor, status: "Killed" }, { ...untested, status: "Survived" }] } } };
    const { tallies, open } = scoreReport(report, [], unit);
    expect(tallies.get("impl")).toEqual({ killed: 2, survived: 2, noCoverage: 1, equivalent: 0, unitKilled: 1 });
    expect(score(tallies.get("impl")!)).toBe(40);
    expect(open.map((o) => [o.mutant.location.start.line, o.mutant.mutatorName, o.unit])).toEqual([
      [2, "ConditionalExpression", "killed"],
      [3, "ConditionalExpression", "not-run"],
      [3, "EqualityOperator", "survived"],
      [1, "NumericLiteral", "not-run"],
    ]);
    expect(scoreReport(report, []).open.map((o) => o.unit)).toEqual(["not-run", "not-run", "not-run", "not-run"]);
  });

  it("runs the named mutants too: one the unit tests kill is not equivalent after all", () => {
    const named = report.files["impl/a.ts"]!.mutants[1]!;
    const unit: Report = { files: { "impl/a.ts": { source: SOURCE, mutants: [{ ...named, status: "Killed" }] } } };
    const e = entry({ original: "x > 1", replacement: "true" });
    const scored = scoreReport(report, [e], unit);
    expect(scored.named.map((o) => [o.mutant.location.start.line, o.unit])).toEqual([[2, "killed"]]);
    expect(scored.problems).toEqual([{ kind: "unit-killed", entry: e, where: "impl/a.ts:2:5" }]);
    expect(scoreReport(report, [e]).problems).toEqual([]);
  });

  it("names a mutant by file, place, mutator and replacement, and gives StrykerJS a range that holds it (columns from 0)", () => {
    const m = mutant("Survived", 2, 5, 10);
    expect(mutantKey("impl/a.ts", m)).toBe("impl/a.ts:2:5-2:10 ConditionalExpression true");
    expect(mutantKey("impl/a.ts", m)).not.toBe(mutantKey("impl/a.ts", { ...m, replacement: "false" }));
    expect(mutateRange("impl/a.ts", m)).toBe("impl/a.ts:2:4-2:10");
  });
});

describe("missingTestFiles", () => {
  it("names the mutation test files that contributed no test to the report", () => {
    const withTests: Report = { files: {}, testFiles: { "test/mutation/a.mutation.ts": { tests: [] } } };
    expect(missingTestFiles(withTests, ["test/mutation/a.mutation.ts", "test/mutation/b.mutation.ts"])).toEqual(["test/mutation/b.mutation.ts"]);
    expect(missingTestFiles({ files: {} }, ["test/mutation/a.mutation.ts"])).toEqual(["test/mutation/a.mutation.ts"]);
  });
});

describe("EQUIVALENTS", () => {
  it("gives every entry a reason, and names files that are mutated", () => {
    for (const e of EQUIVALENTS) {
      expect(e.reason.length, e.line.source).toBeGreaterThan(15);
      expect(e.file).toMatch(/^(impl|model)\/[a-z0-9-]+\.ts$/);
    }
  });
});
