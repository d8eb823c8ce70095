// Why: a reproducer is only worth pasting if it does on the binary what the harness did: same exit as the harness's verdict, the same commands in the same order, and nothing left behind.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replayEntryAudit } from "../../replay/replay.js";
import { parseCorpusEntry } from "../../replay/corpus.js";
import type { Op } from "../../model/index.js";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import { PROPERTIES } from "../../properties/index.js";
import { parseWorkload, recordedWorkload } from "../../replay/workload.js";
import { reproducerOf } from "../../reproducer/of-failure.js";
import { portTarget } from "../../targets/port.js";
import { commandLines } from "../../reproducer/command-lines.js";
import { commandLog } from "../../targets/qemu/instance.js";
import { openTarget } from "../../targets/open.js";
import { variantForVersion } from "../../targets/qemu/binary.js";
import { HAVE_QEMU, HAVE_QEMU10, QEMU, QEMU10 } from "../targets/qemu/helpers.js";
import { corpusScripts, type EntryScript } from "./corpus.js";

/** The interpreter itself (not a wrapper such as pyenv's shim, which would take the signals meant for it). */
const PYTHON = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout?.trim() ?? "";
const HAVE_PYTHON = PYTHON !== "";
if (!HAVE_PYTHON && process.env.PFLASH_AUDIT_REQUIRE_QEMU === "1") throw new Error("PFLASH_AUDIT_REQUIRE_QEMU=1 but python3 is not there (scripts/install-qemu.sh installs it)");
if (!HAVE_PYTHON) console.log("reproducer scripts not run: python3 not found");

let entries: EntryScript[] = [];
beforeAll(async () => {
  entries = (await corpusScripts()).filter((e) => e.reproducer.kind === "script");
});

/** A fresh folder for one script run: its TMPDIR, which must be empty again when it has ended. */
function sandbox(e: EntryScript): { dir: string; script: string; tmp: string } {
  const dir = mkdtempSync(join(tmpdir(), "pflash-audit-repro-test-"));
  const tmp = join(dir, "tmp");
  spawnSync("mkdir", [tmp]);
  const script = join(dir, "repro.py");
  writeFileSync(script, e.reproducer.kind === "script" ? e.reproducer.text : "");
  return { dir, script, tmp };
}

/** Processes whose command line mentions `path` (a QEMU the script left running would). */
const processesUsing = (path: string): string[] =>
  (spawnSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).stdout ?? "").split("\n").filter((l) => l.includes(path) && !l.includes(" ps "));

