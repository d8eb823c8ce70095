// Why: verb helpers for port tests, in the style of QEMU's pflash qtests: a device on a disk, and named command writes.

import { BlockBackend, type DriveWrite } from "../../impl/block-backend.js";
import { Datacenter } from "../../impl/datacenter.js";
import { MemoryDisk } from "../../impl/disk.js";
import type { MigrationStorage } from "../../impl/migration.js";
import { PFlashCFI01, type PFlashProps } from "../../impl/pflash-cfi01.js";
import { VARIANTS, type VariantName } from "../../impl/variants.js";

/** x86 pc flash properties with `nb_blocs` 4 KiB sectors. */
export const x86Props = (nb_blocs = 4): PFlashProps => ({
  name: "system.flash1",
  sector_len: 4096,
  nb_blocs,
  bank_width: 1,
  device_width: 0,
  max_device_width: 0,
  big_endian: false,
  id: [0, 0, 0, 0],
});

/** A realized device on an in-memory disk filled with `fill`, with its drive-write log. */
export function device(opts: { props?: PFlashProps; variant?: VariantName; readOnly?: boolean; fill?: number } = {}) {
  const props = opts.props ?? x86Props();
  const log: DriveWrite[] = [];
  const disk = new MemoryDisk("A.fd", props.sector_len * props.nb_blocs, opts.fill ?? 0xff);
  const blk = new BlockBackend(disk, opts.readOnly ?? false, { inactive: false, log });
  const pfl = new PFlashCFI01(props, blk, VARIANTS[opts.variant ?? "qemu-7.2.22"]);
  return { pfl, disk, blk, log };
}

/** Byte writes of command bytes or data at one offset. */
export const writeb = (pfl: PFlashCFI01, offset: number, ...values: number[]): void => {
  for (const v of values) pfl.mem_write(offset, v, 1);
};

/** A one-byte guest read. */
export const readb = (pfl: PFlashCFI01, offset: number): number => pfl.mem_read(offset, 1);

/** Hosts A, B and C with one-sector pc flashes (0xff), the VM booted on A; `peer` runs on B and C. */
export function datacenter(variant: VariantName, opts: { readOnly?: boolean; peer?: VariantName; format?: "raw" | "qcow2" } = {}) {
  const disks = new Map(["A", "B", "C"].map((h) => [h, new MemoryDisk(`${h}.fd`, 4096, 0xff, opts.format)] as const));
  const peers = opts.peer ? new Map(["B", "C"].map((h) => [h, VARIANTS[opts.peer as VariantName]] as const)) : undefined;
  return { d: new Datacenter({ props: x86Props(1), variant: VARIANTS[variant], disks, readOnly: opts.readOnly ?? false, ...(peers ? { peers } : {}) }), disks };
}

/** A word program (0x40, then the byte) through the VM's flash. */
export const program = (d: Datacenter, at: number, v: number): void => {
  d.guestWrite(at, 1, 0x40);
  d.guestWrite(at, 1, v);
};

/** A migration request as QMP migrate's options give it. */
export const req = (to: string, storage: MigrationStorage, readOnly: boolean, autostart: boolean, lateBlockActivate = false) => ({ to, storage, readOnly, autostart, lateBlockActivate });

/** What `f` throws (undefined when it returns), for assertions on the error's own fields. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
