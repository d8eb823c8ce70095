// Why: plugs the TypeScript port (impl/) into the Target interface, translating ops into QEMU-shaped calls.

import { Datacenter, MigrationRefused, type MigrationRequest } from "../impl/datacenter.js";
import { MemoryDisk } from "../impl/disk.js";
import type { PFlashProps } from "../impl/pflash-cfi01.js";
import type { PagedBytes } from "../impl/paged-bytes.js";
import { QemuAbort, QemuExit, type QemuProcess } from "../impl/qemu-process.js";
import { variantNamed, type Variant } from "../impl/variants.js";
import { sectionText } from "./section-text.js";
import { SnapshotRefused } from "../impl/savevm.js";
import { flashSize, HOSTS, isSnapshotStep, snapshotText, MAX_FLASH_SIZE, STORAGE_MODES, type Boot, type Geometry, type HostName, type Migrate, type Op } from "../model/index.js";
import { sameBytes } from "../engine/pages.js";
import { migrationsWithin } from "./accepts.js";
import { PEER_HOSTS, TargetCrash, type DeviceSection, type ObservedWrite, type PageView, type StepResult, type Target, type TargetFactory, type TargetState } from "../engine/target.js";

/** The device properties QEMU would be given for `g`. */
export const propsFor = (g: Geometry): PFlashProps => ({
  name: "system.flash1",
  sector_len: g.sectorLen,
  nb_blocs: g.sectors,
  bank_width: g.bankWidth,
  device_width: g.deviceWidth,
  max_device_width: g.maxDeviceWidth,
  big_endian: g.bigEndian,
  id: g.ident,
});

const view = (b: PagedBytes): PageView => ({ size: b.size, page: (i) => b.page(i) });

/** A migration step as the datacenter takes it. */
const request = (op: Omit<Migrate, "kind">): MigrationRequest => ({ to: op.to, storage: op.storage, readOnly: op.readOnly, autostart: op.autostart, lateBlockActivate: op.lateBlockActivate === true });

class PortTarget implements Target {
  private readonly dc: Datacenter;
  private seen = 0;

  constructor(boot: Boot, variant: Variant, peers: ReadonlyMap<string, Variant>) {
    const size = flashSize(boot.geometry);
    const disks = new Map(HOSTS.map((h) => [h, new MemoryDisk(`${h}.fd`, size, boot.template, boot.format)] as const));
    this.dc = new Datacenter({ props: propsFor(boot.geometry), variant, peers, disks, readOnly: boot.readOnly });
  }

  private newWrites(): ObservedWrite[] {
    const out = this.dc.writes.slice(this.seen).map((w) => ({ file: w.disk, offset: w.offset, length: w.length, refused: w.refused }));
    this.seen = this.dc.writes.length;
    return out;
  }

  /** Runs a migration that loads a destination, looking at its drive right after the load (before activation). */
  private loaded(migrate: (onLoaded: (dst: QemuProcess) => void) => void): StepResult {
    let matched: boolean | undefined;
    migrate((dst) => {
      matched = sameBytes(view(dst.pflash.storage), view(dst.blk.disk.pages()));
    });
    return { writes: this.newWrites(), ...(matched === undefined ? {} : { driveMatchedAtLoad: matched }) };
  }

  /** The abort that killed the current process; every later step finds it dead, as on a real host. */
  private died: TargetCrash | null = null;

  async apply(op: Op): Promise<StepResult> {
    if (this.died) throw this.died;
    try {
      return this.step(op);
    } catch (e) {
      // QEMU refusing a command the model says it can carry out ends the run as a crash would, naming the command.
      if (e instanceof SnapshotRefused && isSnapshotStep(op)) throw new TargetCrash(`QEMU on host ${this.dc.current.host} refused ${snapshotText(op)}`, `Error: ${e.message}`);
      if (e instanceof MigrationRefused) throw new TargetCrash(`QEMU on host ${this.dc.current.host} refused migrate`, `Error: ${e.message}`);
      if (e instanceof QemuExit) this.died = new TargetCrash(`QEMU on host ${e.host} exited with status ${e.status}`, e.message);
      else if (e instanceof QemuAbort) this.died = new TargetCrash(`QEMU on host ${e.host} was killed by ${e.signal}`, e.message, e.undefinedBehaviour);
      else throw e;
      throw this.died;
    }
  }

