// Why: prints the QEMU target's figures (part of npm run bench when the binary is there): migrations/s, sequences/min, harness overhead.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { Op } from "../model/index.js";
import { cases } from "../engine/case.js";
import { checkProperty, DEFAULT_SEED } from "../engine/check.js";
import { runnable } from "../engine/observable.js";
import type { TargetFactory } from "../engine/target.js";
import { parseCorpusEntry } from "../replay/corpus.js";
import { runCase } from "../engine/run-case.js";
import { x86pc } from "../generators/geometries.js";
import { template } from "../generators/template.js";
import { PROPERTIES } from "../properties/index.js";
import { cpuAccount } from "../targets/qemu/cpu-time.js";
import { Launcher } from "../targets/qemu/launcher.js";
import { QemuTarget } from "../targets/qemu/target.js";
import { openQemu, qemuGeometries } from "../targets/qemu.js";
import fc from "fast-check";

const fmt = (n: number, d = 1) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

/** A live migration to `to` with one program in its window (shared and non-shared storage in turn), held after the first pass or in it. */
export const liveMigration = (to: "A" | "B" | "C", i: number, position?: "first-pass"): Op[] => [
  { kind: "migrate-start", to, storage: i % 2 ? "shared" : "non-shared", readOnly: false, autostart: true, ...(position ? { position } : {}) },
  { kind: "write", offset: 0x1000, width: 1, value: 0x40 },
  { kind: "write", offset: 0x1000, width: 1, value: i & 0xff },
  { kind: "migrate-finish" },
];

/** Runs the QEMU figures, or says why not. */
export async function benchQemu(binary = process.env.PFLASH_AUDIT_QEMU ?? "/usr/bin/qemu-system-x86_64"): Promise<void> {
  if (!existsSync(binary)) {
    console.log(`qemu: skipped (${binary} not found; scripts/install-qemu.sh installs it)`);
    return;
  }
  const { factory, info } = await openQemu(binary);
  console.log(`qemu: ${info.versionLine}`);
  const n = 30;
  const m1 = await migrationsPerSecond(binary, 1, n);
  console.log(`  migrations (128 KiB flash, shared/non-shared): ${fmt(m1)} /s, ${fmt(1000 / m1)} ms each (target >= 5/s)`);
  for (const position of [undefined, "first-pass"] as const) {
    const t = await QemuTarget.boot(binary, { geometry: x86pc(32), template, readOnly: false });
    const hosts = ["B", "C", "A"] as const;
    const t2 = performance.now();
    for (let i = 0; i < n; i++) for (const op of liveMigration(hosts[(i + 1) % 3] ?? "B", i, position)) await t.apply(op);
    const live = performance.now() - t2;
    await t.close();
    console.log(`  live migrations (start, a program in the window, finish) ${position ? "held in the first pass" : "after the first pass"}: ${fmt((n / live) * 1000)} /s, ${fmt(live / n)} ms each`);
  }
  await benchJobs(binary, factory, m1);

  // Overhead in the steady state of an audit: a few sequences first so that JIT compilation is not counted.
  const sample = (seed: number, runs: number) =>
    fc.sample(cases({ maxSteps: 30, geometry: qemuGeometries }), { seed, numRuns: runs }).filter((c) => runnable(factory, c));
  for (const c of sample(7, 5)) await runCase(PROPERTIES.P2, factory, c);
  const measured = sample(424242, 60);
  cpuAccount.enabled = true;
  const [qemu0, until0, wrappers0, shell0] = [cpuAccount.qemu, cpuAccount.qemuUntilQuit, cpuAccount.wrappers, Launcher.get().ownCpuSeconds()];
  const node0 = process.cpuUsage();
  const t1 = performance.now();
  for (const c of measured) await runCase(PROPERTIES.P2, factory, c);
  const wall = performance.now() - t1;
  const used = process.cpuUsage(node0);
  const node = (used.user + used.system) / 1e6;
  const shell = Launcher.get().ownCpuSeconds() - shell0 + cpuAccount.wrappers - wrappers0;
  const qemu = cpuAccount.qemu - qemu0;
  const untilQuit = cpuAccount.qemuUntilQuit - until0;
  cpuAccount.enabled = false;
  const harness = node + shell;
  const steps = measured.reduce((s, c) => s + c.ops.length, 0) / measured.length;
  console.log(`  sequences (P2, ${measured.length} of ~${fmt(steps, 0)} steps): ${fmt((measured.length / wall) * 60000, 0)} /min`);
  console.log(`  CPU: harness ${fmt(harness, 2)} s (node ${fmt(node, 2)} s, launcher shell ${fmt(shell, 2)} s), QEMU ${fmt(qemu, 2)} s (every process, start to exit, with its migration helpers)`);
  console.log(`  harness overhead: ${fmt((harness / qemu) * 100, 0)}% of QEMU's process time (target < 20%)`);
  console.log(`  (against the QEMU processes alone up to their quit, ${fmt(untilQuit, 2)} s, a lower bound: ${fmt((harness / untilQuit) * 100, 0)}%)`);
}

