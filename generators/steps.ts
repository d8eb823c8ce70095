// Why: generates sequences a firmware and a management stack would plausibly produce, in groups that shrink as a unit into readable counterexamples.

import fc from "fast-check";
import { CFI_TABLE_LENGTH, CMD, flashSize, HOSTS, isSnapshotStep, widestDeviceMode, writeBufferBytes, type Geometry, type Migrate, type MigrateEnd, type Op, type StorageMode, type Width } from "../model/index.js";
import { ReshapingArbitrary } from "./reshape.js";
import { snapshotArb, snapshotRoundTrip } from "./snapshots.js";
import { alikeMigrations, withForms, type StepGroup } from "./step-group.js";

export type { StepGroup } from "./step-group.js";

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

/** Where an access goes, independent of the geometry: near the start, near a sector or buffer boundary, or anywhere. */
interface Spot {
  readonly near: "start" | "sector" | "buffer" | "anywhere";
  readonly k: number;
  readonly d: number;
}

const spotArb: fc.Arbitrary<Spot> = fc.oneof(
  { arbitrary: fc.record({ near: fc.constant("start" as const), k: fc.nat(63), d: fc.constant(0) }), weight: 3 },
  { arbitrary: fc.record({ near: fc.constant("sector" as const), k: fc.nat(), d: fc.integer({ min: -8, max: 8 }) }), weight: 2 },
  { arbitrary: fc.record({ near: fc.constant("buffer" as const), k: fc.nat(), d: fc.integer({ min: -8, max: 8 }) }), weight: 2 },
  { arbitrary: fc.record({ near: fc.constant("anywhere" as const), k: fc.nat(), d: fc.constant(0) }), weight: 2 },
);

/** The flash offset of `s` for an access of `width` bytes: naturally aligned and inside the flash. */
export function place(g: Geometry, s: Spot, width: Width, shift = 0): number {
  const size = flashSize(g);
  const unit = s.near === "sector" ? g.sectorLen : s.near === "buffer" ? writeBufferBytes(g) : 0;
  const raw = (unit ? (s.k % (size / unit)) * unit + s.d : s.near === "start" ? s.k : s.k % size) + shift;
  const o = Math.min(size - width, Math.max(0, raw));
  return o - (o % width);
}

const widthArb: fc.Arbitrary<Width> = fc.constantFrom<Width>(1, 2, 4);
const valueArb = fc.nat().map((v) => v >>> 0);
const w = (offset: number, value: number, width: Width = 1): Op => ({ kind: "write", offset, width, value });
const COMMAND_BYTES = [
  CMD.READ_ARRAY, CMD.READ_STATUS, CMD.CLEAR_STATUS, CMD.PROGRAM, CMD.PROGRAM_ALT, CMD.BLOCK_ERASE,
  CMD.CONFIRM, CMD.READ_ID, CMD.CFI_QUERY, CMD.WRITE_TO_BUFFER, CMD.LOCK_SETUP, CMD.LOCK_BLOCK,
  CMD.READ_ARRAY_QEMU, CMD.AMD_PROBE, 0x28,
];

/** Any byte: the datasheet's command bytes most of the time, anything else now and then. */
const byteArb = fc.oneof({ arbitrary: fc.constantFrom(...COMMAND_BYTES), weight: 4 }, { arbitrary: fc.nat(0xff), weight: 1 });

/**
 * The bus offset of ID/CFI table entry `index` on geometry `g`: with a device width the table is
 * spread at the bank's stride (scaled by the widest device mode), without one it is byte `index`
 * of the legacy layout at bank-width steps (QEMU's addressing, see DEPARTURES.queryAddressing).
 */
export function queryOffset(g: Geometry, index: number): number {
  const stride = g.deviceWidth === 0 ? g.bankWidth : (g.bankWidth * widestDeviceMode(g)) / g.deviceWidth;
  return Math.min(index * stride, flashSize(g) - g.bankWidth);
}

/** The prefixes that leave the chip in each multi-step mode: program, erase, lock, status, ID, CFI, and the three write-to-buffer phases. */
const PREFIXES: readonly ((o: number) => Op[])[] = [
  (o) => [w(o, CMD.PROGRAM)],
  (o) => [w(o, CMD.PROGRAM_ALT)],
  (o) => [w(o, CMD.BLOCK_ERASE)],
  (o) => [w(o, CMD.LOCK_SETUP)],
  (o) => [w(o, CMD.READ_STATUS)],
  (o) => [w(o, CMD.READ_ID)],
  (o) => [w(o, CMD.CFI_QUERY)],
  (o) => [w(o, CMD.WRITE_TO_BUFFER)],
  (o) => [w(o, CMD.WRITE_TO_BUFFER), w(o, 1)],
  (o) => [w(o, CMD.WRITE_TO_BUFFER), w(o, 0), w(o, 0x5a)],
];
const r = (offset: number, width: Width): Op => ({ kind: "read", offset, width });