/** Runs the script with `args`; returns its exit status and output, and checks it left nothing. */
function runScript(e: EntryScript, args: string[]): { status: number | null; out: string } {
  const s = sandbox(e);
  try {
    const r = spawnSync(PYTHON, [s.script, ...args], { encoding: "utf8", env: { ...process.env, TMPDIR: s.tmp }, timeout: 120_000 });
    expect(readdirSync(s.tmp), `${e.file} left files`).toEqual([]);
    expect(processesUsing(s.tmp), `${e.file} left processes`).toEqual([]);
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
}

/** A command line as the harness logs it and the script prints it, the run's folder written $DIR. */
const normalize = (line: string): string => line.replace(/\/[^\s"=,]*\/(flash0\.fd|[ABC]\.fd|[ABC]\d+\.qtest|[ABC]\d+\.qmp|migration\d+)/g, "$$DIR/$1");
/** Commands that only look (their number depends on what a run inspects and on timing), left out of the comparisons. */
const observing = /^(\S+ qtest b64read|\S+ qmp \{"execute":"(qmp_capabilities|query-status|query-named-block-nodes|human-monitor-command|query-migrate)")/;
/** The commands in a log, normalized, without the observing ones. */
const acting = (lines: readonly string[]): string[] => lines.map(normalize).filter((l) => !observing.test(l));
/** The process starts and commands a script printed, as the harness logs them ("A0 start ARGV", "A0 qmp JSON"). */
const fromScript = (out: string): string[] =>
  out.split("\n").flatMap((l) => {
    const start = /^ {2}\$ (.*-qtest unix:\S*\/([ABC]\d+)\.qtest.*)$/.exec(l);
    if (start) return [`${start[2]} start ${start[1]}`];
    const cmd = /^ {5}([ABC]\d+) (qtest|qmp)> (.*)$/.exec(l);
    return cmd ? [`${cmd[1]} ${cmd[2]} ${cmd[3]}`] : [];
  });
/** Lines grouped by the process they went to, in order. */
const byProcess = (lines: readonly string[]): Record<string, string[]> => {
  const m: Record<string, string[]> = {};
  for (const l of lines) (m[l.split(" ")[0] ?? ""] ??= []).push(l);
  return m;
};

/** What the harness says of the entry on the binaries: 1 it fails, 0 it holds, null it cannot tell (not exercised, not observable). */
async function harnessVerdict(e: EntryScript, qemu: string, peer?: string): Promise<0 | 1 | null> {
  const r = await replayEntryAudit(e.entry, e.file, await openTarget(`qemu:${qemu}`, peer === undefined ? undefined : `qemu:${peer}`));
  const s = r.outcomes[0]?.status;
  return s === "failed" || s === "crashed" ? 1 : s === "held" ? 0 : null;
}

describe.skipIf(!HAVE_QEMU || !HAVE_PYTHON)("reproducer scripts on the binaries", () => {
  const binaries = [{ name: "7.2.22", qemu: QEMU, peer: QEMU10, have: true }, { name: "10.0.2", qemu: QEMU10, peer: QEMU, have: HAVE_QEMU10 }];
  const installedEras = binaries.map((b) => `impl:${variantForVersion(b.name.split(".").map(Number) as [number, number, number])}`);
  for (const b of binaries) {
    it.skipIf(!b.have)(`exit as the harness judges each corpus entry on ${b.name} (1 the bug shows, 0 it does not), leaving nothing behind`, async () => {
      const seen: string[] = [];
      for (const e of entries) {
        if (e.entry.peer !== undefined && !HAVE_QEMU10) continue;
        // A peer of an era no installed binary has (before 7.2.9) cannot be replayed here.
        if (e.entry.peer !== undefined && !installedEras.includes(e.entry.peer)) continue;
        const peer = e.entry.peer === undefined ? undefined : b.peer;
        const want = await harnessVerdict(e, b.qemu, peer);
        if (want === null) continue;
        const got = runScript(e, [b.qemu, ...(peer ? [peer] : [])]);
        expect(got.status, `${e.file} on ${b.name}:\n${got.out}`).toBe(want);
        // An entry found on a model of this very version reproduces on its binary.
        if (e.entry.foundOn === `impl:qemu-${b.name}` || (b.name === "10.0.2" && e.entry.foundOn === "impl:qemu-10.0")) expect(got.status, e.file).toBe(1);
        seen.push(`${e.file.replace("corpus/", "")} ${want}`);
      }
      // The findings this binary shows and the ones it does not are both among them.
      expect(seen.some((s) => s.endsWith(" 1"))).toBe(true);
      expect(seen.some((s) => s.endsWith(" 0"))).toBe(true);
    }, 600_000);
  }

  it("a failure found around OVMF's recorded traffic reproduces from its script on both binaries (F6, from OVMF's own store)", async () => {
    const file = "workloads/ovmf-2022.11-first-boot.json";
    const workload = recordedWorkload(parseWorkload(readFileSync(file, "utf8"), file));
    const o = await checkProperty(PROPERTIES.P9, portTarget("qemu-7.2.22"), { seed: DEFAULT_SEED, runs: 30, maxSteps: 30, workload });
    if (o.status !== "failed") throw new Error(`expected P9 to fail around ${file}`);
    const script = reproducerOf(o, { spec: "impl:qemu-7.2.22", description: "" }, "0.1.0", file);
    const e: EntryScript = { file, entry: entries[0]?.entry as EntryScript["entry"], failure: o, reproducer: script };
    for (const qemu of [QEMU, ...(HAVE_QEMU10 ? [QEMU10] : [])]) {
      const got = runScript(e, [qemu]);
      expect(got.status, got.out).toBe(1);
      expect(got.out).toContain("the bug shows: a write the guest made during the live migration");
    }
  }, 120_000);

  it("sends the commands the harness sends, in the same order per process, with the same command lines", async () => {
    const picked = entries.filter((e) => e.entry.property !== "P6" && e.entry.peer === undefined && e.entry.foundOn.startsWith("impl:qemu-7.2"));
    expect(picked.map((e) => e.entry.property).sort()).toEqual(["P1", "P1", "P2", "P2", "P3", "P5", "P5", "P7", "P7", "P7", "P8", "P8", "P9"]);
    for (const e of picked) {
      const factory = await openTarget(`qemu:${QEMU}`);
      // Opening the target boots a QEMU once to check it; the log starts after that.
      commandLog.lines = [];
      try {
        await replayEntryAudit(e.entry, e.file, factory);
        const harness = acting(commandLog.lines);
        const script = acting(fromScript(runScript(e, [QEMU]).out));
        expect(byProcess(script), e.file).toEqual(byProcess(harness));
        // The command lines a bug report shows (reproducer/command-lines.ts) are the ones the script starts.
        const shown = commandLines(e.entry.boot.readOnly, e.failure.trace.executed, "pc", false, e.entry.boot.format ?? "raw").map((l) => l.argv.join(" ").replace("$QEMU", QEMU));
        expect(script.filter((l) => / start /.test(l)).map((l) => l.replace(/^\S+ start /, "")), e.file).toEqual(shown);
        expect(script.length, e.file).toBeGreaterThan(3);
      } finally {
        commandLog.lines = null;
      }
    }
  }, 300_000);

  it("holds a live window in the first pass as the harness does: the same commands (guest RAM filled, bandwidth throttled and lifted) and the same verdict", async () => {
    const file = "corpus/qemu-7.2.22-P2-io-mode-lost-on-migration.json";
    const base = parseCorpusEntry(readFileSync(file, "utf8"), file);
    const ops = base.ops.flatMap((op): Op[] => (op.kind === "migrate" ? [{ ...op, kind: "migrate-start", position: "first-pass" }, { kind: "migrate-finish" }] : [op]));
    const entry = { ...base, ops };
    const r = await replayEntryAudit(entry, file, portTarget("qemu-7.2.22"));
    const o = r.outcomes[0];
    if (o?.status !== "failed") throw new Error(`F2 with a first-pass window no longer fails on the port (${o?.status})`);
    const e: EntryScript = { file, entry, failure: o, reproducer: reproducerOf(o, r.target, "0.1.0") };
    expect(e.reproducer.kind === "script" && e.reproducer.text).toContain('"B", "shared", False, True, False, True)');
    const factory = await openTarget(`qemu:${QEMU}`);
    commandLog.lines = [];
    try {
      expect((await replayEntryAudit(entry, file, factory)).outcomes[0]?.status).toBe("failed");
      const harness = acting(commandLog.lines);
      expect(harness.filter((l) => /memset|max-bandwidth/.test(l)).map((l) => l.replace(/^\S+ /, ""))).toEqual([
        "qtest memset 0x100000 0x800000 0x5a",
        'qmp {"execute":"migrate-set-parameters","arguments":{"max-bandwidth":100}}',
        'qmp {"execute":"migrate-set-parameters","arguments":{"max-bandwidth":1099511627776}}',
      ]);
      const got = runScript(e, [QEMU]);
      expect(got.status, got.out).toBe(1);
      const script = acting(fromScript(got.out));
      expect(script.some((l) => l.endsWith("qtest memset 0x100000 0x800000 0x5a"))).toBe(true);
      // Across processes too, in the order sent (start lines aside: the other test compares those).
      const sent = (lines: string[]) => lines.filter((l) => !/^\S+ start /.test(l));
      expect(sent(script)).toEqual(sent(harness));
      expect(byProcess(script)).toEqual(byProcess(harness));
    } finally {
      commandLog.lines = null;
    }
  }, 120_000);

  it("says how to run it, refuses what is not QEMU with git bisect's skip code (125), and copes with a TMPDIR too long for QEMU's sockets", () => {
    const f1 = entries.find((e) => e.file.endsWith("qemu-7.2.22-P1-paused-destination-stale.json"));
    if (!f1) throw new Error("F1's entry is missing");
    const s = sandbox(f1);
    try {
      const help = spawnSync(PYTHON, [s.script, "-h"], { encoding: "utf8" });
      expect([help.status, help.stdout.split("\n")[0]]).toEqual([0, "usage: python3 repro.py [QEMU]"]);
      const bad = spawnSync(PYTHON, [s.script, "a", "b"], { encoding: "utf8" });
      expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, "", "usage: python3 repro.py [QEMU]\n"]);
      const notQemu = spawnSync(PYTHON, [s.script, "/bin/true"], { encoding: "utf8" });
      expect(notQemu.status).toBe(125);
      expect(notQemu.stdout.trim()).toMatch(/^could not run the steps: \/bin\/true is not QEMU \(--version printed '.*'\)$/);
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
    const long = sandbox(f1);
    try {
      const tmp = join(long.tmp, "x".repeat(90));
      spawnSync("mkdir", [tmp]);
      const r = spawnSync(PYTHON, [long.script, QEMU], { encoding: "utf8", env: { ...process.env, TMPDIR: tmp } });
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toContain("-qmp unix:/tmp/pflash-audit-");
    } finally {
      rmSync(long.dir, { recursive: true, force: true });
    }
  });

  it("a Ctrl-C while it cleans up does not stop the cleanup", async () => {
    const f1 = entries.find((e) => e.file.endsWith("qemu-7.2.22-P1-paused-destination-stale.json"));
    if (!f1) throw new Error("F1's entry is missing");
    const s = sandbox(f1);
    try {
      const child = spawn(PYTHON, [s.script, QEMU], { env: { ...process.env, TMPDIR: s.tmp }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("the bug shows")) child.kill("SIGINT");
      });
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(code, out).toBe(1);
      expect(readdirSync(s.tmp)).toEqual([]);
      expect(processesUsing(s.tmp)).toEqual([]);
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  }, 60_000);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`on ${signal} in the middle of a live migration, says so, exits 130 and leaves no process or file`, async () => {
      const live = entries.find((e) => e.entry.property === "P9");
      if (!live) throw new Error("the corpus has no P9 entry");
      const s = sandbox(live);
      try {
        const child = spawn(PYTHON, [s.script, QEMU], { env: { ...process.env, TMPDIR: s.tmp }, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let sent = false;
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          // Inside the live window (step 2 runs while the source is paused before its switchover), once.
          if (!sent && /\n2\. /.test(out)) {
            sent = true;
            child.kill(signal);
          }
        });
        const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
        expect(out).toContain("interrupted");
        expect(code).toBe(130);
        expect(readdirSync(s.tmp)).toEqual([]);
        expect(processesUsing(s.tmp), out).toEqual([]);
      } finally {
        rmSync(s.dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
