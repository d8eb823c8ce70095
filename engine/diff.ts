// Why: a reviewer's question, "what does this emulator change change?": the same sequences on two targets, the first observable difference, shrunk.

import fc from "fast-check";
import { crashSignature } from "./crash.js";
import { boot as bootWorld, currentDrive, queryStatus, step, type Boot, type Op, type World } from "../model/index.js";
import { applicable } from "./applicable.js";
import { cases, type Case } from "./case.js";
import { badPath, checkSkips, pathError, targetCaseOptions, type CheckOptions } from "./check.js";
import { FirstError } from "./first-error.js";
import { TargetCrash } from "./target.js";
import { yieldNow } from "./yield.js";
import { runnableOnAll } from "./observable.js";
import { difference, sameBytes, type Pages } from "./pages.js";
import { differenceText, hexOr, offsetHex, type Difference } from "../report/format.js";
import type { StepResult, Target, TargetFactory, TargetState } from "./target.js";

/** One step as both targets ran it, with what the model says a read returns. */
export interface DiffExecuted {
  readonly op: Op;
  readonly readA?: number;
  readonly readB?: number;
  readonly model?: number;
}

/** Which side stands alone in a disagreement: the other two agree ("all" when none do; "no-model" for what the model has no view of, such as the device's migration section). */
export type OddOneOut = "target" | "baseline" | "all" | "no-model";

/** Both runs of one case, up to the first difference. */
export interface DiffTrace {
  readonly executed: readonly DiffExecuted[];
  readonly difference?: { readonly step: number; readonly message: string; readonly bytes?: Difference; readonly odd: OddOneOut };
}

const oddScalar = <T>(a: T, b: T, m: T): OddOneOut => (a === m ? "baseline" : b === m ? "target" : "all");
const oddPages = (a: Pages, b: Pages, m: Pages): OddOneOut => (sameBytes(a, m) ? "baseline" : sameBytes(b, m) ? "target" : "all");
const ODD_TEXT: Record<OddOneOut, string> = {
  target: "the target disagrees with the model and the baseline",
  baseline: "the baseline disagrees with the model and the target",
  all: "all three disagree",
  "no-model": "the model has no view of it",
};


const failure = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function apply(t: Target, op: Op): Promise<StepResult | Error> {
  try {
    return await t.apply(op);
  } catch (e) {
    if (e instanceof TargetCrash) return e;
    throw e;
  }
}

const STATE_FIELDS: readonly (keyof TargetState)[] = ["host", "running", "status", "readOnly", "loaded", "driveActive"];

const said = (odd: OddOneOut, what: string) => ({ step: 0, odd, message: `${what}: ${ODD_TEXT[odd]}` });

/** The model's view of the state fields. */
function modelState(w: World): TargetState {
  const status = queryStatus(w);
  return { host: w.vm.host, running: status === "running", status, readOnly: w.vm.readOnly, loaded: w.vm.arrived, driveActive: w.vm.owns };
}

/** Writes a side's drive refused because the image was inactive, as text (undefined: that side cannot see them). */
const inactiveWrites = (r: StepResult): string | undefined =>
  r.writes?.filter((x) => x.refused === "inactive-image").map((x) => `${x.length ?? "some"} bytes at ${x.offset === null ? "?" : offsetHex(x.offset)} to ${x.file}`).join(", ");

/** A difference in writes refused because an image was inactive (the model refuses none), where both sides can see them. */
function refusedDifference(ra: StepResult, rb: StepResult): DiffTrace["difference"] | null {
  const [wa, wb] = [inactiveWrites(ra), inactiveWrites(rb)];
  if (wa === undefined || wb === undefined || wa === wb) return null;
  const odd: OddOneOut = wa === "" ? "baseline" : wb === "" ? "target" : "all";
  return said(odd, `writes to an inactive image: ${wa || "none"} on the target, ${wb || "none"} on the baseline, none in the model`);
}

/**
 * After a step that loads a migration: a difference between the device sections the two destinations
 * loaded (field order, widths, the subsection and when it is sent), where both targets show theirs.
 */
async function sectionDifference(a: Target, b: Target): Promise<DiffTrace["difference"] | null> {
  const [xa, xb] = [await a.section?.(), await b.section?.()];
  if (!xa || !xb) return null;
  const at = xa.bytes.findIndex((x, i) => x !== xb.bytes[i]);
  if (at < 0 && xa.bytes.length === xb.bytes.length) return null;
  const where = xa.text === xb.text ? ` (the bytes differ from byte ${at < 0 ? Math.min(xa.bytes.length, xb.bytes.length) : at})` : "";
  return said("no-model", `the device's migration section differs: ${xa.text} on the target, ${xb.text} on the baseline${where}`);
}

/** The first difference between the two targets after a step, or null; says which of target, baseline and model stands alone. */
async function compare(a: Target, b: Target, ra: StepResult, rb: StepResult, w: World, model: number | undefined, op: Op): Promise<DiffTrace["difference"] | null> {
  const width = op.kind === "read" || op.kind === "write" ? op.width : 1;
  const hex = (n: number | undefined) => hexOr(n, "nothing", width);
  if (ra.read !== rb.read) return said(oddScalar(ra.read, rb.read, model), `the read returned ${hex(ra.read)} on the target, ${hex(rb.read)} on the baseline, ${hex(model)} in the model`);
  const refused = refusedDifference(ra, rb);
  if (refused) return refused;
  const [sa, sb, sm] = [await a.state(), await b.state(), modelState(w)];
  for (const f of STATE_FIELDS) {
    if (sa[f] !== sb[f]) return said(oddScalar(sa[f], sb[f], sm[f]), `${f} is ${String(sa[f])} on the target, ${String(sb[f])} on the baseline, ${String(sm[f])} in the model`);
  }
  const section = op.kind === "migrate" || op.kind === "migrate-finish" ? await sectionDifference(a, b) : null;
  if (section) return section;
  const views = [["flash", (t: Target) => t.flash(), w.chip.array], ["drive", (t: Target) => t.drive(), currentDrive(w)]] as const;
  for (const [name, view, ideal] of views) {
    const [va, vb] = [await view(a), await view(b)];
    if (!va || !vb) continue;
    const d = difference("target", va, "baseline", vb);
    if (d) return { ...said(oddPages(va, vb, ideal), `the ${name} differs (${differenceText(d)})`), bytes: d };
  }
  return null;
}

