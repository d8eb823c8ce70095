// Why: the hosts, their files and the VM's current process: the port's whole world, driven one event at a time.

import type { DriveWrite } from "./block-backend.js";
import type { Disk } from "./disk.js";
import { migrate, type MigrationPlan, type MigrationStorage } from "./migration.js";
import { Precopy } from "./precopy.js";
import type { PFlashProps } from "./pflash-cfi01.js";
import { QemuProcess, type RunState } from "./qemu-process.js";
import { delete_snapshot, loadvm, save_snapshot } from "./savevm.js";
import type { Variant } from "./variants.js";

/** How the datacenter is built: the device, the era, and each host's local file. */
export interface DatacenterConfig {
  readonly props: PFlashProps;
  /** The era every host runs, except those in `peers`. */
  readonly variant: Variant;
  /** Hosts that run another era (cross-version migration), by host name. */
  readonly peers?: ReadonlyMap<string, Variant>;
  /** Each host's local file, by host name; the VM boots on the first. */
  readonly disks: ReadonlyMap<string, Disk>;
  /** The first boot opens its drive with readonly=on. */
  readonly readOnly: boolean;
}

/** A guest or host action the datacenter refuses because the VM is not in a state where it can happen. */
export class NotApplicableError extends Error {
  override readonly name = "NotApplicableError";
}

/** QMP migrate refused by QEMU (migrate_prepare()), with QEMU's words. */
export class MigrationRefused extends Error {
  override readonly name = "MigrationRefused";
}

/** A migration as management asks for it: where to, how the destination gets and opens its drive, how it starts. */
export type MigrationRequest = Omit<MigrationPlan, "localDisk" | "onLoaded" | "ram" | "sourceState">;

/** A live migration between its start and its end: where to, and the precopy under way. */
interface Outgoing {
  readonly plan: Omit<MigrationPlan, "ram" | "onLoaded" | "sourceState">;
  readonly precopy: Precopy;
  /**
   * Held at the pre-switchover pause (after the first pass): the run state migration_completion()
   * saved (vm_was_running, global_state_store()) before it stopped the VM and paused; null in the
   * first pass, where the completion has not begun.
   */
  saved: RunState | null;
}

/** The port's world: the VM runs in `current`; every drive write any process made is in `writes`. */
export class Datacenter {
  readonly writes: DriveWrite[] = [];
  current: QemuProcess;
  private readonly c: DatacenterConfig;
  private outgoing: Outgoing | null = null;

  constructor(c: DatacenterConfig) {
    this.c = c;
    const [host, disk] = [...c.disks][0] ?? [];
    if (!host || !disk) throw new NotApplicableError("a datacenter needs at least one host");
    this.current = this.start(host, disk, c.readOnly);
  }

  private start(host: string, disk: Disk, readOnly: boolean): QemuProcess {
    const p = new QemuProcess({ ...this.on(host), host, disk, readOnly, incoming: false });
    p.vm_start();
    return p;
  }

  /** A guest store through the flash's memory region. */
  guestWrite(offset: number, width: number, value: number): void {
    this.current.pflash.mem_write(offset, value, width);
  }

  /** A guest load through the flash's memory region. */
  guestRead(offset: number, width: number): number {
    return this.current.pflash.mem_read(offset, width);
  }

  private planFor(m: MigrationRequest): Outgoing["plan"] {
    const localDisk = this.c.disks.get(m.to);
    if (!localDisk) throw new NotApplicableError(`no host named ${m.to}`);
    if (m.to === this.current.host) throw new NotApplicableError(`the VM already runs on ${m.to}`);
    if (this.outgoing) throw new NotApplicableError("a migration is already in progress");
    // Meant for the source of a completed migration; it also stops one whose migration was cancelled or failed (F12).
    if (this.current.runstate === "postmigrate") throw new MigrationRefused("Can't migrate the vm that was paused due to previous migration");
    return { ...m, localDisk };
  }

  /** What a process on host `host` is built with: the device, that host's era, the shared write log. */
  private on(host: string) {
    return { props: this.c.props, variant: this.c.peers?.get(host) ?? this.c.variant, log: this.writes };
  }

  /** Migrates the VM with nothing happening in between (start and finish at once). */
  migrate(m: MigrationRequest, onLoaded?: (dst: QemuProcess) => void): void {
    const plan = this.planFor(m);
    this.current = migrate(this.current, { ...plan, ...(onLoaded ? { onLoaded } : {}) }, this.on(m.to));
  }

