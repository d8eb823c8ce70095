// Why: the one interface every implementation under audit offers, so a property never knows whether it drives the port or a real emulator.

import type fc from "fast-check";
import type { Boot, Geometry, HostName, Hosts, Op, StorageMode } from "../model/index.js";

/**
 * What a property may need to see of a run. A target that cannot see one of them is never credited
 * with a property that needs it: the property is reported as not observable.
 */
export type Observation =
  /** The values guest reads return. */
  | "guest-reads"
  /** The RAMBlock, i.e. what the guest sees in read-array mode. */
  | "ram-block"
  /** The current host's drive file and whether the process owns it. */
  | "drive"
  /** Writes that reach a drive opened with readonly=on. */
  | "read-only-drive-writes"
  /** Writes to an image that an incoming migration has not yet activated. */
  | "inactive-image-writes"
  /** The destination's drive right after the incoming load, before activation. */
  | "drive-at-load"
  /** Where the VM is and in what state: host, run state (by QEMU's name), readonly, migrated in (QMP query-status and the command line). */
  | "host-state";

/** Every observation, in a fixed order. */
export const OBSERVATIONS: readonly Observation[] = ["guest-reads", "ram-block", "drive", "read-only-drive-writes", "inactive-image-writes", "drive-at-load", "host-state"];

/**
 * The target's process died, exited or stopped answering (a crash or a hang, not a broken
 * property). `what` says how, in the target's own words (the signal or exit status); `stderr` is
 * the tail of what the process printed. Any other error from a target is a harness error.
 */
export class TargetCrash extends Error {
  override readonly name: string = "TargetCrash";
  constructor(
    readonly what: string,
    readonly stderr: string,
    /**
     * The port died where the emulator runs into undefined behaviour (it calls freed memory): the
     * binary may crash there or go on with a corrupted state, so nothing after it can be compared.
     */
    readonly undefinedBehaviour = false,
  ) {
    super(stderr ? `${what}; stderr: ${stderr}` : what);
  }
}

/** Read access to 4 KiB pages of a flash-sized byte range (a RAMBlock or a drive). */
export interface PageView {
  readonly size: number;
  /** Page `index` (4096 bytes; past `size` the bytes mean nothing). Pages equal by identity are equal. */
  page(index: number): Uint8Array;
}

/** A write the target's drive received, or that the device tried and the block layer refused, where the target can see them. */
export interface ObservedWrite {
  readonly file: string;
  /** Where and how much, when the target can tell (null: it only knows that a write was tried). */
  readonly offset: number | null;
  readonly length: number | null;
  readonly refused: "no-write-permission" | "inactive-image" | null;
  /** The target's own words about it, e.g. QEMU's "Could not update PFLASH: Operation not permitted". */
  readonly reported?: string;
}

/** What one step did, as far as the target can tell. */
export interface StepResult {
  /** The value a read returned. */
  readonly read?: number;
  /** Drive writes during the step; undefined when the target cannot observe them. */
  readonly writes?: readonly ObservedWrite[];
  /** For a migration: whether the destination's drive equalled its RAMBlock right after the load, before activation. */
  readonly driveMatchedAtLoad?: boolean;
}

/** Where the VM is, as the target reports it. */
export interface TargetState {
  readonly host: HostName;
  readonly running: boolean;
  /** QMP query-status's `status`: the run state's name (running, paused, finish-migrate, postmigrate...). */
  readonly status: string;
  readonly readOnly: boolean;
  /** The current process received an incoming migration. */
  readonly loaded: boolean;
  /** The current process owns its drive image. */
  readonly driveActive: boolean;
}

/** The flash device's section of the migration stream a process was loaded from. */
export interface DeviceSection {
  /** Its bytes after the section header: the fields and subsections as the source sent them. */
  readonly bytes: Uint8Array;
  /** What the port's loader (impl/vmstate.ts) makes of them, in one line. */
  readonly text: string;
}

/** An implementation under audit, booted for one sequence. */
export interface Target {
  apply(op: Op): Promise<StepResult>;
  state(): Promise<TargetState>;
  /** The current process's RAMBlock (what the guest sees in read-array mode), or null when the target cannot see it now without disturbing the device. */
  flash(): Promise<PageView | null>;
  /** The current process's drive file. */
  drive(): Promise<PageView>;
  /** The device section of the stream the current process was loaded from; null when it was booted, not loaded (absent: the target cannot show it). */
  section?(): Promise<DeviceSection | null>;
  close(): Promise<void>;
}

/** With a peer (cross-version migration), the VM boots on host A under the target; hosts B and C run the peer. */
export const PEER_HOSTS: readonly HostName[] = ["B", "C"];

/** Makes fresh targets; one per sequence run. */
export interface TargetFactory {
  /** One line naming the implementation, e.g. "port qemu-7.2.22". */
  readonly description: string;
  /** How the command line names it, e.g. "impl:qemu-7.2.22". */
  readonly spec: string;
  /** The peer on hosts B and C (PEER_HOSTS) as the command line names it, when migrations cross versions. */
  readonly peer?: string;
  create(boot: Boot): Promise<Target>;
  /** The flash shapes this target can be, when not every geometry (default: any). */
  readonly geometries?: fc.Arbitrary<Geometry>;
  /** False for sequences the target cannot run (a known limitation, documented where it is set). */
  accepts?(boot: Boot, ops: readonly Op[]): boolean;
  /** Sequences per property when the user does not say (default DEFAULT_RUNS); a slow target asks for fewer. */
  readonly defaultRuns?: number;
  /**
   * Its sequences run in processes of their own (QEMU), and `create` may be called again before an
   * earlier target is closed: several sequences at once (--jobs lanes) then use several cores.
   */
  readonly parallel?: boolean;
  /** The emulator's own version line, for reports. */
  readonly version?: string;
  /** The peer's version line, for reports. */
  readonly peerVersion?: string;
  /** Limits of the target, checked against the command line before anything runs. */
  readonly limits?: {
    readonly storage: readonly StorageMode[];
    readonly maxFlashSize: number;
    /** Names the target in messages, e.g. "QEMU 9.1.0". */
    readonly why: string;
    /** Why some storage modes are missing, e.g. "block migration was removed in QEMU 9.1". */
    readonly storageNote?: string;
    /** False when the emulator has no late-block-activate capability (before QEMU 3.0): no migration asks for it. */
    readonly lateBlockActivate?: boolean;
    /** Why a snapshot plan (--snapshots) cannot run here, e.g. "qemu-img not found"; absent when it can. */
    readonly noSnapshots?: string;
  };
  /** For an emulator: the port variant that should behave like it, e.g. "impl:qemu-7.2.22" (diff's default baseline). */
  readonly matchingPort?: string;
  /** For an emulator with a peer: the port variant that should behave like the peer (the default baseline's peer). */
  readonly matchingPeer?: string;
  /** What this target cannot see (properties that need it are reported as not observable, never as held). */
  readonly unobservable?: readonly Observation[];
  /** What the emulator on each host does where QEMU may choose (when a destination takes over its images); the model follows it. Default: NO_LATE_HOSTS. */
  readonly hosts?: Hosts;
}
