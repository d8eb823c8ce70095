// Why: the options users of property-based tools expect, and the rough edges a new user hits, each pinned as the user sees it.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "./cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/pflash-audit.js");
const ENTRY = "corpus/qemu-7.2.22-P1-paused-destination-stale.json";

describe("options", () => {
  it("--version prints the package version", () => {
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(cli("--version")).toEqual({ code: 0, out: `pflash-audit ${version}\n`, err: "" });
  });

  it("--seed random draws a seed, prints it in the header and in a replay line that finds the same failure", () => {
    const r = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--runs", "200", "--no-corpus", "--seed", "random");
    const seed = /seed (\d+) \(random\)/.exec(r.out)?.[1];
    expect(seed).toBeDefined();
    expect(r.out).toContain(`--seed ${seed} `);
    const replay = /replay: npx pflash-audit (.*)/.exec(r.out)?.[1]?.split(" ") ?? [];
    const again = cli(...replay, "--no-corpus");
    expect(again.code).toBe(1);
    expect(again.out).toContain("migrate to B (shared, autostart)   <-- fails here");
  });

  it("--time-limit stops generating and says the verdict was cut short", () => {
    const r = cli("run", "--target", "impl:proposed-fix", "--property", "P2", "--runs", "1000000", "--no-corpus", "--time-limit", "1");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/P2 guest reads match the model: held on port proposed-fix \([\d,]+ sequences before --time-limit, [\d,]+ exercised it\)/);
    expect(r.out).toContain("--time-limit 1s");
  });

  it("--min-coverage turns too little evidence into not exercised (exit 4), and --verbose shows every sequence", () => {
    const r = cli("run", "--target", "impl:proposed-fix", "--property", "P5", "--runs", "40", "--no-corpus", "--min-coverage", "50", "--verbose");
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/P5 cold-boot durability: not exercised on port proposed-fix: [1-9]\d* sequences? of 40 had a cold boot after the VM ran on a writable drive; --min-coverage asks for 50/);
    expect(r.out).toContain("incomplete: not exercised: P5 (nothing failed)");
    expect(r.err.split("\n").filter((l) => /^P5 sequence \d+: holds: /.test(l))).toHaveLength(40);
  });
});

