// Why: generates sequences a firmware and a management stack would plausibly produce, in groups that shrink as a unit into readable counterexamples.

import fc from "fast-check";
import { HOSTS, type Geometry, type Migrate, type MigrateEnd, type MigrateStart, type Op, type StorageMode } from "../model/index.js";
import { byteArb, byteInMode, commandWalk, continuation, prefix, prefixArb } from "./commands.js";
import { guestGroups, weightedGuestGroups, windowGroups } from "./guest.js";
import { ReshapingArbitrary } from "./reshape.js";
import { snapshotArb, snapshotRoundTrip } from "./snapshots.js";
import { place, readIf, spotArb, widthArb, write } from "./spot.js";
import { alikeMigrations, withForms, type StepGroup } from "./step-group.js";

export type { StepGroup } from "./step-group.js";
export { place } from "./spot.js";

/** Options for the generated sequences. */
export interface StepOptions {
  /** Maximum number of steps (bus accesses and host events) per sequence. */
  readonly maxSteps: number;
  /** Minimum number of steps (benchmarks use it to get sequences of a fixed length). */
  readonly minSteps?: number;
  /** Storage modes migrations may use. */
  readonly storage: readonly StorageMode[];
  /** Every migration opens the destination drive with this readonly flag (P6 compares runs that must be configured alike). */
  readonly readOnlyAs?: boolean;
  /** Migrations may ask for the late-block-activate capability (default: yes; no for an emulator before QEMU 3.0). */
  readonly lateBlockActivate?: boolean;
  /** Sequences take, load and delete internal snapshots (the drives are qcow2 images). */
  readonly snapshots?: boolean;
}

/** An event as it happens in the middle of a command: a pause is a pause and a resume (as for a backup), so the command goes on after it. */
const eventSteps = (e: Op): Op[] => (e.kind === "stop" ? [e, { kind: "cont" }] : [e]);

/**
 * A multi-step command with a host event in its middle: the prefix, the event, then a byte and a
 * read. The group shrinks to the bare event, or to the command without it.
 */

function interrupted(event: fc.Arbitrary<Op>, limits: StepOptions): fc.Arbitrary<StepGroup> {
  // Half the time the guest goes on with its command after the event (a firmware does), else any byte.
  const after = fc.option(fc.tuple(fc.boolean(), byteArb), { nil: undefined });
  const read = fc.option(widthArb, { nil: undefined });
  return fc.tuple(spotArb, fc.option(prefixArb, { nil: undefined, freq: 10 }), event, after, read).map(([at, k, e, then, width]): StepGroup => {
    const b = then === undefined ? undefined : then[0] ? (continuation(k) ?? then[1]) : then[1];
    const around = (ev: Op | null, next = b) => (g: Geometry): Op[] => {
      const o = place(g, at, 1);
      return [...prefix(k, o), ...(ev === null ? [] : eventSteps(ev)), ...(next === undefined ? [] : [write(o, next)]), ...readIf(g, at, width)];
    };
    // Shorter: the event alone, the command alone (the event was not needed), the event without the byte after it.
    const withoutNext = (ev: Op) => (b === undefined ? [] : [[around(ev, undefined)]]);
    if (e.kind !== "migrate") return withForms(around(e), { shorter: () => [[() => eventSteps(e)], [around(null)], ...withoutNext(e)] });
    // Its other forms keep forms of their own, so shrinking can still go on once it changed the migration's options.
    const withMigration = (m: Migrate): StepGroup => {
      const others = () => alikeMigrations(m, limits);
      const alone = () => [m, ...others()].map((x) => [migrationGroup(x, undefined, limits)]);
      return withForms(around(m), { alike: () => others().map((x) => withMigration({ kind: "migrate", ...x })), shorter: () => [...alone(), [around(null)], ...withoutNext(m)] });
    };
    return withMigration(e);
  });
}

/**
 * Where a migration goes and how the destination opens its drive and takes it over. Shrinking
 * prefers an autostarting destination, a read-write drive, the first storage mode, and
 * late-block-activate off.
 */
export function migrationArb(opts: StepOptions): fc.Arbitrary<Omit<Migrate, "kind">> {
  const ro = opts.readOnlyAs === undefined ? fc.boolean() : fc.constant(opts.readOnlyAs);
  const modes = opts.storage.filter((m) => opts.readOnlyAs !== true || !m.startsWith("block"));
  return fc
    .record({
      to: fc.constantFrom(...HOSTS.slice(1), ...HOSTS.slice(0, 1)),
      storage: fc.constantFrom(...(modes.length > 0 ? modes : (["shared"] as const))),
      readOnly: ro,
      paused: fc.boolean(),
      late: opts.lateBlockActivate === false ? fc.constant(false) : fc.boolean(),
    })
    .map(({ to, storage, readOnly, paused, late }) => ({
      to,
      storage,
      readOnly: storage.startsWith("block") ? false : readOnly,
      autostart: !paused,
      ...(late ? { lateBlockActivate: true } : {}),
    }));
}

/** Host-level events other than migrations: cont, stop, reset, cold boot. */
export const eventArb: fc.Arbitrary<Op> = fc.constantFrom<Op["kind"]>("cont", "stop", "reset", "cold-boot").map((kind) => ({ kind }) as Op);

/** The same in the middle of a command, which a running VM is in: a `cont` there could only follow a `stop`. */
const midCommandEventArb: fc.Arbitrary<Op> = fc.constantFrom<Op["kind"]>("stop", "reset", "cold-boot").map((kind) => ({ kind }) as Op);