/** Migrations/s of `jobs` VMs migrating side by side, each with processes of its own (what --jobs lanes do). */
async function migrationsPerSecond(binary: string, jobs: number, n: number): Promise<number> {
  const vms = await Promise.all(Array.from({ length: jobs }, () => QemuTarget.boot(binary, { geometry: x86pc(32), template, readOnly: false })));
  const hosts = ["B", "C", "A"] as const;
  const t0 = performance.now();
  await Promise.all(vms.map(async (t) => {
    for (let i = 0; i < n; i++) await t.apply({ kind: "migrate", to: hosts[i % 3] ?? "B", storage: i % 2 ? "shared" : "non-shared", readOnly: false, autostart: true });
  }));
  const ms = performance.now() - t0;
  await Promise.all(vms.map((t) => t.close()));
  return ((jobs * n) / ms) * 1000;
}

/** Generated sequences/s of an audit's search phase (shrinking, which runs on one lane, left out) with `jobs` lanes. */
async function searchPerSecond(factory: TargetFactory, jobs: number, knownCrashes: ReadonlySet<string>): Promise<{ perSecond: number; count: number }> {
  let [count, last] = [0, 0];
  const t0 = performance.now();
  const lanes = Array.from({ length: jobs - 1 }, () => factory);
  await checkProperty(PROPERTIES.P1, factory, { seed: DEFAULT_SEED, runs: 60, maxSteps: 30, lanes, knownCrashes, onEvent: (e) => {
    if (e.phase === "generate") [count, last] = [e.sequences, performance.now()];
  } });
  return { perSecond: (count / (last - t0)) * 1000, count };
}

/** The signatures of the crashes the project's corpus holds (F7), which an audit leaves out of its search. */
function corpusCrashes(): Set<string> {
  const dir = new URL("../corpus/", import.meta.url);
  const entries = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => parseCorpusEntry(readFileSync(new URL(f, dir), "utf8"), f));
  return new Set(entries.flatMap((e) => (e.crash === undefined ? [] : [e.crash])));
}

/** The --jobs figures against `m1`, the one-lane migrations/s measured in the same run, and the speedup measured. */
async function benchJobs(binary: string, factory: TargetFactory, m1: number): Promise<void> {
  const [m2, m3] = [await migrationsPerSecond(binary, 2, 30), await migrationsPerSecond(binary, 3, 30)];
  console.log(`  migrations with --jobs 1: ${fmt(m1)} /s (target >= 15), with --jobs 2: ${fmt(m2)} /s: ${fmt(m2 / m1, 2)}x (target >= 1.7x)`);
  // One job already runs a source and a destination QEMU side by side; more lanes than cores show what the machine gives at most.
  console.log(`  with --jobs 3 (more lanes than cores: the machine's ceiling): ${fmt(m3)} /s, so --jobs 2 reaches ${fmt((m2 / Math.max(m2, m3)) * 100, 0)}% of it and one job uses ${fmt((m1 / Math.max(m2, m3)) * 2, 2)} of the 2 cores`);
  const known = corpusCrashes();
  const [s1, s2] = [await searchPerSecond(factory, 1, known), await searchPerSecond(factory, 2, known)];
  console.log(`  audit search (P1, ${s1.count} sequences): ${fmt(s1.perSecond)} sequences/s with --jobs 1, ${fmt(s2.perSecond)} with --jobs 2: ${fmt(s2.perSecond / s1.perSecond, 2)}x`);
}
