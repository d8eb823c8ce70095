// Why: the emulator's history as options in one table, so an era is a row, not a fork of the port.

/** What the device does after its state is loaded by an incoming migration or loadvm. */
export type PostLoad =
  /** Nothing: the drive keeps whatever the destination file held (QEMU <= 2.1). */
  | "none"
  /** Write the whole RAMBlock to the drive inside post_load, while the image may still be inactive (4c0cfc72). */
  | "write-in-post-load"
  /** Register a run-state handler that writes the whole RAMBlock at the next VM start or stop (90c647db). */
  | "write-at-next-runstate"
  /** Write the whole RAMBlock once the drive is this process's: at once when block migration has activated it already, else as it is activated (this project's proposal). */
  | "write-at-activation";

/** How write-to-buffer (0xe8) data words are handled. */
export type WriteBuffer =
  /** Each word goes straight into RAM; at the last word the window holding it is written to the drive. */
  | "straight-to-ram"
  /**
   * Words collect in a buffer that reaches RAM and the drive only at the 0xd0 confirm; its window is
   * where the count was written, so words in another window fail (finding F10: U-Boot writes the count at the sector's base).
   */
  | "buffered"
  /**
   * As "buffered", but the window opens at the first data word, and only while the count is
   * non-zero: a one-word program (count 0) finds no buffer and fails (QEMU 10.0.2, finding F5).
   */
  | "buffered-from-first-word"
  /** As "buffered", but the window opens at the first data word whatever the count: a real chip's start address (this project's proposal). */
  | "buffered-at-first-word";

/** One era of QEMU's pflash_cfi01. */
export interface Variant {
  readonly name: VariantName;
  readonly qemu: string;
  readonly commits: string;
  readonly postLoad: PostLoad;
  readonly writeBuffer: WriteBuffer;
  /** post_load puts the memory region back in I/O mode when the loaded state is not read-array. */
  readonly restoreRomdOnLoad: boolean;
  /** When an incoming migration's destination takes ownership of its images: as the migration ends (7.2), or when the VM first runs (10.0). */
  readonly activateImages: "at-migration-end" | "at-vm-start";
  /** The write-to-buffer confirm fails on a read-only device instead of flushing the buffer into RAM and the drive (finding F4). */
  readonly confirmChecksReadOnly: boolean;
  /**
   * pflash_update() also tells the memory core that the RAMBlock changed (memory_region_set_dirty();
   * memory_region_flush_rom_device() would assert, the region being out of ROMD mode while a
   * command runs), so a live migration sends the page again. Without it a program or erase during precopy is lost
   * when its page was already sent (finding F6).
   */
  readonly marksRamDirty: boolean;
  /**
   * Migrating out a VM whose images were never activated (it arrived paused with late-block-activate
   * and was not resumed) aborts the source: bdrv_inactivate_recurse() asserts that the node is still
   * active (finding F7). QEMU 10.0 returns early for a node that is already inactive.
   */
  readonly inactivateInactiveAborts: boolean;
  /**
   * The last data word of a write to buffer leaves `counter` at 0 (10.0.2's pflash_write() breaks out
   * of wcycle 2 before `pfl->counter--`); the older eras decrement it past zero to 2^64 - 1. Nothing
   * the guest does reads it: only the device's migration section shows it (the three-way diff found it).
   */
  readonly lastWordKeepsCounter: boolean;
  /**
   * A snapshot load fails ("Error -22 while loading VM state") while the last outgoing migration
   * ended with an error, e.g. cancelled at its pre-switchover pause: qemu_loadvm_state() ends with
   * migrate_has_error(migrate_get_current()), the outgoing side's error, which only the next
   * migration's start clears (finding F9, QEMU 10.0.2; 7.2.22 loads).
   */
  readonly loadvmChecksMigrationError: boolean;
  /**
   * A QMP stop while the migration waits at its pre-switchover pause is acknowledged and lost: the
   * completion stopped the VM already (finish-migrate) after saving its run state (vm_was_running,
   * global_state_store()), and vm_stop() changes nothing for a VM that is not running; so the
   * destination starts anyway, and a cancel resumes the source (finding F11, 7.2.22 and 10.0.2).
   */
  readonly stopAtSwitchoverLost: boolean;
  /**
   * A migration cancelled or failed at the pre-switchover pause puts a VM that was not running back in
   * the run state it had (10.0.2: vm_old_state). Before, migration_iteration_finish() leaves it in
   * postmigrate, where QMP migrate is refused ("Can't migrate the vm that was paused due to previous
   * migration") until the VM is resumed or reset (finding F12, 7.2.22).
   */
  readonly cancelRestoresRunState: boolean;
  /** QMP migrate's `blk`/`inc` block migration exists (it was removed in QEMU 9.1). */
  readonly blockMigration: boolean;
  /** The late-block-activate migration capability exists (QEMU 3.0 and later). */
  readonly lateBlockActivate: boolean;
  readonly summary: string;
}

/** Names of the catalogue's rows. */
export type VariantName = "qemu-2.1" | "qemu-2.2" | "qemu-7.2.8" | "qemu-7.2.22" | "qemu-10.0" | "proposed-fix";

