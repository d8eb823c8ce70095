// Why: the CLI as users run it: pinned output in every format, identical bytes for the same invocation, exit codes, one-line errors that write nothing.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "./cli.js";
import { elideRuntime } from "../reproducer/elide.js";

const snap = (name: string) => `./__snapshots__/${name}`;

describe("pflash-audit run", () => {
  const variants = ["qemu-2.1", "qemu-2.2", "qemu-7.2.8", "qemu-7.2.22", "proposed-fix"];
  it.each(variants.flatMap((v) => ["text", "markdown", "json"].map((f) => [v, f])))("pins the %s report in %s, and its exit code", async (variant, format) => {
    const r = cli("run", "--target", `impl:${variant}`, "--runs", "100", "--format", format);
    expect(r.code).toBe(variant === "proposed-fix" ? 0 : 1);
    await expect(elideRuntime(r.out)).toMatchFileSnapshot(snap(`run-${variant}.${format === "markdown" ? "md" : format === "json" ? "json" : "txt"}`));
    await expect(r.err).toMatchFileSnapshot(snap(`run-${variant}.progress.txt`));
    if (format === "json") expect(JSON.parse(r.out)).toMatchObject({ schema: "pflash-audit/report", version: 3, verdict: r.code === 0 ? "held" : "failed" });
  });

  it("prints the same bytes twice for the same invocation", () => {
    const args = ["run", "--target", "impl:qemu-2.1", "--property", "P1,P4", "--runs", "200", "--no-corpus"];
    const [a, b] = [cli(...args), cli(...args)];
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    expect(a.err).toBe(b.err);
  });

  it("reports a corpus entry that still fails without generating anything", () => {
    const r = cli("run", "--target", "impl:qemu-2.1", "--property", "P1", "--runs", "1");
    expect(r.out).toContain("P1 load invariant: FAILED on port qemu-2.1, corpus entry corpus/qemu-2.1-P1-stale-destination-drive.json");
    expect(r.out).toContain("replay: npx pflash-audit replay corpus/qemu-2.1-P1-stale-destination-drive.json --target impl:qemu-2.1");
  });

  it("replays a printed generated counterexample exactly", () => {
    const first = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--runs", "100", "--no-corpus");
    const replay = /replay: npx pflash-audit (.*)/.exec(first.out)?.[1]?.split(" ") ?? [];
    const again = cli(...replay, "--no-corpus");
    expect(again.code).toBe(1);
    expect(again.out).toContain("1. migrate to B (shared, autostart)   <-- fails here");
  });

  it("with --snapshots, names the plan and the qcow2 drive, and the replay line carries --snapshots and replays exactly (F8)", () => {
    const first = cli("run", "--property", "P3", "--snapshots", "--no-corpus");
    expect(first.code).toBe(1);
    expect(first.out).toContain("seed 20141009, 1,000 sequences of at most 30 steps per property, with snapshots (qcow2 drives)");
    expect(first.out).toContain("flash: 4 KiB sectors x 1, bank width 1, no device width, little endian; qcow2 drive read-write on host A");
    const line = /replay: npx pflash-audit (.*)/.exec(first.out)?.[1] ?? "";
    expect(line).toMatch(/ --snapshots --path /);
    const again = cli(...line.split(" "), "--no-corpus");
    expect(again.code).toBe(1);
    expect(again.out).toContain("1. stop\n    2. savevm s1\n    3. loadvm s1\n    4. loadvm s1\n    5. cont   <-- crashes here");
  });
});