  private step(op: Op): StepResult {
    const dc = this.dc;
    switch (op.kind) {
      case "read":
        return { read: dc.guestRead(op.offset, op.width), writes: this.newWrites() };
      case "write":
        dc.guestWrite(op.offset, op.width, op.value);
        break;
      case "migrate":
        return this.loaded((onLoaded) => dc.migrate(request(op), onLoaded));
      case "migrate-start":
        dc.migrateStart(request(op), op.position === "first-pass");
        break;
      case "migrate-finish":
        return this.loaded((onLoaded) => dc.migrateFinish(onLoaded));
      case "migrate-cancel":
      case "migrate-fail":
        dc.migrateCancel(op.kind === "migrate-fail");
        break;
      case "cont":
        dc.cont();
        break;
      case "stop":
        dc.stop();
        break;
      case "reset":
        dc.reset();
        break;
      case "cold-boot":
        dc.coldBoot();
        break;
      case "savevm":
        dc.savevm(op.name, op.via === "job");
        break;
      case "loadvm":
        dc.loadvm(op.name);
        break;
      case "delvm":
        dc.delvm(op.name);
        break;
    }
    return { writes: this.newWrites() };
  }

  async state(): Promise<TargetState> {
    const p = this.dc.current;
    return {
      host: p.host as HostName,
      running: p.runstate === "running",
      status: p.runstate,
      readOnly: p.blk.readOnly,
      loaded: p.loaded,
      driveActive: p.blk.isActive(),
    };
  }

  async flash(): Promise<PageView> {
    return view(this.dc.current.pflash.storage);
  }

  async drive(): Promise<PageView> {
    return view(this.dc.current.blk.disk.pages());
  }

  async section(): Promise<DeviceSection | null> {
    const p = this.dc.current;
    return p.incomingSection === null ? null : { bytes: p.incomingSection, text: sectionText(p.incomingSection, p.pflash.writeblock_size) };
  }

  async close(): Promise<void> {}
}

/**
 * Targets running the port in the named variant of the catalogue; with `peerName`, hosts B and C
 * run that variant instead (cross-version migration between eras).
 */
export function portTarget(variantName: string, peerName?: string): TargetFactory {
  const variant = variantNamed(variantName);
  const peer = peerName === undefined ? undefined : variantNamed(peerName);
  const peers = new Map(peer ? PEER_HOSTS.map((h) => [h, peer] as const) : []);
  const on = (h: HostName): Variant => peers.get(h) ?? variant;
  const can = { block: HOSTS.every((h) => on(h).blockMigration), lateBlockActivate: HOSTS.every((h) => on(h).lateBlockActivate) };
  return {
    description: `port ${variant.name}${peer ? ` with peer ${peer.name} on ${PEER_HOSTS.join(", ")}` : ""}`,
    spec: `impl:${variant.name}`,
    ...(peer ? { peer: `impl:${peer.name}` } : {}),
    hosts: { lateActivation: HOSTS.filter((h) => on(h).activateImages === "at-vm-start") },
    // An era without block migration (QEMU 9.1 removed it) or without late-block-activate (before 3.0) on any host runs no step that asks for it, as a binary would not.
    ...(can.block && can.lateBlockActivate
      ? {}
      : {
          limits: {
            storage: can.block ? STORAGE_MODES : ["shared", "non-shared"],
            maxFlashSize: MAX_FLASH_SIZE,
            why: `port ${variant.name}${peer ? ` with ${peer.name}` : ""}`,
            ...(can.block ? {} : { storageNote: "block migration was removed in QEMU 9.1" }),
            ...(can.lateBlockActivate ? {} : { lateBlockActivate: false }),
          },
          accepts: (_boot: Boot, ops: readonly Op[]) => migrationsWithin(ops, can),
        }),
    create: async (boot) => new PortTarget(boot, variant, peers),
  };
}
