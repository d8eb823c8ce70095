// Why: the hosts, their files and the VM's current process: the port's whole world, driven one event at a time.

import type { DriveWrite } from "./block-backend.js";
import type { Disk } from "./disk.js";
import { migrate, type MigrationStorage } from "./migration.js";
import type { PFlashProps } from "./pflash-cfi01.js";
import { QemuProcess } from "./qemu-process.js";
import type { Variant } from "./variants.js";

/** How the datacenter is built: the device, the era, and each host's local file. */
export interface DatacenterConfig {
  readonly props: PFlashProps;
  readonly variant: Variant;
  /** Each host's local file, by host name; the VM boots on the first. */
  readonly disks: ReadonlyMap<string, Disk>;
  /** The first boot opens its drive with readonly=on. */
  readonly readOnly: boolean;
}

/** A guest or host action the datacenter refuses because the VM is not in a state where it can happen. */
export class NotApplicableError extends Error {
  override readonly name = "NotApplicableError";
}

/** The port's world: the VM runs in `current`; every drive write any process made is in `writes`. */
export class Datacenter {
  readonly writes: DriveWrite[] = [];
  current: QemuProcess;
  private readonly c: DatacenterConfig;

  constructor(c: DatacenterConfig) {
    this.c = c;
    const [host, disk] = [...c.disks][0] ?? [];
    if (!host || !disk) throw new NotApplicableError("a datacenter needs at least one host");
    this.current = this.start(host, disk, c.readOnly);
  }

  private start(host: string, disk: Disk, readOnly: boolean): QemuProcess {
    const p = new QemuProcess({ host, disk, readOnly, incoming: false, props: this.c.props, variant: this.c.variant, log: this.writes });
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

  /** Live-migrates the VM to host `to`. */
  migrate(
    to: string,
    storage: MigrationStorage,
    readOnly: boolean,
    autostart: boolean,
    onLoaded?: (dst: QemuProcess) => void,
  ): void {
    const localDisk = this.c.disks.get(to);
    if (!localDisk) throw new NotApplicableError(`no host named ${to}`);
    if (to === this.current.host) throw new NotApplicableError(`the VM already runs on ${to}`);
    const base = { props: this.c.props, variant: this.c.variant, log: this.writes };
    const plan = { to, storage, localDisk, readOnly, autostart, ...(onLoaded ? { onLoaded } : {}) };
    this.current = migrate(this.current, plan, base);
  }

  /** QMP cont. */
  cont(): void {
    this.current.vm_start();
  }

  /** QMP stop. */
  stop(): void {
    this.current.vm_stop("paused");
  }

  /** QMP system_reset. */
  reset(): void {
    this.current.system_reset();
  }

  /** QMP quit, then a new process on the same host from the same drive. */
  coldBoot(): void {
    const old = this.current;
    old.vm_stop("shutdown");
    this.current = this.start(old.host, old.blk.disk, old.blk.readOnly);
  }
}