/** The steps of prefix `k` at offset `o` (none when there is no prefix). */
const prefix = (k: number | undefined, o: number): Op[] => (k === undefined ? [] : (PREFIXES[k] ?? PREFIXES[0]!)(o));

/** A read of `width` bytes at `at`, or nothing. */
const readIf = (g: Geometry, at: Spot, width: Width | undefined): Op[] => (width === undefined ? [] : [r(place(g, at, width), width)]);

/** A buffered program: 0xe8, a word count, the words (some may stray outside the window), then a confirm. */
const bufferedWrite = fc
  .record({
    at: spotArb,
    width: widthArb,
    words: fc.array(fc.tuple(valueArb, fc.integer({ min: -16, max: 64 })), { minLength: 1, maxLength: 4 }),
    confirm: fc.constantFrom(CMD.CONFIRM, CMD.READ_ARRAY),
    skew: fc.integer({ min: -1, max: 1 }),
  })
  .map(({ at, width, words, confirm, skew }): StepGroup => (g) => {
    const o = place(g, at, 1);
    const count = Math.max(0, Math.min(writeBufferBytes(g) / g.bankWidth, words.length + skew) - 1);
    const data = words.map(([v, d]) => w(place(g, at, width, d * width), v, width));
    return [w(o, CMD.WRITE_TO_BUFFER), w(o, count), ...data, w(o, confirm)];
  });

/** Guest access groups, simplest first (shrinking may replace any group by a program of 0x00 at offset 0). */
const guestGroups: fc.Arbitrary<StepGroup>[] = [
  fc.tuple(spotArb, widthArb, valueArb).map(([at, width, v]): StepGroup => (g) => {
    const o = place(g, at, width);
    return [w(o, CMD.PROGRAM), w(o, v, width)];
  }),
  fc.tuple(spotArb, widthArb).map(([at, width]): StepGroup => (g) => [r(place(g, at, width), width)]),
  fc.tuple(spotArb, fc.constantFrom(...COMMAND_BYTES)).map(([at, c]): StepGroup => (g) => [w(place(g, at, 1), c)]),
  fc.tuple(spotArb, fc.constantFrom(CMD.CONFIRM, CMD.READ_ARRAY, 0x00)).map(([at, c]): StepGroup => (g) => {
    const o = place(g, at, 1);
    return [w(o, CMD.BLOCK_ERASE), w(o, c)];
  }),
  bufferedWrite,
  fc.tuple(spotArb, fc.constantFrom(CMD.READ_STATUS, CMD.READ_ID, CMD.CFI_QUERY), fc.nat(CFI_TABLE_LENGTH - 1), widthArb).map(
    ([at, c, q, width]): StepGroup => (g) => {
      const o = queryOffset(g, q);
      return [w(place(g, at, 1), c), r(Math.min(o - (o % width), flashSize(g) - width), width), w(place(g, at, 1), CMD.READ_ARRAY)];
    },
  ),
  fc.tuple(spotArb, fc.constantFrom(CMD.CONFIRM, CMD.LOCK_BLOCK, 0x2f)).map(([at, c]): StepGroup => (g) => {
    const o = place(g, at, 1);
    return [w(o, CMD.LOCK_SETUP), w(o, c)];
  }),
  spotArb.map((at): StepGroup => (g) => [w(place(g, at, 1), CMD.CLEAR_STATUS)]),
];

/**
 * Every byte in every multi-step mode: a prefix that leaves the chip in that mode, then any byte
 * (and a read of what it did). test/generators/reach.test.ts measures how often the default budget
 * reaches each pair; raising this group's weight (5 since issue 11) reaches more but reshuffles every counterexample.
 */
const byteInMode: fc.Arbitrary<StepGroup> =
  fc.tuple(spotArb, fc.nat(PREFIXES.length - 1), byteArb, fc.option(widthArb, { nil: undefined })).map(([at, k, b, width]): StepGroup => (g) => {
    const o = place(g, at, 1);
    return [...prefix(k, o), w(o, b), ...readIf(g, at, width)];
  });

/**
 * A multi-step command with a host event in its middle: the prefix, the event, then a byte and a
 * read. Every part but the event shrinks away, so the group shrinks to the bare event; a snapshot
 * step can also leave the command without it.
 */