describe("verdicts never claim what did not run", () => {
  let dir = "";
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("a --path that is not a path of that seed is a usage error, not a pass", () => {
    expect(cli("run", "--property", "P1", "--path", "999999:5:5")).toEqual({ code: 2, out: "", err: "pflash-audit: --path 999999:5:5 is not a path of seed 20141009 with these options (copy the whole replay line that printed it)\n" });
    expect(cli("run", "--property", "P1", "--path", "43:1:5", "--seed", "7").code).toBe(2);
  });

  it("a corpus entry with no steps is not exercised, not held", () => {
    dir = mkdtempSync(join(tmpdir(), "pflash-audit-"));
    const entry = { ...JSON.parse(readFileSync(join(ROOT, ENTRY), "utf8")), ops: [] };
    writeFileSync(join(dir, "empty.json"), JSON.stringify(entry));
    const r = cli("replay", join(dir, "empty.json"));
    expect(r.code).toBe(4);
    expect(r.out).toContain(`P1 load invariant: not exercised on port qemu-7.2.22: ${join(dir, "empty.json")} did not exercise it on impl:qemu-7.2.22`);
  });

  it("Ctrl-C prints interrupted and the verdicts reached so far, and exits 130", async () => {
    const child = spawn(process.execPath, [BIN, "run", "--target", "impl:proposed-fix", "--property", "P3,P2", "--runs", "2000", "--no-corpus", "--max-steps", "200"], { env: { ...process.env, CI: "true" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("P3 read-only drive never written: held")) child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
    expect(code).toBe(130);
    expect(out).toContain("P3 read-only drive never written: held on port proposed-fix (2,000 sequences");
    expect(out).not.toContain("P2 guest reads");
    expect(out.trim().split("\n").at(-1)).toBe("interrupted: only the verdicts above were reached");
  }, 120_000);
});

describe("files and paths", () => {
  let dir = "";
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("the text report is printed even when the report file cannot be written", () => {
    const r = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--report", "/dev/full");
    expect(r.code).toBe(2);
    expect(r.out).toContain("P4 no write to an inactive image: FAILED");
    expect(r.err.endsWith("\npflash-audit: cannot write /dev/full: no space left\n")).toBe(true);
  });

  it("a printed replay line works from another folder: repository-relative paths are found from anywhere", () => {
    dir = mkdtempSync(join(tmpdir(), "pflash-audit-"));
    const r = spawnSync(process.execPath, [BIN, "replay", ENTRY], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "true" } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`replay: npx pflash-audit replay ${ENTRY} --target impl:qemu-7.2.22`);
  });

  it("--corpus corpus means the folder the user named; a UTF-8 byte-order mark is accepted; a bad file stops the run by name", () => {
    dir = mkdtempSync(join(tmpdir(), "pflash-audit-"));
    mkdirSync(join(dir, "corpus"));
    writeFileSync(join(dir, "corpus", "mine.json"), `\uFEFF${readFileSync(join(ROOT, ENTRY), "utf8")}`);
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "true" } });
    const r = run("run", "--property", "P1", "--runs", "1", "--corpus", "corpus");
    expect(r.stdout).toContain(`corpus: replayed ${join(dir, "corpus", "mine.json")}`);
    expect(r.status).toBe(1);
    writeFileSync(join(dir, "corpus", "bad.json"), "{ nope");
    const bad = run("run", "--property", "P1", "--runs", "1", "--corpus", "corpus");
    expect([bad.status, bad.stdout]).toEqual([2, ""]);
    expect(bad.stderr).toMatch(new RegExp(`^pflash-audit: ${join(dir, "corpus", "bad.json").replaceAll("/", "\\/")}: not valid JSON \\(.*\\)\\n$`));
  });

  it("a qemu: name without a slash is looked up on PATH", () => {
    expect(cli("run", "--target", "qemu:no-such-qemu-anywhere")).toEqual({ code: 2, out: "", err: "pflash-audit: no-such-qemu-anywhere: not found on PATH\n" });
  });
});

describe("what the review of a new user found", () => {
  it("a property that broke counts the failing sequence as exercising it, and --min-coverage cannot go below one", () => {
    const r = cli("run", "--target", "impl:qemu-2.1", "--property", "P1", "--no-corpus");
    expect(r.out).toMatch(/P1: \d+ generated, \d+ ran, 0 filtered out \(the target cannot run them\), [1-9]\d* exercised it/);
    expect(cli("run", "--min-coverage", "0").code).toBe(2);
  });

  it("an advisory miss is not 'every property held', and markdown points below to its counterexamples", () => {
    const r = cli("run", "--target", "impl:proposed-fix", "--property", "P1-strict,P3", "--runs", "100", "--no-corpus");
    expect([r.code, r.out.trim().split("\n").at(-1)]).toEqual([0, "no findings; every other property held (advisory, missed: P1-strict)"]);
    const md = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--runs", "50", "--format", "markdown");
    expect(md.out).toContain("Verdict: **failed** (a property failed: see the counterexample below).");
  });

  it("a --path replay says so in its header instead of the whole budget", () => {
    const first = cli("run", "--target", "impl:qemu-2.2", "--property", "P4", "--runs", "100", "--no-corpus");
    const replay = /replay: npx pflash-audit (.*)/.exec(first.out)?.[1]?.split(" ") ?? [];
    const path = replay[replay.indexOf("--path") + 1];
    expect(cli(...replay, "--no-corpus").out.split("\n")[0]).toBe(`pflash-audit: port qemu-2.2, seed 20141009, path ${path} (one sequence and its shrinks), at most 30 steps`);
  });
});
