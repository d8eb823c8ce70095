// Why: plugs the TypeScript port (impl/) into the Target interface, translating ops into QEMU-shaped calls.

import { Datacenter } from "../impl/datacenter.js";
import { MemoryDisk } from "../impl/disk.js";
import type { PFlashProps } from "../impl/pflash-cfi01.js";
import type { PagedBytes } from "../impl/paged-bytes.js";
import type { QemuProcess } from "../impl/qemu-process.js";
import { variantNamed, type Variant } from "../impl/variants.js";
import { flashSize, HOSTS, type Boot, type Geometry, type HostName, type Op } from "../model/index.js";
import { sameBytes } from "../engine/pages.js";
import type { ObservedWrite, PageView, StepResult, Target, TargetFactory, TargetState } from "../engine/target.js";

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

class PortTarget implements Target {
  private readonly dc: Datacenter;
  private seen = 0;

  constructor(boot: Boot, variant: Variant) {
    const size = flashSize(boot.geometry);
    const disks = new Map(HOSTS.map((h) => [h, new MemoryDisk(`${h}.fd`, size, boot.template)] as const));
    this.dc = new Datacenter({ props: propsFor(boot.geometry), variant, disks, readOnly: boot.readOnly });
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

  async apply(op: Op): Promise<StepResult> {
    const dc = this.dc;
    switch (op.kind) {
      case "read":
        return { read: dc.guestRead(op.offset, op.width), writes: this.newWrites() };
      case "write":
        dc.guestWrite(op.offset, op.width, op.value);
        break;
      case "migrate":
        return this.loaded((onLoaded) => dc.migrate(op.to, op.storage, op.readOnly, op.autostart, onLoaded));
      case "migrate-start":
        dc.migrateStart(op.to, op.storage, op.readOnly, op.autostart);
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
    }
    return { writes: this.newWrites() };
  }

  async state(): Promise<TargetState> {
    const p = this.dc.current;
    return {
      host: p.host as HostName,
      running: p.runstate === "running",
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

  async close(): Promise<void> {}
}

/** Targets running the port in the named variant of the catalogue. */
export function portTarget(variantName: string): TargetFactory {
  const variant = variantNamed(variantName);
  return {
    description: `port ${variant.name}`,
    spec: `impl:${variant.name}`,
    create: async (boot) => new PortTarget(boot, variant),
  };
}