function interrupted(event: fc.Arbitrary<Op>, limits: StepOptions): fc.Arbitrary<StepGroup> {
  const which = fc.option(fc.nat(PREFIXES.length - 1), { nil: undefined });
  const after = fc.option(byteArb, { nil: undefined });
  const read = fc.option(widthArb, { nil: undefined });
  return fc.tuple(spotArb, which, event, after, read).map(([at, k, e, b, width]): StepGroup => {
    const around = (ev: Op | null) => (g: Geometry): Op[] => {
      const o = place(g, at, 1);
      return [...prefix(k, o), ...(ev ? [ev] : []), ...(b === undefined ? [] : [w(o, b)]), ...readIf(g, at, width)];
    };
    // A snapshot step may also go while the command around it stays: the event alone, or the command alone.
    if (isSnapshotStep(e)) return withForms(around(e), { shorter: () => [[() => [e]], [around(null)]] });
    if (e.kind !== "migrate") return withForms(around(e), { shorter: () => [[() => [e]]] });
    const m: Migrate = e;
    const others = () => alikeMigrations(m, limits);
    return withForms(around(m), { alike: () => others().map((x) => around({ kind: "migrate", ...x })), shorter: () => [m, ...others()].map((x) => [migrationGroup(x, undefined, limits)]) });
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

/** How a live migration ends; shrinking prefers the switchover. */
export const endArb = fc.oneof(
  { arbitrary: fc.constant<MigrateEnd["kind"]>("migrate-finish"), weight: 3 },
  { arbitrary: fc.constantFrom<MigrateEnd["kind"]>("migrate-cancel", "migrate-fail"), weight: 2 },
);

/**
 * A migration, instantaneous or live: with a window, `migrate-start`, guest accesses (and now and
 * then a reset) while precopy runs, then an end. The window is an option, so shrinking turns a live
 * migration whose window does not matter into the instantaneous one, and drops accesses the
 * counterexample does not need.
 */
function migration(opts: StepOptions): fc.Arbitrary<StepGroup> {
  const during = fc.array(fc.oneof({ withCrossShrink: true }, ...guestGroups, byteInMode, fc.constant<StepGroup>(() => [{ kind: "reset" }])), { maxLength: 3 });
  const window = fc.option(fc.record({ during, end: endArb }), { nil: undefined, freq: 3 });
  return fc.tuple(migrationArb(opts), window).map(([m, w]) => migrationGroup(m, w, opts));
}

/**
 * The steps of a migration with options `m` and window `w` (none: instantaneous), with its other
 * forms: the same with one option changed, and a live one's accesses moved out of its window.
 */
function migrationGroup(m: Omit<Migrate, "kind">, w: { readonly during: readonly StepGroup[]; readonly end: MigrateEnd["kind"] } | undefined, opts: StepOptions): StepGroup {
  const others = () => alikeMigrations(m, opts);
  const alike = () => others().map((x) => migrationGroup(x, w, opts));
  if (w === undefined) return withForms(() => [{ kind: "migrate", ...m }], { alike });
  const live = (g: Geometry): Op[] => [{ kind: "migrate-start", ...m }, ...w.during.flatMap((f) => f(g)), { kind: w.end }];
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
  const groups = [migration(opts), alone(eventArb), interrupted(fc.oneof({ arbitrary: migrate, weight: 1 }, { arbitrary: eventArb, weight: 2 }), opts)];
  if (!opts.snapshots) return groups;
  return [...groups, snapshotRoundTrip(guestGroups), alone(snapshotArb), interrupted(snapshotArb, opts)];
}

/** Sequences of step groups; `resolve` places them on a geometry and cuts them at `maxSteps`. */
export function stepGroups(opts: StepOptions): fc.Arbitrary<StepGroup[]> {
  const group = fc.oneof(
    { withCrossShrink: true },
    ...guestGroups.map((arbitrary) => ({ arbitrary, weight: 3 })),
    { arbitrary: byteInMode, weight: 5 },
    ...hostGroups(opts).map((arbitrary, i) => ({ arbitrary, weight: i === 0 ? 6 : 4 })),
  );
  const minLength = opts.minSteps ?? 0;
  return new ReshapingArbitrary(fc.array(group, { minLength, maxLength: Math.max(minLength, Math.ceil(opts.maxSteps / 2)), size: "max" }), minLength);
}

/** The ops of `groups` on geometry `g`, at most `maxSteps` of them. */
export const resolve = (groups: readonly StepGroup[], g: Geometry, maxSteps: number): Op[] => groups.flatMap((f) => f(g)).slice(0, maxSteps);
