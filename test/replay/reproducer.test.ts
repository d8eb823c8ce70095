// Why: a `--save`d vitest file is a regression test of a known bug: its bytes are pinned, it passes only in the situation its setting asserts, and it runs from any folder of the repository.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAudit } from "../../engine/audit.js";
import { DEFAULT_SEED } from "../../engine/check.js";
import { parseCorpusEntry, type CorpusEntry } from "../../replay/corpus.js";
import { assertSaved, savedTestProblem, type Asserts } from "../../replay/regression.js";
import { reproducerSource } from "../../replay/reproducer.js";
import { savedFailures } from "../../replay/save.js";
import { PROPERTIES } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";

const ROOT = join(import.meta.dirname, "../..");

/** F1, the pre-2014 stale destination drive: fails P1 on qemu-2.1, holds on proposed-fix. */
const entry: CorpusEntry = {
  schema: "pflash-audit/corpus",
  version: 1,
  property: "P1",
  note: "before 4c0cfc72 nothing rewrites\nthe destination's drive",
  foundOn: "impl:qemu-2.1",
  boot: { geometry: { sectorLen: 4096, sectors: 1, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] }, readOnly: false, template: "default" },
  ops: [
    { kind: "write", offset: 0, width: 1, value: 0x40 },
    { kind: "write", offset: 0, width: 1, value: 0x00 },
    { kind: "migrate", to: "B", storage: "non-shared", readOnly: false, autostart: true },
  ],
};
const VIOLATION = "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)";

const ENTRY_JSON = JSON.stringify(entry, null, 2).replace(/\n/g, "\n  ");
const EXPECTED = `// Why: regression test written by pflash-audit --save: before 4c0cfc72 nothing rewrites the destination's drive
// With asserts = "the bug" it passes while impl:qemu-2.1 still fails P1 on these steps with the recorded
// violation, and fails once the bug is gone; with "the fix" it passes only while P1 holds.

import { it } from "vitest";
import { assertSaved } from "pflash-audit/regression";

const asserts: "the bug" | "the fix" = "the bug";

/** The violation recorded when this file was saved. */
const violation = "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)";

// The counterexample; its steps, as pflash-audit prints them (the VM boots on host A):
//   1. write.b 0x000000 <- 0x40
//   2. write.b 0x000000 <- 0x00
//   3. migrate to B (non-shared, autostart)
const entry = (
  ${ENTRY_JSON}
);

it("P1 load invariant on impl:qemu-2.1, pflash-audit counterexample: asserts " + asserts, async () => {
  await assertSaved({ asserts, target: "impl:qemu-2.1", violation, entry });
});
`;

describe("reproducerSource", () => {
  it("writes the same bytes for the same entry, asserting the bug unless told otherwise", () => {
    expect(reproducerSource(entry, "impl:qemu-2.1", VIOLATION)).toBe(EXPECTED);
    expect(reproducerSource(entry, "impl:qemu-2.1", VIOLATION)).toBe(reproducerSource(structuredClone(entry), "impl:qemu-2.1", VIOLATION));
    const fix = EXPECTED.replace('= "the bug";', '= "the fix";');
    expect(fix).not.toBe(EXPECTED);
    expect(reproducerSource(entry, "impl:qemu-2.1", VIOLATION, "the fix")).toBe(fix);
  });

  it("--save's files embed the violation the audit found and assert the bug", async () => {
    const r = await runAudit(portTarget("qemu-2.1"), { properties: [PROPERTIES.P1], seed: DEFAULT_SEED, runs: 100, maxSteps: 30 });
    const o = r.outcomes[0];
    if (o?.status !== "failed") throw new Error("expected P1 to fail on qemu-2.1");
    const [saved, ...more] = savedFailures(r, "0.1.0");
    expect(more).toEqual([]);
    expect(saved?.name).toBe("impl-qemu-2.1-P1");
    const e = parseCorpusEntry(saved?.json ?? "", "saved.json");
    expect(saved?.test).toBe(reproducerSource(e, "impl:qemu-2.1", o.trace.violation?.message ?? "missing"));
    await expect(assertSaved({ asserts: "the bug", target: "impl:qemu-2.1", violation: o.trace.violation?.message ?? "", entry: e })).resolves.toBeUndefined();
  });
});

