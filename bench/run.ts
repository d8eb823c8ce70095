// Why: prints the harness's speed and memory figures (npm run bench); targets are compared as figures, never asserted in tests.

import fc from "fast-check";
import type { Geometry, Op } from "../model/index.js";
import { cases, type Case } from "../engine/case.js";
import { checkProperty } from "../engine/check.js";
import { runCase } from "../engine/run-case.js";
import { armVirt, x86pc } from "../generators/geometries.js";
import { PROPERTIES, PROPERTY_IDS } from "../properties/index.js";
import { portTarget } from "../targets/port.js";
import { benchQemu } from "./qemu.js";
import { benchWorkload } from "./workload.js";

const now = (): number => performance.now();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function sample(geometry: Geometry, n: number, maxSteps: number): Case[] {
  return fc.sample(cases({ maxSteps, minSteps: maxSteps, geometry: fc.constant(geometry) }), { seed: 424242, numRuns: n });
}

async function throughput(label: string, geometry: Geometry, n: number): Promise<void> {
  const factory = portTarget("proposed-fix");
  // Steady state, as in an audit of a thousand sequences: the generators' and the port's code compiled first.
  for (const c of sample(geometry, n / 10, 30).slice(0, 50)) await runCase(PROPERTIES.P1, factory, c);
  const t0 = now();
  const cs = sample(geometry, n, 30);
  const gen = now() - t0;
  const count = (k: Op["kind"]) => cs.reduce((s, c) => s + c.ops.filter((o) => o.kind === k).length, 0);
  const guestOps = count("read") + count("write");
  const migrations = count("migrate");
  const live = count("migrate-start");
  const perProperty: string[] = [];
  let total = 0;
  for (const id of PROPERTY_IDS) {
    const t = now();
    for (const c of cs) await runCase(PROPERTIES[id], factory, c);
    const ms = now() - t;
    total += ms;
    perProperty.push(`${id} ${fmt((n / ms) * 1000)}/s`);
  }
  const avg = total / PROPERTY_IDS.length;
  console.log(`${label}: ${n} sequences, ${fmt(cs.reduce((s, c) => s + c.ops.length, 0) / n, 1)} steps each on average`);
  console.log(`  generation: ${fmt((n / gen) * 1000)} sequences/s`);
  console.log(`  execution, mean over properties: ${fmt((n / avg) * 1000)} sequences/s, ${fmt((guestOps / avg) * 1000)} guest ops/s, ${fmt((migrations / avg) * 1000)} migrations/s, ${fmt((live / avg) * 1000)} live migrations/s (generated, applicable or not)`);
  console.log(`  per property: ${perProperty.join(", ")}`);
  console.log(`  generation + execution: ${fmt((n / (gen + avg)) * 1000)} sequences/s`);
}

async function timeToBug(label: string, geometry: Geometry | undefined, seeds: number): Promise<void> {
  const factory = portTarget("qemu-2.1");
  const first: number[] = [];
  const shrunk: number[] = [];
  const runs: number[] = [];
  const steps: number[] = [];
  const geo = geometry ? { geometry: fc.constant(geometry) } : {};
  for (let seed = 1; seed <= seeds; seed++) {
    const t0 = now();
    const details = await fc.check(
      fc.asyncProperty(cases({ maxSteps: 30, ...geo }), async (c) => (await runCase(PROPERTIES.P1, factory, c)).violation === undefined),
      { seed, numRuns: 1000, endOnFailure: true },
    );
    first.push(now() - t0);
    runs.push(details.numRuns);
    const t1 = now();
    const o = await checkProperty(PROPERTIES.P1, factory, { seed, runs: 1000, maxSteps: 30, ...geo });
    shrunk.push(now() - t1);
    steps.push(o.status === "failed" ? o.trace.executed.length : NaN);
  }
  console.log(`${label}: pre-2014 (qemu-2.1) P1 over ${seeds} seeds`);
  console.log(`  sequences to the first failure: median ${median(runs)}, max ${Math.max(...runs)}`);
  console.log(`  time to the first failure: median ${fmt(median(first), 1)} ms`);
  console.log(`  time to the shrunk counterexample: median ${fmt(median(shrunk), 1)} ms, max ${fmt(Math.max(...shrunk), 1)} ms`);
  console.log(`  shrunk length: ${[...new Set(steps)].sort().join(", ")} steps (minimal is 3)`);
}

const heap = (): string => `${fmt(process.memoryUsage().heapUsed / 2 ** 20, 1)} MiB heap, ${fmt(process.memoryUsage().rss / 2 ** 20, 1)} MiB rss`;

await throughput("128 KiB x86 flash", x86pc(32), 2000);
await timeToBug("default geometries", undefined, 15);
console.log(`memory after the 128 KiB runs: ${heap()}`);
await throughput("64 MiB arm virt flash", armVirt(256), 200);
await timeToBug("64 MiB arm virt flash", armVirt(256), 7);
console.log(`memory after the 64 MiB runs: ${heap()}`);
await benchQemu();
await benchWorkload();