/** Runs `ops` on both targets in lockstep and stops at the first difference. */
export async function runDiff(fa: TargetFactory, fb: TargetFactory, b: Boot, ops: readonly Op[]): Promise<DiffTrace> {
  const executed: DiffExecuted[] = [];
  const [ta, tb] = [await fa.create(b), await fb.create(b)];
  let world = bootWorld(b, fa.hosts);
  try {
    for (const op of ops) {
      if (!applicable(world, op)) continue;
      const next = step(world, op);
      world = next.world;
      const [ra, rb] = [await apply(ta, op), await apply(tb, op)];
      const at = executed.length;
      executed.push({
        op,
        ...(ra instanceof Error || ra.read === undefined ? {} : { readA: ra.read }),
        ...(rb instanceof Error || rb.read === undefined ? {} : { readB: rb.read }),
        ...(next.out === undefined ? {} : { model: next.out }),
      });
      if (ra instanceof Error || rb instanceof Error) {
        // Where one side knows the emulator runs into undefined behaviour, the other may crash or go on: nothing from here compares.
        if ((ra instanceof TargetCrash && ra.undefinedBehaviour) || (rb instanceof TargetCrash && rb.undefinedBehaviour)) return { executed };
        if (ra instanceof TargetCrash && rb instanceof TargetCrash) {
          // Both died at the same step: they agree if they died of the same assertion (or neither said which), and nothing after it can be compared.
          const [sa, sb] = [crashSignature(ra, op.kind), crashSignature(rb, op.kind)];
          if (sa === sb) return { executed };
          return { executed, difference: { step: at, odd: "all", message: `both died, differently: the target ${sa ?? ra.what}, the baseline ${sb ?? rb.what}` } };
        }
        const odd: OddOneOut = ra instanceof Error ? "target" : "baseline";
        const who = ra instanceof Error ? `the target failed (${failure(ra)})` : `the baseline failed (${failure(rb as Error)})`;
        return { executed, difference: { step: at, odd, message: `${who} and the other did not` } };
      }
      const d = await compare(ta, tb, ra, rb, world, next.out, op);
      if (d) return { executed, difference: { ...d, step: at } };
    }
    return { executed };
  } finally {
    await ta.close();
    await tb.close();
  }
}

/** The outcome of a differential audit. */
export type DiffOutcome =
  | { readonly status: "same"; readonly runs: number }
  | { readonly status: "different"; readonly runs: number; readonly seed: number; readonly path: string; readonly shrinks: number; readonly case: Case; readonly trace: DiffTrace };

/** One pair of runs while diffing: during generation, or a shrink attempt after the first difference. */
export interface DiffEvent {
  readonly phase: "generate" | "shrink";
  readonly sequences: number;
  readonly shrinks: number;
}

/** Runs generated sequences on both targets and shrinks the first behavioural difference. */
export async function checkDiff(fa: TargetFactory, fb: TargetFactory, opts: Omit<CheckOptions, "onEvent"> & { readonly onEvent?: (e: DiffEvent) => void }): Promise<DiffOutcome> {
  const geometry = opts.geometry ?? fa.geometries ?? fb.geometries;
  let [sequences, shrinks, differing] = [0, 0, false];
  const harness = new FirstError();
  const property = fc.asyncProperty(cases({ ...opts, ...targetCaseOptions([fa, fb], opts.storage, opts.snapshots), ...(geometry ? { geometry } : {}) }), async (c) => {
    await yieldNow();
    fc.pre(runnableOnAll([fa, fb], c));
    const same = (await harness.run(() => runDiff(fa, fb, c.boot, c.ops))).difference === undefined;
    if (differing) shrinks += same ? 0 : 1;
    else sequences++;
    opts.onEvent?.({ phase: differing ? "shrink" : "generate", sequences, shrinks });
    differing ||= !same;
    return same;
  });
  let details: fc.RunDetails<[Case]>;
  try {
    details = await fc.check(property, { seed: opts.seed, numRuns: opts.runs, ...(opts.path === undefined ? {} : { path: opts.path }), ...(opts.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: opts.timeLimitMs }) });
  } catch (e) {
    throw pathError(e, opts.path, opts.seed) ?? e;
  }
  harness.rethrow();
  if (details.errorInstance && !details.counterexample) throw details.errorInstance;
  checkSkips(details, `${fa.spec} against ${fb.spec}`);
  if (opts.path !== undefined && sequences !== 1) throw badPath(opts.path, opts.seed);
  if (!details.failed || !details.counterexample) return { status: "same", runs: sequences };
  const [c] = details.counterexample;
  return { status: "different", runs: sequences, seed: details.seed, path: details.counterexamplePath ?? "", shrinks: details.numShrinks, case: c, trace: await runDiff(fa, fb, c.boot, c.ops) };
}