describe("savedTestProblem", () => {
  const c = { property: "P1 load invariant", on: "impl:x" };
  const now = { step: 2, message: "recorded message" };
  it.each<[Asserts, { step: number; message: string } | undefined, RegExp | undefined]>([
    ["the bug", now, undefined],
    ["the bug", undefined, /^the bug is gone: P1 load invariant now holds on impl:x for this counterexample\. If it was fixed on purpose, set asserts to "the fix"/],
    ["the bug", { step: 2, message: "another message" }, /^the bug changed: .*\n {2}recorded: recorded message\n {2}now: {6}another message\n/],
    ["the fix", undefined, undefined],
    ["the fix", now, /^P1 load invariant still fails on impl:x for this counterexample \(this file asserts the fix\): recorded message$/],
  ])("asserting %s, replay showing %j: %s", (asserts, shown, problem) => {
    const got = savedTestProblem({ asserts, violation: "recorded message" }, c, shown);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(problem);
  });
});

describe("assertSaved on the port", () => {
  const check = (asserts: Asserts, target: string, violation = VIOLATION) => assertSaved({ asserts, target, violation, entry: JSON.parse(JSON.stringify(entry)) });

  it("asserting the bug: passes on the buggy variant, fails on the fix and on a different failure", async () => {
    await expect(check("the bug", "impl:qemu-2.1")).resolves.toBeUndefined();
    await expect(check("the bug", "impl:proposed-fix")).rejects.toThrow('the bug is gone: P1 load invariant now holds on impl:proposed-fix for this counterexample. If it was fixed on purpose, set asserts to "the fix"');
    await expect(check("the bug", "impl:qemu-2.1", "some other violation")).rejects.toThrow(`the bug changed: P1 load invariant still fails on impl:qemu-2.1 for this counterexample, but not as recorded.\n  recorded: some other violation\n  now:      ${VIOLATION}`);
  });

  it("asserting the fix: passes on proposed-fix, fails with the property's message on the buggy variant", async () => {
    await expect(check("the fix", "impl:proposed-fix")).resolves.toBeUndefined();
    await expect(check("the fix", "impl:qemu-2.1")).rejects.toThrow(`P1 load invariant still fails on impl:qemu-2.1 for this counterexample (this file asserts the fix): ${VIOLATION}`);
  });

  it("refuses a setting it does not know and an entry that is not one", async () => {
    await expect(assertSaved({ asserts: "the bugs" as Asserts, target: "impl:qemu-2.1", violation: VIOLATION, entry })).rejects.toThrow('asserts must be "the bug" or "the fix", not "the bugs"');
    await expect(assertSaved({ asserts: "the bug", target: "impl:qemu-2.1", violation: VIOLATION, entry: { ...entry, ops: 3 } })).rejects.toThrow("the embedded entry: ops must be an array");
  });
});

describe("a generated file saved in a nested folder of the repository", () => {
  const dir = mkdtempSync(join(ROOT, ".tmp-reproducer-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const nested = join(dir, "a", "b");
  mkdirSync(nested, { recursive: true });
  const files: [string, string, Asserts, "passed" | "failed"][] = [
    ["bug-on-bug.test.ts", "impl:qemu-2.1", "the bug", "passed"],
    ["bug-on-fix.test.ts", "impl:proposed-fix", "the bug", "failed"],
    ["fix-on-fix.test.ts", "impl:proposed-fix", "the fix", "passed"],
    ["fix-on-bug.test.ts", "impl:qemu-2.1", "the fix", "failed"],
  ];
  for (const [name, target, asserts] of files) writeFileSync(join(nested, name), reproducerSource(entry, target, VIOLATION, asserts));
  writeFileSync(join(nested, "vitest.config.mjs"), 'export default { test: { include: ["*.test.ts"] } };\n');

  it("type-checks with its import resolved by the package's own name", () => {
    const tsc = spawnSync("npx", ["tsc", "--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--types", "node", ...files.map(([f]) => join(nested, f))], { cwd: ROOT, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("passes under vitest exactly where its setting is true, and says why where it is not", () => {
    const run = spawnSync("npx", ["vitest", "run", "--reporter=json"], { cwd: nested, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    const report = JSON.parse(run.stdout) as { testResults: { name: string; assertionResults: { status: string; failureMessages: string[] }[] }[] };
    const results = Object.fromEntries(report.testResults.map((t) => [t.name.split("/").pop(), t.assertionResults.map((a) => [a.status, a.failureMessages.join("").split("\n")[0]])]));
    expect(results).toEqual({
      "bug-on-bug.test.ts": [["passed", ""]],
      "bug-on-fix.test.ts": [["failed", 'Error: the bug is gone: P1 load invariant now holds on impl:proposed-fix for this counterexample. If it was fixed on purpose, set asserts to "the fix" at the top of this file, and it will check that it stays fixed.']],
      "fix-on-fix.test.ts": [["passed", ""]],
      "fix-on-bug.test.ts": [["failed", `Error: P1 load invariant still fails on impl:qemu-2.1 for this counterexample (this file asserts the fix): ${VIOLATION}`]],
    });
    expect(run.status).toBe(1);
  });
});