  /**
   * QMP migrate: a live migration begins; the source runs on while precopy copies its RAM. The window
   * is after the first pass (at the pre-switchover pause), or with `firstPass` while the first pass is
   * still in guest RAM and has not reached the flash.
   */
  migrateStart(m: MigrationRequest, firstPass: boolean): void {
    const plan = this.planFor(m);
    const src = this.current.pflash;
    // migrate_init(): a new migration forgets the last one's error.
    this.current.migrationError = false;
    this.outgoing = { plan, precopy: new Precopy(src.storage, src.dirty, !firstPass), saved: firstPass ? null : this.current.runstate };
    // At the pause the completion has stopped the VM already: vm_stop_force_state(RUN_STATE_FINISH_MIGRATE).
    if (!firstPass) this.current.vm_stop("finish-migrate");
  }

  private end(): Outgoing {
    const o = this.outgoing;
    if (!o) throw new NotApplicableError("no migration is in progress");
    this.outgoing = null;
    return o;
  }

  /** The switchover: the source stops, precopy completes, the destination loads (as in migrate()). */
  migrateFinish(onLoaded?: (dst: QemuProcess) => void): void {
    const o = this.end();
    const saved = o.saved === null ? {} : { sourceState: o.saved };
    this.current = migrate(this.current, { ...o.plan, ram: o.precopy.complete(), ...saved, ...(onLoaded ? { onLoaded } : {}) }, this.on(o.plan.to));
  }

  /**
   * QMP migrate_cancel during precopy or at the pause (migrate_fd_cancel()): the source's images were
   * never inactivated (that comes after the pause), so it goes on, started again if the completion
   * had stopped it. With `destinationDied`, the destination had been
   * started on its drive (inactive, as -incoming opens it) and died in the middle of the stream, before
   * its load completed: nothing of it reaches a file (a block migration's destination dies before reading).
   */
  migrateCancel(destinationDied: boolean): void {
    const o = this.end();
    if (destinationDied) {
      const disk = o.plan.storage === "shared" ? this.current.blk.disk : o.plan.localDisk;
      new QemuProcess({ ...this.on(o.plan.to), host: o.plan.to, disk, readOnly: o.plan.readOnly, incoming: true });
    }
    o.precopy.cancel();
    // Cancelled at the pre-switchover pause, migration_completion() fails and the source's MigrationState keeps
    // that error; cancelled while still active (in the first pass), the migration ends with none.
    this.current.migrationError = o.saved !== null;
    // migration_iteration_finish(): a VM that was running as the completion began runs again (the proposed fix's
    // honoured stop, below, saved paused instead); one that was not is left in postmigrate (F12), or, from 10.0,
    // put back in the state it had.
    // 10.0's migration_block_activate() on the failure path: a VM that came in paused, its images still inactive, takes them over.
    if (this.current.pflash.variant.activateImages === "at-vm-start") this.current.bdrv_activate_all();
    if (o.saved === "running") this.current.vm_start();
    else if (o.saved !== null) this.current.runstate = this.current.pflash.variant.cancelRestoresRunState ? o.saved : "postmigrate";
  }

  /** QMP cont. */
  cont(): void {
    this.current.vm_start();
  }

  /**
   * QMP stop: qmp_stop() -> vm_stop(), which changes nothing for a VM that is not running, as at the
   * pre-switchover pause (finish-migrate): there the stop is lost (F11) unless the era records it in
   * the run state the completion saved, which then travels and comes back on a cancel.
   */
  stop(): void {
    const o = this.outgoing;
    if (this.current.runstate === "running") this.current.vm_stop("paused");
    else if (o?.saved === "running" && !this.current.pflash.variant.stopAtSwitchoverLost) o.saved = "paused";
  }

  /** QMP system_reset. */
  reset(): void {
    this.current.system_reset_request();
  }

  /** HMP savevm (replaces a snapshot of the same name) or the snapshot-save job (refuses one), on the current host. */
  savevm(name: string, job: boolean): void {
    this.idle("savevm");
    save_snapshot(this.current, name, !job);
  }

  /** HMP loadvm or the snapshot-load job. */
  loadvm(name: string): void {
    this.idle("loadvm");
    loadvm(this.current, name);
  }

  /** HMP delvm or the snapshot-delete job. */
  delvm(name: string): void {
    this.idle("delvm");
    delete_snapshot(this.current, name);
  }

  /** The harness never runs a snapshot command while a migration is under way (QEMU refuses one then). */
  private idle(what: string): void {
    if (this.outgoing) throw new NotApplicableError(`${what} while a migration is in progress`);
  }

  /** QMP quit, then a new process on the same host from the same drive. */
  coldBoot(): void {
    const old = this.current;
    old.vm_stop("shutdown");
    this.current = this.start(old.host, old.blk.disk, old.blk.readOnly);
  }
}