describe("cross-version runs (--peer)", () => {
  it("names the peer in the header, and every replay line carries it and replays exactly", () => {
    const r = cli("run", "--target", "impl:qemu-10.0", "--peer", "impl:qemu-7.2.22", "--property", "P7", "--runs", "50");
    expect(r.code).toBe(1);
    expect(r.out).toContain("pflash-audit: port qemu-10.0 with peer qemu-7.2.22 on B, C, seed 20141009");
    // F12 is 7.2.22's: here it is host B, the peer, that is left in postmigrate.
    expect(r.out).toContain("P7 host state matches the model: FAILED on port qemu-10.0 with peer qemu-7.2.22 on B, C, corpus entry corpus/qemu-7.2.22-P7-cancelled-paused-migration-left-postmigrate.json");
    expect(r.out).toContain("replay: npx pflash-audit replay corpus/qemu-7.2.22-P7-cancelled-paused-migration-left-postmigrate.json --target impl:qemu-10.0 --peer impl:qemu-7.2.22");
    const generated = cli("run", "--target", "impl:qemu-10.0", "--peer", "impl:qemu-7.2.22", "--property", "P9", "--no-corpus");
    const line = /replay: npx pflash-audit (.*)/.exec(generated.out)?.[1] ?? "";
    expect(line).toContain("--target impl:qemu-10.0 --peer impl:qemu-7.2.22 --property P9");
    const again = cli(...line.split(" "), "--no-corpus");
    expect([again.code, again.out.split("\n").filter((l) => l.includes("<-- fails here"))]).toEqual([1, generated.out.split("\n").filter((l) => l.includes("<-- fails here"))]);
  });

  it("diff gives the baseline the same peer, and says so", () => {
    const r = cli("diff", "--target", "impl:qemu-7.2.22", "--peer", "impl:qemu-10.0", "--baseline", "impl:proposed-fix", "--runs", "300");
    expect(r.code).toBe(1);
    expect(r.out.split("\n")[0]).toBe("pflash-audit diff: impl:qemu-7.2.22 (peer impl:qemu-10.0 on B, C) against baseline impl:proposed-fix (peer impl:qemu-10.0 on B, C), seed 20141009, 300 sequences of at most 30 steps");
    expect(r.out).toMatch(/replay: npx pflash-audit diff --target impl:qemu-7.2.22 --peer impl:qemu-10.0 --baseline impl:proposed-fix /);
  });

  it("an entry found across versions replayed on another kind of target needs --peer: one line, exit 2", () => {
    const d = mkdtempSync(join(tmpdir(), "pflash-audit-"));
    try {
      const entry = { schema: "pflash-audit/corpus", version: 1, property: "P7", note: "n", foundOn: "impl:qemu-10.0", peer: "impl:qemu-7.2.22", boot: { geometry: { sectorLen: 4096, sectors: 1, bankWidth: 1, deviceWidth: 0, maxDeviceWidth: 0, bigEndian: false, ident: [0, 0, 0, 0] }, readOnly: false, template: "default" }, ops: [] };
      writeFileSync(join(d, "x.json"), JSON.stringify(entry));
      expect(cli("replay", join(d, "x.json"), "--target", "qemu:/usr/bin/qemu-system-x86_64")).toEqual({
        code: 2,
        out: "",
        err: "pflash-audit: this entry was found with peer impl:qemu-7.2.22 on hosts B and C: replaying it on qemu:/usr/bin/qemu-system-x86_64 needs --peer (a qemu: target of the peer's version)\n",
      });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("files", () => {
  let dir = "";
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("--report writes the chosen format to the file and text to stdout", () => {
    dir = mkdtempSync(join(tmpdir(), "pflash-audit-"));
    const r = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--report", join(dir, "bug.md"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("P4 no write to an inactive image: FAILED");
    expect(readdirSync(dir)).toEqual(["bug.md"]);
  });

  it("replay says whether an entry still fails, on any target", () => {
    const still = cli("replay", "corpus/qemu-7.2.22-P1-paused-destination-stale.json");
    expect(still.code).toBe(1);
    expect(still.out).toContain("3. migrate to B (non-shared, -S)   <-- fails here");
    const fixed = cli("replay", "corpus/qemu-7.2.22-P1-paused-destination-stale.json", "--target", "impl:proposed-fix");
    expect([fixed.code, fixed.out.trim().split("\n").at(-1)]).toEqual([0, "every property held"]);
  });

  it.each([
    [["replay", "corpus/missing.json"], "pflash-audit: cannot read corpus/missing.json: no such file\n"],
    [["replay", "corpus"], "pflash-audit: cannot read corpus: is a folder\n"],
    [["run", "--corpus", "no-such-folder"], "pflash-audit: corpus folder no-such-folder does not exist\n"],
    [["run", "--report", "no/such/dir/r.md"], "pflash-audit: cannot write no/such/dir/r.md: folder no/such/dir does not exist\n"],
    [["run", "--save", "package.json"], "pflash-audit: cannot save to package.json: it is not a folder\n"],
    [["--runs", "-3"], "pflash-audit: --runs must be between 1 and 1000000, got -3\n"],
    [["run", "--snapshots", "--storage", "shared,block-inc"], "pflash-audit: --snapshots runs on qcow2 drives, where block-inc copies only allocated clusters: leave block-inc out of --storage\n"],
    [["run", "--snapshots", "--workload", "workloads/x.json"], "pflash-audit: --workload runs on the workload's own raw store: --snapshots does not apply\n"],
    [["replay", "test/replay/fixtures/loadvm-never-saved.json"], "pflash-audit: test/replay/fixtures/loadvm-never-saved.json: ops[1]: loadvm s2: A.fd holds no snapshot s2 at that point (QEMU: \"Snapshot 's2' does not exist in one or more devices\")\n"],
  ])("bad input %j: one line, exit 2, nothing written", (args, err) => {
    expect(cli(...args)).toEqual({ code: 2, out: "", err });
  });

  it.each([
    ["{ not json", /bad.json: not valid JSON/],
    [JSON.stringify({ schema: "pflash-audit/corpus", version: 2 }), /bad.json: schema version 2 is newer than this pflash-audit reads \(1\)/],
    [JSON.stringify({ schema: "other" }), /bad.json: schema must be "pflash-audit\/corpus"/],
  ])("a malformed corpus file is one line and exit 2", (text, err) => {
    dir = mkdtempSync(join(tmpdir(), "pflash-audit-"));
    writeFileSync(join(dir, "bad.json"), text);
    const r = cli("run", "--corpus", dir, "--runs", "1");
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(err);
    expect(r.err.split("\n").length).toBe(2);
    const rep = cli("replay", join(dir, "bad.json"));
    expect(rep.code).toBe(2);
  });

  it("--save writes a corpus entry that replays and a vitest file that type-checks, asserts the bug, and fails for the right reason once flipped", async () => {
    dir = mkdtempSync(join(process.cwd(), ".tmp-save-"));
    const r = cli("run", "--target", "impl:qemu-2.1", "--property", "P1", "--no-corpus", "--save", dir);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["impl-qemu-2.1-P1.json", "impl-qemu-2.1-P1.py", "impl-qemu-2.1-P1.test.ts"]);
    // The standalone reproducer is executable and is the one the reproducer command writes for the saved entry.
    expect(statSync(join(dir, "impl-qemu-2.1-P1.py")).mode & 0o111).not.toBe(0);
    // The saved entry's note (and where it was found) differ; the steps, the checks and the runtime do not.
    const found = (script: string): string => script.slice(script.indexOf("\nFLASH_SIZE = "));
    const saved = readFileSync(join(dir, "impl-qemu-2.1-P1.py"), "utf8");
    expect(saved).toMatch(/^Found on impl:qemu-2\.1 with seed 20141009, path [\d:]+; written by pflash-audit /m);
    expect(found(saved)).toBe(found(cli("reproducer", join(dir, "impl-qemu-2.1-P1.json")).out));
    expect(cli("replay", join(dir, "impl-qemu-2.1-P1.json")).code).toBe(1);
    const { spawnSync } = await import("node:child_process");
    const tsc = spawnSync("npx", ["tsc", "--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--types", "node", join(dir, "impl-qemu-2.1-P1.test.ts")], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    writeFileSync(join(dir, "vitest.config.mjs"), 'export default { test: { include: ["*.test.ts"] } };\n');
    const run = spawnSync("npx", ["vitest", "run", "--root", dir, "--config", join(dir, "vitest.config.mjs")], { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    expect(run.status).toBe(0);
    const test = join(dir, "impl-qemu-2.1-P1.test.ts");
    writeFileSync(test, readFileSync(test, "utf8").replace('= "the bug";', '= "the fix";'));
    const flipped = spawnSync("npx", ["vitest", "run", "--root", dir, "--config", join(dir, "vitest.config.mjs")], { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    expect(flipped.status).toBe(1);
    expect(flipped.stdout + flipped.stderr).toContain("host B's active, writable drive does not hold what the guest sees");
    expect(existsSync(join(dir, "impl-qemu-2.1-P1.test.ts"))).toBe(true);
  });
});

describe("pflash-audit variants and diff", () => {
  it("pins the catalogue table, with what the corpus breaks on each variant", async () => {
    const r = cli("variants");
    expect(r.code).toBe(0);
    await expect(r.out).toMatchFileSnapshot(snap("variants.txt"));
    const j = JSON.parse(cli("variants", "--format", "json").out);
    expect(j.variants.find((v: { name: string }) => v.name === "proposed-fix").breaks).toEqual([]);
  });

  it("finds and shrinks the first behavioural difference between two variants", async () => {
    const r = cli("diff", "--target", "impl:qemu-7.2.22", "--baseline", "impl:qemu-7.2.8", "--runs", "300");
    expect(r.code).toBe(1);
    await expect(r.out).toMatchFileSnapshot(snap("diff-7.2.22-7.2.8.txt"));
    const md = cli("diff", "--target", "impl:qemu-7.2.22", "--baseline", "impl:qemu-7.2.8", "--runs", "300", "--format", "markdown");
    await expect(md.out).toMatchFileSnapshot(snap("diff-7.2.22-7.2.8.md"));
  });

  it("says when two targets behave the same", () => {
    const r = cli("diff", "--target", "impl:proposed-fix", "--baseline", "impl:proposed-fix", "--runs", "50", "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ schema: "pflash-audit/diff", version: 1, verdict: "same", runs: 50 });
  });
});
