// Why: a TypeScript port of QEMU's hw/block/pflash_cfi01.c, written from the device's behaviour, keeping QEMU's names so the two read side by side.

import { DirtyLog } from "./dirty-log.js";
import type { BlockBackend } from "./block-backend.js";
import { fill_cfi_table, pflash_cfi_query, pflash_devid_query } from "./pflash-query.js";
import { PagedBytes } from "./paged-bytes.js";
import type { PFlashProps, PFlashState } from "./pflash-state.js";
import { pflash_write } from "./pflash-write.js";
import type { Variant } from "./variants.js";
import type { VmChangeStateHandler } from "./runstate.js";

export type { PFlashProps } from "./pflash-state.js";

/** realize() refused the configuration; the message is QEMU's reason. */
export class RealizeError extends Error {
  override readonly name = "RealizeError";
}

const u32 = (n: number): number => n >>> 0;
const BDRV_SECTOR_SIZE = 512;
const NO_BLOCK_WRITE = 0xffffffff;

/** The device state (PFlashCFI01). */
export class PFlashCFI01 implements PFlashState {
  readonly p: PFlashProps;
  readonly blk: BlockBackend | null;
  readonly variant: Variant;
  readonly storage: PagedBytes;
  readonly ro: boolean;
  readonly max_device_width: number;
  readonly cfi_table: Uint8Array;
  readonly writeblock_size: number;
  wcycle = 0;
  cmd = 0x00;
  status = 0x80;
  counter = 0n;
  /** memory_region_rom_device_set_romd(): true = reads bypass the device. */
  romd = true;
  blk_bytes: Uint8Array;
  blk_offset = NO_BLOCK_WRITE;
  /** The RAMBlock's migration dirty log (the memory core's, kept beside the block it describes). */
  readonly dirty = new DirtyLog();
  /** The run-state handler post_load registered and has not yet run (QEMU's VMChangeStateEntry). */
  vmstate: VmChangeStateHandler | null = null;

  /** pflash_cfi01_realize(). */
  constructor(p: PFlashProps, blk: BlockBackend | null, variant: Variant) {
    if (p.sector_len === 0) throw new RealizeError('attribute "sector-length" not specified or zero.');
    if (p.nb_blocs === 0) throw new RealizeError('attribute "num-blocks" not specified or zero.');
    this.p = p;
    this.blk = blk;
    this.variant = variant;
    const total_len = p.sector_len * p.nb_blocs;
    this.ro = blk ? !blk.blk_supports_write_perm() : false;
    if (blk) {
      const have = blk.blk_getlength();
      if (have !== total_len) {
        throw new RealizeError(
          `device requires ${total_len} bytes, block backend provides ${have} bytes`,
        );
      }
      this.storage = blk.readAll();
    } else {
      this.storage = new PagedBytes(total_len, 0);
    }
    this.max_device_width = p.max_device_width || p.device_width;
    const { table, writeblock_size } = fill_cfi_table(p);
    this.cfi_table = table;
    this.writeblock_size = writeblock_size;
    this.blk_bytes = new Uint8Array(writeblock_size);
  }

  /** pflash_cfi01_system_reset(). */
  system_reset(): void {
    this.cmd = 0x00;
    this.wcycle = 0;
    this.romd = true;
    this.status = 0x80;
    this.blk_offset = NO_BLOCK_WRITE;
  }

  /** A guest read through the memory region: ROMD mode reads the RAMBlock, I/O mode asks the device. */
  mem_read(addr: number, len: number): number {
    return this.romd ? this.pflash_data_read(addr, len) : this.pflash_read(addr, len);
  }

  /** A guest write through the memory region: always reaches the device, with only the access's bytes (memory_region_write_accessor masks). */
  mem_write(addr: number, value: number, len: number): void {
    this.pflash_write(addr, len >= 4 ? u32(value) : value & ((1 << (8 * len)) - 1), len);
  }

  pflash_data_read(offset: number, width: number): number {
    const b = this.storage.read(offset, width);
    let ret = 0;
    for (let i = 0; i < width; i++) ret += (b[i] ?? 0) * 2 ** (8 * (this.p.big_endian ? width - 1 - i : i));
    return ret;
  }

  pflash_read(offset: number, width: number): number {
    const mask = width === 4 ? 0xffffffff : (1 << (8 * width)) - 1;
    return u32(this.pflash_read_untruncated(offset, width) & mask);
  }

