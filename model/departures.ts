// Why: the one place that says where the model follows QEMU rather than the Intel datasheet, so nobody "fixes" the model into disagreeing with every emulator.

/** A behaviour where QEMU's CFI01 device deliberately differs from a real Intel/Sharp command-set chip. */
export interface Departure {
  /** What the datasheet says a chip does. */
  readonly datasheet: string;
  /** What QEMU does, which the model follows. */
  readonly model: string;
  /** Why the model follows QEMU here. */
  readonly why: string;
}

/**
 * Every departure the model makes from the datasheet. The model follows QEMU in each because guests
 * (OVMF, U-Boot, Linux's cfi_cmdset_0001) are written against real chips and tolerate all of these,
 * and because a model that disagreed would turn long-standing, intentional emulator shortcuts into
 * noise in every property. Each entry is exercised by a test in test/model/.
 */
export const DEPARTURES = {
  eraseAtSetup: {
    datasheet: "Block erase (0x20) erases only when confirmed with 0xd0.",
    model: "The sector is filled with 0xff at the 0x20 write; 0xd0 only completes the sequence and 0xff abandons it without undoing the erase.",
    why: "QEMU has no erase timing; firmware always confirms, so the shortcut is invisible to real guests.",
  },
  programIsStore: {
    datasheet: "Programming can only clear bits (1 to 0); only an erase sets them.",
    model: "A program stores the written value as is, so it can also turn 0 bits into 1.",
    why: "QEMU stores the value; firmware programs erased (0xff) cells only, where the two agree.",
  },
  locksIgnored: {
    datasheet: "Lock setup (0x60) followed by 0x01 locks a block, by 0xd0 unlocks it; locked blocks refuse program and erase.",
    model: "Lock commands complete with status 0x80 and change nothing; every block is always unlocked.",
    why: "QEMU implements no block locking.",
  },
  clearStatusZeroes: {
    datasheet: "Clear status (0x50) clears the error bits; SR.7 (ready) keeps reflecting the state machine.",
    model: "Clear status sets the whole status register to 0, ready bit included, until the next command sets 0x80 again.",
    why: "QEMU writes 0 to its status byte; guests issue a new command before polling.",
  },
  stickyErrorBlocksBuffer: {
    datasheet: "A buffered program is judged by its own data phase.",
    model: "A write-to-buffer confirm (0xd0) commits only if status bit 0x10 is clear, whichever command set it; otherwise the buffer is discarded.",
    why: "QEMU tests the sticky status bit; guests clear status (0x50) after an error.",
  },
  bufferBlockUnchecked: {
    datasheet: "A buffered program's 0xe8, count and confirm cycles go to the block being programmed; data outside that block, or a confirm to another block, is a command sequence error.",
    model: "The words must fall in the write-buffer-aligned range holding the first data word (the program's start address); where the 0xe8, count and confirm cycles were written is not checked.",
    why: "QEMU checks none of those addresses; U-Boot and Linux write them to the block they program, so no guest sees the difference.",
  },
  queryAddressing: {
    datasheet: "ID and CFI answers sit on device byte lanes; each bus word address selects one query offset.",
    model: "Query reads use QEMU's address arithmetic: the low address bits below the bank width are ignored, the answer is replicated per device and truncated to the access width; with no device width only the low 8 address bits count; a 4-byte read on a 2-byte bank takes its upper half from offset + 4.",
    why: "This is how QEMU decodes query reads; no supported machine reads the CFI table in a way that exposes the difference.",
  },
  deviceSizeCode: {
    datasheet: "CFI byte 0x27 is n such that the device holds 2^n bytes.",
    model: "Byte 0x27 is the number of trailing zero bits of the per-device size (the same n for power-of-two sizes).",
    why: "QEMU computes it that way; x86 firmware never reads it.",
  },
  unimplementedIsReadArray: {
    datasheet: "An invalid command sequence sets error bits in the status register.",
    model: "An unrecognised sequence is abandoned: the chip goes back to read-array mode with status unchanged.",
    why: "QEMU logs it as unimplemented and returns to read array.",
  },
} as const satisfies Record<string, Departure>;

/** Name of one departure. */
export type DepartureName = keyof typeof DEPARTURES;
