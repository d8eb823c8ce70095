// Why: one emulator process as the migration flow sees it: a run state, run-state handlers, a drive and the flash device.

import { BlockBackend, type DriveWrite } from "./block-backend.js";
import type { Disk } from "./disk.js";
import { PFlashCFI01, type PFlashProps } from "./pflash-cfi01.js";
import type { Variant } from "./variants.js";
import type { RunState, VmChangeStateHandler } from "./runstate.js";

export type { RunState, VmChangeStateHandler } from "./runstate.js";

/**
 * A process died: an assertion failed (SIGABRT, QEMU prints `message` on stderr) or it touched
 * freed memory (SIGSEGV, QEMU prints nothing; `message` says what the port saw it do).
 */
export class QemuAbort extends Error {
  override readonly name = "QemuAbort";
  constructor(
    readonly host: string,
    message: string,
    readonly signal: "SIGABRT" | "SIGSEGV" = "SIGABRT",
    /** QEMU calls freed memory here: it crashed every time on this machine, but what it does is not defined. */
    readonly undefinedBehaviour = false,
  ) {
    super(message);
  }
}

/** The process exited on an error of its own (QEMU's exit(EXIT_FAILURE)), with what it printed. */
export class QemuExit extends Error {
  override readonly name = "QemuExit";
  constructor(
    readonly host: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How to start a process: its drive, and whether it waits for an incoming migration. */
export interface ProcessConfig {
  readonly host: string;
  readonly disk: Disk;
  readonly readOnly: boolean;
  readonly incoming: boolean;
  readonly props: PFlashProps;
  readonly variant: Variant;
  readonly log: DriveWrite[];
}

/** One QEMU process with a pflash device on a drive. */
export class QemuProcess {
  readonly host: string;
  readonly blk: BlockBackend;
  readonly pflash: PFlashCFI01;
  runstate: RunState;
  /** An incoming migration was loaded into this process. */
  loaded = false;
  /** The last outgoing migration of this process ended with an error (MigrationState's error, cleared as the next one starts). */
  migrationError = false;
  /** The device's section of the stream it was loaded from (impl/vmstate.ts), as the source saved it. */
  incomingSection: Uint8Array | null = null;
  /**
   * The VM's other image, the read-only firmware (flash0, OVMF_CODE): an incoming migration opens it
   * inactive as it does the drive, but block migration never copies (so never activates) a read-only one.
   */
  firmwareActive: boolean;
  private readonly handlers: VmChangeStateHandler[] = [];

  constructor(c: ProcessConfig) {
    this.host = c.host;
    this.blk = new BlockBackend(c.disk, c.readOnly, { inactive: c.incoming, log: c.log });
    this.pflash = new PFlashCFI01(c.props, this.blk, c.variant);
    this.runstate = c.incoming ? "inmigrate" : "prelaunch";
    this.firmwareActive = !c.incoming;
  }

  /** bdrv_activate_all(): every image of the process becomes its own. */
  bdrv_activate_all(): void {
    if (!this.blk.isActive()) this.blk.activate();
    this.firmwareActive = true;
  }

  /**
   * bdrv_inactivate_all(), as the source's migration completes. Before QEMU 10.0 an image that is
   * already inactive fails bdrv_inactivate_recurse()'s assertion and the process aborts (F7).
   */
  bdrv_inactivate_all(): void {
    if ((!this.blk.isActive() || !this.firmwareActive) && this.pflash.variant.inactivateInactiveAborts) {
      throw new QemuAbort(this.host, "bdrv_inactivate_recurse: Assertion `!(bs->open_flags & BDRV_O_INACTIVE)' failed.");
    }
    this.blk.inactivate();
    this.firmwareActive = false;
  }

  /** qemu_add_vm_change_state_handler(). */
  qemu_add_vm_change_state_handler(h: VmChangeStateHandler): VmChangeStateHandler {
    this.handlers.push(h);
    return h;
  }

  /** qemu_del_vm_change_state_handler(): unlinks and frees `h`; QEMU dereferences it, so null kills the process. */
  qemu_del_vm_change_state_handler(h: VmChangeStateHandler | null): void {
    if (h === null) throw new QemuAbort(this.host, "qemu_del_vm_change_state_handler(NULL): a NULL VMChangeStateEntry was unlinked", "SIGSEGV");
    const i = this.handlers.indexOf(h);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  /**
   * vm_state_notify(): the handlers in order when the VM starts, in reverse when it stops, walked as
   * QTAILQ_FOREACH_SAFE does: each entry's neighbour is read before the entry is called, so a
   * handler may free itself, but if it frees that neighbour the walk calls freed memory next (QEMU crashes).
   */
  private notify(running: boolean): void {
    const after = (e: VmChangeStateHandler): VmChangeStateHandler | undefined => {
      const i = this.handlers.indexOf(e);
      return this.handlers[running ? i + 1 : i - 1];
    };
    let e: VmChangeStateHandler | undefined = running ? this.handlers[0] : this.handlers[this.handlers.length - 1];
    while (e) {
      const next = after(e);
      e(running);
      if (next && !this.handlers.includes(next)) {
        throw new QemuAbort(this.host, "vm_state_notify(): a change-state handler freed the entry the walk calls next (use after free)", "SIGSEGV", true);
      }
      e = next;
    }
  }

  /** vm_start(): no-op when already running; images still inactive after an incoming migration are activated first. */
  vm_start(): void {
    if (this.runstate === "running") return;
    this.bdrv_activate_all();
    this.runstate = "running";
    this.notify(true);
  }

  /** vm_stop(): handlers run only if the VM was running. */
  vm_stop(to: RunState): void {
    const was = this.runstate === "running";
    this.runstate = to;
    if (was) this.notify(false);
  }

  /** qemu_system_reset(): the device is reset; the run state is kept (loadvm resets this way). */
  system_reset(): void {
    this.pflash.system_reset();
  }

  /**
   * QMP system_reset: a reset request as the main loop serves it (main_loop_should_exit()): the system
   * is reset, then a VM that is not running, coming in or finishing a migration is in prelaunch.
   */
  system_reset_request(): void {
    this.system_reset();
    if (this.runstate !== "running" && this.runstate !== "inmigrate" && this.runstate !== "finish-migrate") this.runstate = "prelaunch";
  }
}