/** The catalogue. `qemu-7.2.22` (Debian bookworm) is the default. */
export const VARIANTS: Readonly<Record<VariantName, Variant>> = {
  "qemu-2.1": {
    name: "qemu-2.1",
    qemu: "<= 2.1",
    commits: "before 4c0cfc72",
    postLoad: "none",
    writeBuffer: "straight-to-ram",
    restoreRomdOnLoad: false,
    confirmChecksReadOnly: false,
    marksRamDirty: false,
    activateImages: "at-migration-end",
    inactivateInactiveAborts: false,
    lastWordKeepsCounter: false,
    loadvmChecksMigrationError: false,
    stopAtSwitchoverLost: true,
    cancelRestoresRunState: false,
    blockMigration: true,
    lateBlockActivate: false,
    summary: "no incoming-load step: a non-shared destination keeps a stale drive",
  },
  "qemu-2.2": {
    name: "qemu-2.2",
    qemu: "2.2 .. 2.5",
    commits: "4c0cfc72 (2014)",
    postLoad: "write-in-post-load",
    writeBuffer: "straight-to-ram",
    restoreRomdOnLoad: false,
    confirmChecksReadOnly: false,
    marksRamDirty: false,
    activateImages: "at-migration-end",
    inactivateInactiveAborts: false,
    lastWordKeepsCounter: false,
    loadvmChecksMigrationError: false,
    stopAtSwitchoverLost: true,
    cancelRestoresRunState: false,
    blockMigration: true,
    lateBlockActivate: false,
    summary: "whole flash written in post_load, before the destination owns its image",
  },
  "qemu-7.2.8": {
    name: "qemu-7.2.8",
    qemu: "2.6 .. 7.2.8",
    commits: "90c647db (2016)",
    postLoad: "write-at-next-runstate",
    writeBuffer: "straight-to-ram",
    restoreRomdOnLoad: false,
    confirmChecksReadOnly: false,
    marksRamDirty: false,
    activateImages: "at-migration-end",
    inactivateInactiveAborts: true,
    lastWordKeepsCounter: false,
    loadvmChecksMigrationError: false,
    stopAtSwitchoverLost: true,
    cancelRestoresRunState: false,
    blockMigration: true,
    lateBlockActivate: true,
    summary: "deferred write; write-to-buffer data reaches RAM before the confirm",
  },
  "qemu-7.2.22": {
    name: "qemu-7.2.22",
    qemu: "7.2.9 .. 7.2.22, 9.0",
    commits: "90c647db + write-buffer fix",
    postLoad: "write-at-next-runstate",
    writeBuffer: "buffered",
    restoreRomdOnLoad: false,
    confirmChecksReadOnly: false,
    marksRamDirty: false,
    activateImages: "at-migration-end",
    inactivateInactiveAborts: true,
    lastWordKeepsCounter: false,
    loadvmChecksMigrationError: false,
    stopAtSwitchoverLost: true,
    cancelRestoresRunState: false,
    blockMigration: true,
    lateBlockActivate: true,
    summary: "Debian bookworm's QEMU: deferred write, buffered write-to-buffer",
  },
  "qemu-10.0": {
    name: "qemu-10.0",
    qemu: "10.0.2 (Debian bookworm-backports)",
    commits: "update buffer opened at the first data word",
    postLoad: "write-at-next-runstate",
    writeBuffer: "buffered-from-first-word",
    restoreRomdOnLoad: false,
    confirmChecksReadOnly: false,
    marksRamDirty: false,
    activateImages: "at-vm-start",
    inactivateInactiveAborts: false,
    lastWordKeepsCounter: true,
    loadvmChecksMigrationError: true,
    stopAtSwitchoverLost: true,
    cancelRestoresRunState: true,
    blockMigration: false,
    lateBlockActivate: true,
    summary: "QEMU 10.0.2 as measured: the write buffer opens at the first data word and not at all for a one-word program",
  },
  "proposed-fix": {
    name: "proposed-fix",
    qemu: "(proposal)",
    commits: "this project",
    postLoad: "write-at-activation",
    writeBuffer: "buffered-at-first-word",
    restoreRomdOnLoad: true,
    confirmChecksReadOnly: true,
    marksRamDirty: true,
    activateImages: "at-migration-end",
    inactivateInactiveAborts: false,
    lastWordKeepsCounter: false,
    loadvmChecksMigrationError: false,
    stopAtSwitchoverLost: false,
    cancelRestoresRunState: true,
    blockMigration: true,
    lateBlockActivate: true,
    summary: "7.2.22 plus: write the drive when it is activated, open the write buffer at its first data word, restore I/O mode on load, fail a buffered program's confirm on a read-only device, mark changed RAM dirty for live migration",
  },
};

/** The variant used when none is named. */
export const DEFAULT_VARIANT: VariantName = "qemu-7.2.22";

/** Thrown for a variant name that is not in the catalogue. */
export class UnknownVariantError extends Error {
  override readonly name = "UnknownVariantError";
}

/** Looks a variant up by name, with an error that lists the catalogue. */
export function variantNamed(name: string): Variant {
  const v = (VARIANTS as Readonly<Record<string, Variant>>)[name];
  if (!v) throw new UnknownVariantError(`unknown variant "${name}"; known: ${Object.keys(VARIANTS).join(", ")}`);
  return v;
}