  private pflash_read_untruncated(offset: number, width: number): number {
    const { bank_width, device_width } = this.p;
    switch (this.cmd) {
      case 0x00:
        return this.pflash_data_read(offset, width);
      case 0x10: case 0x20: case 0x28: case 0x40: case 0x50: case 0x60: case 0x70: case 0xe8: {
        let ret = this.status;
        if (device_width && width > device_width) {
          for (let shift = device_width * 8; shift + device_width * 8 <= width * 8; shift += device_width * 8) {
            ret = u32(ret | (this.status << shift));
          }
        } else if (!device_width && width > 2) {
          ret = u32(ret | (this.status << 16));
        }
        return ret;
      }
      case 0x90:
      case 0x98: {
        const query = this.cmd === 0x90 ? pflash_devid_query : pflash_cfi_query;
        if (!device_width) return this.legacy_query(offset);
        let ret = 0xffffffff;
        for (let i = 0; i < width; i += bank_width) {
          ret = deposit32(ret, i * 8, bank_width * 8, query(this, offset + i * bank_width));
        }
        return ret;
      }
      default:
        this.wcycle = 0;
        this.cmd = 0x00;
        return this.pflash_data_read(offset, width);
    }
  }

  /** ID and CFI reads when no device width is set: the old byte-offset behaviour. */
  private legacy_query(offset: number): number {
    let boff = offset & 0xff;
    if (this.p.bank_width === 2) boff >>= 1;
    else if (this.p.bank_width === 4) boff >>= 2;
    if (this.cmd === 0x98) return boff < this.cfi_table.length ? (this.cfi_table[boff] ?? 0) : 0;
    const [id0, id1, id2, id3] = this.p.id;
    return boff === 0 ? (id0 << 8) | id1 : boff === 1 ? (id2 << 8) | id3 : 0;
  }

  /**
   * pflash_update(): writes the range, widened to 512-byte sectors, from RAM to the drive. QEMU's
   * device changes its RAMBlock behind the memory core's back (no memory_region_set_dirty()), so the
   * dirty log hears of it only in a variant that adds the call.
   */
  pflash_update(offset: number, size: number): void {
    if (this.variant.marksRamDirty) this.dirty.mark(offset, size);
    if (!this.blk) return;
    const start = Math.floor(offset / BDRV_SECTOR_SIZE) * BDRV_SECTOR_SIZE;
    const end = Math.ceil((offset + size) / BDRV_SECTOR_SIZE) * BDRV_SECTOR_SIZE;
    this.blk.blk_pwrite(start, end - start, this.storage);
  }

  private store(into: { write(o: number, b: Uint8Array): void }, at: number, value: number, width: number): void {
    const b = new Uint8Array(width);
    for (let i = 0; i < width; i++) b[i] = (value >>> (8 * (this.p.big_endian ? width - 1 - i : i))) & 0xff;
    into.write(at, b);
  }

  pflash_blk_write_start(offset: number): void {
    this.blk_offset = offset - (offset % this.writeblock_size);
    this.blk_bytes = this.storage.read(this.blk_offset, this.writeblock_size);
  }

  pflash_blk_write_flush(): void {
    this.storage.write(this.blk_offset, this.blk_bytes);
    this.pflash_update(this.blk_offset, this.writeblock_size);
    this.blk_offset = NO_BLOCK_WRITE;
  }

  pflash_blk_write_abort(): void {
    this.blk_offset = NO_BLOCK_WRITE;
  }

  pflash_data_write(offset: number, value: number, width: number): void {
    if (this.variant.writeBuffer !== "straight-to-ram" && this.blk_offset !== NO_BLOCK_WRITE) {
      if (offset < this.blk_offset || offset + width > this.blk_offset + this.writeblock_size) {
        this.status |= 0x10;
        return;
      }
      const buf = this.blk_bytes;
      this.store({ write: (o, b) => buf.set(b, o) }, offset - this.blk_offset, value, width);
      return;
    }
    this.store(this.storage, offset, value, width);
  }

  pflash_write(offset: number, value: number, width: number): void {
    pflash_write(this, offset, value, width);
  }
}

/** deposit32(): replaces `length` bits of `value` at `start` with the low bits of `field`. */
export function deposit32(value: number, start: number, length: number, field: number): number {
  const mask = length >= 32 ? 0xffffffff : u32(((1 << length) - 1) << start);
  return u32((value & ~mask) | ((field << start) & mask));
}
