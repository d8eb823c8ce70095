// Why: one emulator process as the migration flow sees it: a run state, run-state handlers, a drive and the flash device.

import { BlockBackend, type DriveWrite } from "./block-backend.js";
import type { Disk } from "./disk.js";
import { PFlashCFI01, type PFlashProps } from "./pflash-cfi01.js";
import type { Variant } from "./variants.js";

/** The run states the harness can observe (QMP query-status names). */
export type RunState = "running" | "paused" | "prelaunch" | "inmigrate" | "postmigrate" | "shutdown";

/** A VM change-state handler, called with whether the VM is now running. */
export type VmChangeStateHandler = (running: boolean) => void;

/** A process aborted (an assertion failed): QEMU dies with SIGABRT and prints `message` on stderr. */
export class QemuAbort extends Error {
  override readonly name = "QemuAbort";
  constructor(
    readonly host: string,
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

  /** qemu_del_vm_change_state_handler(). */
  qemu_del_vm_change_state_handler(h: VmChangeStateHandler): void {
    const i = this.handlers.indexOf(h);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  private notify(running: boolean): void {
    for (const h of [...this.handlers]) h(running);
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

  /** qemu_system_reset(): the device is reset; the run state is kept. */
  system_reset(): void {
    this.pflash.system_reset();
  }
}
