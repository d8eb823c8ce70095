// Why: verb helpers for port tests, in the style of QEMU's pflash qtests: a device on a disk, and named command writes.

import { BlockBackend, type DriveWrite } from "../../impl/block-backend.js";
import { MemoryDisk } from "../../impl/disk.js";
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
