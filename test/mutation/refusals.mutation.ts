// Why: the audit never sends a step its model rules out, so the port's own refusals (QEMU's snapshot errors, the datacenter's guards) would go unchecked; here every ruled-out host step of generated sequences is sent to the port anyway, which must refuse it with QEMU's words (or do nothing, as QEMU does) and change nothing.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cases } from "../../engine/case.js";
import { DEFAULT_SEED } from "../../engine/check.js";
import { applicable } from "../../engine/applicable.js";
import { TargetCrash, type PageView, type Target, type TargetState } from "../../engine/target.js";
import { NotApplicableError } from "../../impl/datacenter.js";
import type { VariantName } from "../../impl/variants.js";
import { boot as bootWorld, HOSTS, isSnapshotStep, SNAPSHOT_NAMES, snapshotObstacle, snapshotText, step, type Op, type World } from "../../model/index.js";
import { describeOp } from "../../report/steps.js";
import { portTarget } from "../../targets/port.js";

/** What the port must do with a step the model rules out: refuse it as out of place (the datacenter's words), refuse it with QEMU's words, or carry it out as nothing. */
type Answer = { readonly kind: "not-applicable"; readonly words: string } | { readonly kind: "refused"; readonly words: string } | { readonly kind: "nothing" };

/**
 * The answer QEMU gives (bdrv_all_can_snapshot() first: a read-only drive is no candidate, a raw or
 * not yet owned one cannot take snapshots; then the name), or null for a guest step or run-state
 * change the harness leaves out for the guest's sake, where no refusal is due. Whether the drive is
 * read-only and owned is the port's own view (`s`): an era that departs from the ideal (F11: a stop
 * lost at the pause, so the destination runs and takes its image over) refuses by what it did.
 */
function answer(w: World, s: TargetState, op: Op): Answer | null {
  if (isSnapshotStep(op)) {
    const obstacle = snapshotObstacle(w, op);
    if (w.outgoing) return { kind: "not-applicable", words: `${op.kind} while a migration is in progress` };
    if (s.readOnly) return { kind: "refused", words: "No block device can accept snapshots" };
    if (obstacle === "raw-drive" || !s.driveActive) return { kind: "refused", words: "Device 'pflash1' is writable but does not support snapshots" };
    if (obstacle === "name-taken") return { kind: "refused", words: `Snapshot '${op.name}' already exists in one or more devices` };
    if (obstacle === "not-saved") return op.kind === "delvm" ? { kind: "nothing" } : { kind: "refused", words: `Snapshot '${op.name}' does not exist in one or more devices` };
    return null;
  }
  if (op.kind === "migrate" || op.kind === "migrate-start") return { kind: "not-applicable", words: op.to === w.vm.host ? `the VM already runs on ${op.to}` : "a migration is already in progress" };
  return op.kind.startsWith("migrate") ? { kind: "not-applicable", words: "no migration is in progress" } : null;
}

/** The port's pages are never written in place, so holding them keeps what a view showed. */
const frozen = (v: PageView): PageView => {
  const pages = Array.from({ length: Math.ceil(v.size / 4096) }, (_, i) => v.page(i));
  return { size: v.size, page: (i) => pages[i] as Uint8Array };
};
const samePages = (a: PageView, b: PageView): boolean =>
  a.size === b.size && Array.from({ length: Math.ceil(a.size / 4096) }, (_, i) => [a.page(i), b.page(i)] as const).every(([x, y]) => x === y || x.every((v, j) => v === y[j]));

interface Seen {
  readonly state: TargetState;
  readonly flash: PageView;
  readonly drive: PageView;
}
async function look(t: Target): Promise<Seen> {
  const flash = await t.flash();
  if (flash === null) throw new Error("the port always shows its RAMBlock");
  return { state: await t.state(), flash: frozen(flash), drive: frozen(await t.drive()) };
}