/** How a live migration ends; shrinking prefers the switchover. */
export const endArb = fc.oneof(
  { arbitrary: fc.constant<MigrateEnd["kind"]>("migrate-finish"), weight: 3 },
  { arbitrary: fc.constantFrom<MigrateEnd["kind"]>("migrate-cancel", "migrate-fail"), weight: 2 },
);

/** Where precopy is while a live window is open; shrinking prefers after the first pass, where F6 is. */
const positionArb = fc.constantFrom<MigrateStart["position"]>(undefined, "first-pass");

/**
 * A migration, instantaneous or live: with a window, `migrate-start`, guest accesses (and now and
 * then a reset) while precopy runs, then an end. The window is an option, so shrinking turns a live
 * migration whose window does not matter into the instantaneous one, and drops accesses the
 * counterexample does not need.
 */
function migration(opts: StepOptions): fc.Arbitrary<StepGroup> {
  // Management may pause the source while precopy runs, and resume it (the cont is taken only in a window held in the
  // first pass: at the pre-switchover pause QEMU refuses it, and the window's later accesses are skipped while paused).
  const runState = fc.constantFrom<StepGroup>(() => [{ kind: "stop" }], () => [{ kind: "stop" }, { kind: "cont" }]);
  const during = fc.array(fc.oneof({ withCrossShrink: true }, ...windowGroups, byteInMode, fc.constant<StepGroup>(() => [{ kind: "reset" }]), runState), { maxLength: 3 });
  const window = fc.option(fc.record({ during, end: endArb, position: positionArb }), { nil: undefined, freq: 3 });
  return fc.tuple(migrationArb(opts), window).map(([m, w]) => migrationGroup(m, w, opts));
}

/** A live migration's window as drawn: its steps, its end, and where precopy is meanwhile. */
interface LiveWindowDraw {
  readonly during: readonly StepGroup[];
  readonly end: MigrateEnd["kind"];
  readonly position: MigrateStart["position"];
}

/**
 * The steps of a migration with options `m` and window `w` (none: instantaneous), with its other
 * forms: the same with one option changed, and a live one's accesses moved out of its window.
 */
function migrationGroup(m: Omit<Migrate, "kind">, w: LiveWindowDraw | undefined, opts: StepOptions): StepGroup {
  const others = () => alikeMigrations(m, opts);
  // The window after the first pass is the simpler position (no bandwidth throttle): tried before other options.
  const alike = () => [...(w?.position ? [migrationGroup(m, { ...w, position: undefined }, opts)] : []), ...others().map((x) => migrationGroup(x, w, opts))];
  if (w === undefined) return withForms(() => [{ kind: "migrate", ...m }], { alike });
  const live = (g: Geometry): Op[] => [{ kind: "migrate-start", ...m, ...(w.position ? { position: w.position } : {}) }, ...w.during.flatMap((f) => f(g)), { kind: w.end }];
  // A switchover carries what the window wrote as an instantaneous migration after it would; a cancelled or failed one carries nothing.
  const instant = (x: Omit<Migrate, "kind">) => migrationGroup(x, undefined, opts);
  const shorter = () => (w.end === "migrate-finish" ? [m, ...others()].flatMap((x) => [[instant(x)], [...w.during, instant(x)]]) : [[], w.during]);
  return withForms(live, { alike, shorter });
}

/** Host events alone, and in the middle of a multi-step command (where F2 lives); with snapshots, snapshot steps alike. */
function hostGroups(opts: StepOptions): fc.Arbitrary<StepGroup>[] {
  const migrate = migrationArb(opts).map((m): Op => ({ kind: "migrate", ...m }));
  const alone = (e: fc.Arbitrary<Op>) => e.map((op): StepGroup => () => [op]);
  // In the middle of a command, a migration (F2's shape) is as likely as any two other events together.
  const groups = [migration(opts), alone(eventArb), interrupted(fc.oneof({ arbitrary: migrate, weight: 2 }, { arbitrary: midCommandEventArb, weight: 3 }), opts)];
  if (!opts.snapshots) return groups;
  return [...groups, snapshotRoundTrip(guestGroups), alone(snapshotArb), interrupted(snapshotArb, opts)];
}

/**
 * Weights of the host groups, in hostGroups' order: migrations, events alone, events in the middle
 * of a command (tens of times each per mode and event kind); with snapshots, a round trip, a
 * snapshot step alone and one in the middle of a command.
 */
const HOST_WEIGHTS = [20, 4, 22, 12, 12, 12];

/** Sequences of step groups; `resolve` places them on a geometry and cuts them at `maxSteps`. */
export function stepGroups(opts: StepOptions): fc.Arbitrary<StepGroup[]> {
  const group = fc.oneof(
    { withCrossShrink: true },
    ...weightedGuestGroups,
    { arbitrary: byteInMode, weight: 30 },
    { arbitrary: commandWalk, weight: 20 },
    ...hostGroups(opts).map((arbitrary, i) => ({ arbitrary, weight: HOST_WEIGHTS[i] ?? 1 })),
  );
  const minLength = opts.minSteps ?? 0;
  return new ReshapingArbitrary(fc.array(group, { minLength, maxLength: Math.max(minLength, Math.ceil(opts.maxSteps / 2)), size: "max" }), minLength);
}

/** The ops of `groups` on geometry `g`, at most `maxSteps` of them. */
export const resolve = (groups: readonly StepGroup[], g: Geometry, maxSteps: number): Op[] => groups.flatMap((f) => f(g)).slice(0, maxSteps);
