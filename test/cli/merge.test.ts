// Why: sharding and --jobs are only usable if the shards together are exactly the unsharded run: merged reports must be byte-identical to it in every format, with its exit code, failures included.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./cli.js";

const dir = mkdtempSync(join(tmpdir(), "pflash-audit-merge-"));
const RUN = ["run", "--target", "impl:qemu-7.2.22", "--property", "P5,P1,P3,P8,P2", "--runs", "100"];
const shard = (k: number, n = 3): string => join(dir, `s${k}-${n}.json`);
let whole: Record<string, { code: number | null; out: string }>;

beforeAll(() => {
  whole = Object.fromEntries(["json", "text", "markdown"].map((f) => [f, cli(...RUN, "--format", f)]));
  for (const k of [1, 2, 3]) cli(...RUN, "--shard", `${k}/3`, "--format", "json", "--report", shard(k));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("run --shard and merge", () => {
  it("the shards' merged report is the unsharded run's, byte for byte, in every format, with its exit code (a failure included)", () => {
    expect(whole.json?.code).toBe(1);
    for (const f of ["json", "text", "markdown"]) {
      const merged = cli("merge", shard(3), shard(1), shard(2), "--format", f);
      expect(merged.out, f).toBe(whole[f]?.out);
      expect(merged.code, f).toBe(whole[f]?.code);
    }
  });

  it("--jobs N runs the shards at once in child processes and prints the one-process run's report, byte for byte, with its exit code", () => {
    for (const f of ["json", "text"]) {
      const jobs = cli(...RUN, "--jobs", "2", "--format", f);
      expect(jobs.out, f).toBe(whole[f]?.out);
      expect(jobs.code, f).toBe(whole[f]?.code);
    }
    expect(cli("run", "--jobs", "0").err).toBe("pflash-audit: --jobs must be between 1 and 256, got 0\n");
    expect(cli("run", "--property", "P1", "--path", "1:0", "--jobs", "2")).toEqual({ code: 2, out: "", err: "pflash-audit: --path replays one property's counterexample: --jobs does not apply\n" });
  });

  it("an interrupted --jobs run leaves no shard running", async () => {
    const shards = (): string[] => (spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout ?? "").split("\n").filter((l) => l.includes("--seed 424242 ") && l.includes("--shard"));
    const parent = spawn(process.execPath, ["bin/pflash-audit.js", "run", "--property", "P7,P8", "--runs", "1000000", "--seed", "424242", "--no-corpus", "--jobs", "2"], { stdio: "ignore" });
    for (let i = 0; i < 100 && shards().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(shards().length).toBe(2);
    const code = new Promise<number | null>((resolve) => parent.on("exit", (c) => resolve(c)));
    parent.kill("SIGINT");
    expect(await code).toBe(130);
    for (let i = 0; i < 30 && shards().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(shards()).toEqual([]);
  }, 30_000);

  it("each shard checks its share of the properties, in the list's order, and says which shard it is", () => {
    const one = cli(...RUN, "--shard", "2/3");
    expect(one.out).toContain("shard 2/3 of the properties");
    expect(one.out.match(/^P\d\S* [a-zA-Z -]+: /gm)?.map((l) => l.split(" ")[0])).toEqual(["P1", "P2"]);
  });

  it.each([
    [["merge", "S1", "S3"], "pflash-audit: shard 2/3 missing: every shard of the run is needed\n"],
    [["merge", "S1", "S1", "S2", "S3"], "pflash-audit: shard 1/3 is given twice (S1 and S1)\n"],
    [["merge"], "pflash-audit: merge needs the JSON reports of a run's shards (run --shard k/n --format json)\n"],
    [["run", "--shard", "0/3"], 'pflash-audit: --shard takes k/n with 1 <= k <= n (e.g. 2/4), got "0/3"\n'],
    [["run", "--shard", "4/3"], 'pflash-audit: --shard takes k/n with 1 <= k <= n (e.g. 2/4), got "4/3"\n'],
    [["run", "--property", "P1,P2", "--shard", "1/3"], "pflash-audit: --shard 1/3: the run has 2 properties to share out, so at most 2 shards\n"],
  ])("%j: exit 2, one line", (args, err) => {
    const files = (s: string): string => s.replace(/S(\d)/g, (_, k: string) => shard(Number(k)));
    expect(cli(...args.map(files))).toEqual({ code: 2, out: "", err: files(err) });
  });

  it("refuses shards of another run, a report that is not a shard, and a diff", () => {
    const other = join(dir, "other.json");
    cli(...RUN.map((a) => (a === "100" ? "50" : a)), "--shard", "2/3", "--format", "json", "--report", other);
    expect(cli("merge", shard(1), other, shard(3)).err).toBe(`pflash-audit: ${other} is from another run than ${shard(1)} (harness, target or plan differ)\n`);
    const plain = join(dir, "plain.json");
    writeFileSync(plain, whole.json?.out ?? "");
    expect(cli("merge", plain).err).toBe(`pflash-audit: ${plain} is not a shard of a run (it has no plan.shard: run it with --shard k/n)\n`);
    const diff = join(dir, "diff.json");
    cli("diff", "--target", "impl:qemu-7.2.22", "--baseline", "impl:proposed-fix", "--runs", "20", "--format", "json", "--report", diff);
    expect(cli("merge", diff)).toEqual({ code: 2, out: "", err: `pflash-audit: ${diff} is a diff report: merge combines the shards of a run\n` });
  });
});
