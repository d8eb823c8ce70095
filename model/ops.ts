// Why: the vocabulary of everything that can happen to the flash, named the way a bug report would name it.

import type { Width } from "./geometry.js";

/** A machine that can run the VM. Each has a local disk; migrations move the VM between them. */
export type HostName = "A" | "B" | "C";

/** All hosts, in the order the harness uses them. */
export const HOSTS: readonly HostName[] = ["A", "B", "C"];

/**
 * How the destination gets the flash drive during a migration:
 * `shared` opens the source's file; `non-shared` opens the destination's own (stale) file;
 * `block` copies the whole drive into the destination's file (QMP `blk: true`);
 * `block-inc` copies what differs (QMP `inc: true`; on a raw image the outcome equals `block`).
 */
export type StorageMode = "shared" | "non-shared" | "block" | "block-inc";

/** Every storage mode. */
export const STORAGE_MODES: readonly StorageMode[] = ["shared", "non-shared", "block", "block-inc"];

/** A guest store of `width` bytes at flash `offset`; the low byte is the command byte. */
export interface GuestWrite {
  readonly kind: "write";
  readonly offset: number;
  readonly width: Width;
  readonly value: number;
}

/** A guest load of `width` bytes at flash `offset`. */
export interface GuestRead {
  readonly kind: "read";
  readonly offset: number;
  readonly width: Width;
}

/** A live migration of the VM from the current host to `to`. */
export interface Migrate {
  readonly kind: "migrate";
  readonly to: HostName;
  readonly storage: StorageMode;
  /** The destination opens its drive with readonly=on. */
  readonly readOnly: boolean;
  /** The destination runs as soon as the migration completes; otherwise it was started with -S. */
  readonly autostart: boolean;
  /**
   * The destination has the `late-block-activate` migration capability (libvirt sets it on every
   * destination): it takes over its images only when the VM runs there, not as the migration ends.
   * Absent means off.
   */
  readonly lateBlockActivate?: boolean;
}

/**
 * The start of a live migration to `to`: the source keeps running (the guest may go on reading and
 * writing its flash) while its RAM is copied, until one of the ends below. Where precopy is while the
 * window is open is `position`; the ideal semantics do not depend on it, implementations may.
 */
export interface MigrateStart extends Omit<Migrate, "kind"> {
  readonly kind: "migrate-start";
  /**
   * Absent: after precopy's first pass (every page of the flash has been sent once; a page travels
   * again only if the dirty log holds it). `first-pass`: the first pass is still copying guest RAM and
   * has not reached the flash, so what the flash holds at the switchover is what is sent.
   */
  readonly position?: "first-pass";
}

/**
 * How a live migration ends: `migrate-finish` (switchover: the source stops, the rest is sent, the
 * destination loads), `migrate-cancel` (QMP migrate_cancel; the source goes on, the destination is
 * discarded), `migrate-fail` (the destination dies before its load completes; management cancels
 * the migration on the source).
 */
export interface MigrateEnd {
  readonly kind: "migrate-finish" | "migrate-cancel" | "migrate-fail";
}

/** Host-level events with no parameters: QMP `cont`, QMP `stop`, QMP `system_reset`, and quitting then booting again from the same drive. */
export interface HostEvent {
  readonly kind: "cont" | "stop" | "reset" | "cold-boot";
}

/** The names snapshots get: two, so that a sequence can keep one while it saves, loads or deletes the other. */
export type SnapshotName = "s1" | "s2";

/** Every snapshot name. */
export const SNAPSHOT_NAMES: readonly SnapshotName[] = ["s1", "s2"];

/**
 * How management asks for a snapshot: HMP `savevm`/`loadvm`/`delvm` (through QMP
 * human-monitor-command), or the QMP jobs `snapshot-save`/`snapshot-load`/`snapshot-delete` (QEMU 6.0 and later).
 */
export type SnapshotVia = "hmp" | "job";

/**
 * An internal snapshot on the current host: `savevm` saves the VM (the guest's RAM and device
 * state, and each writable drive's contents) under `name` in the drive's own image; `loadvm`
 * restores all of it; `delvm` removes it. The VM's run state is the same after each as before.
 */
export interface Snapshot {
  readonly kind: "savevm" | "loadvm" | "delvm";
  readonly name: SnapshotName;
  readonly via: SnapshotVia;
}

/** One step of a sequence. */
export type Op = GuestWrite | GuestRead | Migrate | MigrateStart | MigrateEnd | HostEvent | Snapshot;

/** Every kind of step. */
export type OpKind = Op["kind"];

/** The snapshot steps. */
export const isSnapshotStep = (op: Op): op is Snapshot => op.kind === "savevm" || op.kind === "loadvm" || op.kind === "delvm";

/** The steps that start, carry out or end a migration. */
export const isMigrationStep = (op: Op): op is Migrate | MigrateStart | MigrateEnd =>
  op.kind === "migrate" || op.kind === "migrate-start" || op.kind === "migrate-finish" || op.kind === "migrate-cancel" || op.kind === "migrate-fail";