/** Sends ruled-out `op` to `t`; returns a complaint, or null when the port answered as QEMU does and nothing changed. */
async function refuse(t: Target, w: World, op: Op, a: Answer): Promise<string | null> {
  const before = await look(t);
  let said: string;
  try {
    await t.apply(op);
    said = "nothing";
  } catch (e) {
    if (e instanceof NotApplicableError) said = `not applicable: ${e.message}`;
    else if (e instanceof TargetCrash && isSnapshotStep(op) && e.what === `QEMU on host ${w.vm.host} refused ${snapshotText(op)}`) said = e.stderr;
    else throw e;
  }
  const want = a.kind === "refused" ? `Error: ${a.words}` : a.kind === "not-applicable" ? `not applicable: ${a.words}` : a.kind;
  if (said !== want) return `${describeOp(op)}: the port answered ${JSON.stringify(said)}, QEMU ${JSON.stringify(want)}`;
  const after = await look(t);
  // hmp_loadvm() and the snapshot-load job stop a running VM before load_snapshot() looks for the name, and start it
  // again only after a load: a load of a name the drive lacks leaves the VM in restore-vm (F14, measured on 7.2.22 and 10.0.2).
  const state = op.kind === "loadvm" && before.state.status === "running" ? { ...before.state, running: false, status: "restore-vm" } : before.state;
  if (JSON.stringify(after.state) !== JSON.stringify(state)) return `${describeOp(op)} refused left ${JSON.stringify(after.state)}, was ${JSON.stringify(before.state)}`;
  return samePages(before.flash, after.flash) && samePages(before.drive, after.drive) ? null : `${describeOp(op)} refused changed the flash or the drive`;
}

/**
 * Ruled-out host steps to try on top of a sequence's own, wherever the VM is: a second migration
 * or a snapshot step inside a live window, a migration's end outside one, a migration to where the
 * VM is, and every snapshot step the model says QEMU refuses or ignores (loads only while the VM is
 * not running, since a refused load stops a running one).
 */
function probes(w: World): Op[] {
  const elsewhere = HOSTS.find((h) => h !== w.vm.host) ?? "B";
  const out: Op[] = w.outgoing
    ? [{ kind: "migrate", to: elsewhere, storage: "shared", readOnly: false, autostart: true }]
    : [{ kind: "migrate-finish" }, { kind: "migrate-start", to: w.vm.host, storage: "shared", readOnly: false, autostart: true }];
  for (const name of SNAPSHOT_NAMES) {
    for (const kind of ["savevm", "loadvm", "delvm"] as const) {
      for (const via of ["hmp", "job"] as const) {
        const op: Op = { kind, name, via };
        if (snapshotObstacle(w, op) !== null && !(kind === "loadvm" && w.vm.run === "running")) out.push(op);
      }
    }
  }
  return out;
}

// The eras the binaries are, and the fix; snapshot sequences, their drives raw one time in four.
const ORDER: VariantName[] = ["proposed-fix", "qemu-7.2.22", "qemu-10.0"];
const snapshotCases = fc.tuple(cases({ maxSteps: 30, snapshots: true }), fc.nat(3)).map(([c, n]) => (n === 0 ? { ...c, boot: { ...c.boot, format: "raw" as const } } : c));

describe.each(ORDER)("the port in %s refuses what QEMU refuses", (variant) => {
  it("every ruled-out migration and snapshot step: QEMU's words or nothing, and no change", async () => {
    const factory = portTarget(variant);
    const refused = { count: 0 };
    await fc.assert(
      fc.asyncProperty(snapshotCases, async (c) => {
        let w = bootWorld(c.boot, factory.hosts);
        const t = await factory.create(c.boot);
        const tryRefused = async (op: Op): Promise<boolean> => {
          const a = answer(w, await t.state(), op);
          if (a === null) return true;
          refused.count++;
          const complaint = await refuse(t, w, op, a);
          if (complaint) throw new Error(complaint);
          // A refused loadvm leaves a running VM stopped (above): the model cannot follow, the sequence ends.
          return !(op.kind === "loadvm" && a.kind === "refused" && (await t.state()).status === "restore-vm");
        };
        try {
          for (const op of c.ops) {
            for (const p of probes(w)) {
              expect(applicable(w, p), describeOp(p)).toBe(false);
              if (!(await tryRefused(p))) return;
            }
            if (applicable(w, op)) {
              try {
                await t.apply(op);
              } catch (e) {
                if (e instanceof TargetCrash) return; // a known crash of this era ends the sequence (the audits look at those)
                throw e;
              }
              w = step(w, op).world;
              continue;
            }
            if (!(await tryRefused(op))) return;
          }
        } finally {
          await t.close();
        }
      }),
      { seed: DEFAULT_SEED, numRuns: 80 },
    );
    expect(refused.count).toBeGreaterThan(1000);
  });
});
