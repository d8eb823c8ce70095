// Why: the reproducer's runs of steps as Python functions, one set per way the binaries may activate an incoming drive, since the model's expectations depend on it.

import { applicable } from "../engine/applicable.js";
import { PEER_HOSTS } from "../engine/target.js";
import { boot as bootWorld, HOSTS, isMigrationStep, step, type Hosts, type Image, type Op, type World } from "../model/index.js";
import { offsetHex } from "../report/format.js";
import { changesOf, SCRIPT_CHECKS, type CheckContext } from "./checks.js";
import type { ReproducerInput } from "./input.js";
import { stepCall, type ReadCheck } from "./steps.js";
import { pyBool } from "./python.js";

/** Whether the target's binary and the peer's activate an incoming drive only at cont (QEMU 10 and later: impl/variants.ts). */
export type Activation = readonly [target: boolean, peer: boolean];

/** The host facts of `a`: hosts B and C run the peer. */
const hostsOf = (a: Activation): Hosts => ({ lateActivation: HOSTS.filter((h) => (PEER_HOSTS.includes(h) ? a[1] : a[0])) });

type Step = { readonly op: Op; readonly mode: string; readonly expected?: number };

/** One run of steps as a Python function named `fn`; constants the check needs go to `declare`. */
function phase(fn: string, input: ReproducerInput, hosts: Hosts, steps: readonly Step[], reads: ReadCheck, check: ((c: CheckContext) => string) | null, declare: string[]): string[] {
  const lines = [`def ${fn}(r):`, "    r.boot()"];
  let world: World = bootWorld(input.boot, hosts);
  steps.forEach((s, i) => {
    const before = world;
    world = step(world, s.op).world;
    lines.push(`    ${stepCall(i + 1, s.op, s.mode, input.boot.geometry, { ...(s.expected === undefined ? {} : { model: s.expected }), check: reads })}`);
    if (!check || input.crash !== null || i + 1 !== input.failingStep) return;
    const expectArray = (img: Image): string => {
      const name = `${fn.toUpperCase()}_ARRAY_AFTER_STEP_${i + 1}`;
      const runs = changesOf(img).map(([o, h]) => `    (${offsetHex(o)}, "${h}"),`);
      declare.push(`# The model's flash array at step ${i + 1} of ${fn}, as changes from the initial image: (offset, bytes).`, `${name} = [`, ...runs, "]", "");
      return name;
    };
    lines.push(`    ${check({ n: i + 1, before, after: world, expectArray })}`);
  });
  return lines;
}

/** The steps a run without the migrations executes (P6's other side), with the model's modes and reads. */
function withoutMigrations(input: ReproducerInput, hosts: Hosts): Step[] {
  let world = bootWorld(input.boot, hosts);
  const out: Step[] = [];
  for (const { op } of input.executed) {
    if (isMigrationStep(op) || op.kind === "cont" || op.kind === "stop" || !applicable(world, op)) continue;
    const next = step(world, op);
    out.push({ op, mode: world.chip.mode.kind, ...(next.out === undefined ? {} : { expected: next.out }) });
    world = next.world;
  }
  return out;
}

/** The Python of one set of runs (definitions), and the list of (name, function) main() runs. */
function runsFor(input: ReproducerInput, a: Activation, suffix: string): { code: string[]; list: string } {
  const hosts = hostsOf(a);
  const plan = SCRIPT_CHECKS[input.property];
  const declare: string[] = [];
  const named: [string, string[]][] = plan.twoRuns
    ? [
        ["without-migrations", phase(`without_migrations${suffix}`, input, hosts, withoutMigrations(input, hosts), "none", null, declare)],
        ["with-migrations", phase(`with_migrations${suffix}`, input, hosts, input.executed, plan.reads, plan.after, declare)],
      ]
    : [["steps", phase(`steps${suffix}`, input, hosts, input.executed, plan.reads, plan.after, declare)]];
  const list = `[${named.map(([n, lines]) => `("${n}", ${(lines[0] ?? "").slice(4, -4)})`).join(", ")}]`;
  return { code: [...declare, ...named.flatMap(([, lines]) => [...lines, "", ""])], list };
}

const when = (late: boolean): string => (late ? "only at cont (QEMU 10 and later)" : "when the incoming migration completes (QEMU before 10)");
const WHO = (a: Activation, peer: boolean): string =>
  peer ? `host A's QEMU activates an incoming drive ${when(a[0])}, hosts B and C's ${when(a[1])}` : `a destination activates its drive ${when(a[0])}`;

/**
 * The step functions and the PHASES table main() picks from by the binaries' versions: for each
 * case, what the model's expectations assume (printed) and the runs. Where the model expects the
 * same whenever a destination activates its drive, there is one set of functions; otherwise one per
 * case, each saying which binaries it is for.
 */
export function phasesPython(input: ReproducerInput): string[] {
  const peer = input.peer !== undefined;
  const cases: Activation[] = peer ? [[false, false], [false, true], [true, false], [true, true]] : [[false, false], [true, true]];
  const plain = cases.map((a) => runsFor(input, a, "").code.join("\n"));
  const distinct = [...new Set(plain)];
  const group = (i: number): number => distinct.indexOf(plain[i] ?? "");
  const sets = distinct.map((_, k) => runsFor(input, cases[plain.indexOf(distinct[k] ?? "")] ?? [false, false], distinct.length === 1 ? "" : `_${k + 1}`));
  const who = (k: number): string => cases.filter((_, i) => group(i) === k).map((a) => WHO(a, peer)).join("; or ");
  const code = sets.flatMap((s, k) => [...(distinct.length === 1 ? [] : [`# For when ${who(k)}.`]), ...s.code]);
  const said = (a: Activation): string => (distinct.length === 1 ? "the same whichever QEMU runs the steps" : `${WHO(a, peer)}, so the model expects what that QEMU should do`);
  const table = cases.map((a, i) => `    (${pyBool(a[0])}, ${pyBool(a[1])}): (${JSON.stringify(said(a))}, ${sets[group(i)]?.list ?? "[]"}),`);
  const why =
    distinct.length === 1
      ? ["# What main() runs; the model expects the same whichever QEMU runs it."]
      : ["# What main() runs, by whether each binary activates an incoming drive only at cont (QEMU 10 and later):", "# the model's expectations differ between the two."];
  return [...code, ...why, "PHASES = {", ...table, "}", ""];
}
