// Why: the device's properties and state (QEMU's PFlashCFI01 struct) as types, so the command decoder and the query answers depend on the struct, not on the device file that calls them.

import type { PagedBytes } from "./paged-bytes.js";
import type { Variant } from "./variants.js";

/** qdev properties of the device. */
export interface PFlashProps {
  readonly name: string;
  readonly sector_len: number;
  readonly nb_blocs: number;
  readonly bank_width: number;
  readonly device_width: number;
  readonly max_device_width: number;
  readonly big_endian: boolean;
  readonly id: readonly [number, number, number, number];
}

/** The state the write and query paths read and change (the fields of QEMU's PFlashCFI01 they use). */
export interface PFlashState {
  readonly p: PFlashProps;
  readonly variant: Variant;
  readonly storage: PagedBytes;
  readonly ro: boolean;
  readonly max_device_width: number;
  readonly cfi_table: Uint8Array;
  readonly writeblock_size: number;
  wcycle: number;
  cmd: number;
  status: number;
  counter: bigint;
  /** memory_region_rom_device_set_romd(): true = reads bypass the device. */
  romd: boolean;
  blk_offset: number;
  /** pflash_update(): writes the range, widened to 512-byte sectors, from RAM to the drive. */
  pflash_update(offset: number, size: number): void;
  pflash_blk_write_start(offset: number): void;
  pflash_blk_write_flush(): void;
  pflash_blk_write_abort(): void;
  pflash_data_write(offset: number, value: number, width: number): void;
}
