// Why: the surviving mutants no test can kill, each with the reason it is equivalent, so the mutation score counts only what an audit could catch.

import type { Equivalent } from "./score.js";

const AT_PAUSE = "a stop finds the VM not running only at the pause (engine/applicable.ts offers stop to a running VM only), where a migration is under way and its saved state is still running: the model is paused after one stop";
const DIED = "a destination that died before its load completed only read its drive (realize; the partial stream it reads on the binary writes no file); the port keeps no image locks, so nothing of it remains";
const BLOCK_COPY = "the incremental copy and the whole copy leave the same bytes in the destination file";
const RESENT = "a page marked without cause is sent again as it is: the only variant that marks (proposed-fix) marks every change, so its bytes are already the sent ones";
const ERASE = "the byte-wise erase and the page-sharing one leave the same bytes (sectors of a page or more start on a page)";
const PAST_CFI = "past the table no field matches and the switch answers 0 too";
const PAST_QUERY = "past the table the lookup's ?? 0 answers 0, and 0 in every lane is 0";
const ONE_DEVICE = "one device multiplies by one";
const NO_LANE = "with one device on the bus depositLanes has no lane to fill";
const WCYCLE3 = "wcycle 3 is entered only from wcycle 2 of a 0xe8 command";
const ONE_BYTE = "the answer is one byte; pflash_read fills every lane of the bank with it whether or not it was repeated here, and drops what lies past the bank";
const STRAIGHT = "a straight-to-RAM era's confirm returns before the read-only check (wcycle3): only a buffered program reads the flag";
const NEVER_INACTIVE = "an era without late-block-activate takes every incoming VM's images over (the firmware's too) as its migration ends, and a source's are inactivated only after the pause, so it never migrates out a VM with an inactive image";
const COUNTER = "after the last data word nothing reads counter (wcycle 3 takes only the confirm, and the next 0xe8 sets it anew); only the device's migration section shows it, which no property looks at (the three-way diff compares it with the binary's and found this setting)";
const NO_STOP_HANDLER = "a stop never finds a change-state handler: the only one (post_load's drive update) is added while the VM is not running (an incoming load, loadvm), and the next run-state change, necessarily a start, removes it (F8's leaked second handler crashes that start)";
const NOT_STARTED_TWICE = "nothing starts a running VM: cont is offered only to a VM that is not running (engine/applicable.ts), and every other vm_start() follows a stop, a load or a new process";
const NO_INMIGRATE = "no step sees a process in inmigrate: a destination is created, loaded and started or left paused within one migration step, and one that dies is discarded";
const MIGRATION_ERROR_SET_AGAIN = "every end of a live migration sets it again (migrateCancel, for a cancel and a failure alike) or leaves this process behind (the switchover), and no snapshot step is taken inside the window (refused, \"migrating\"), so nothing reads what migrateStart set";
const HANDLER_LISTED = "every handler unlinked is in the list: pfl->vmstate names the last one added, only this call removes one, and it sets pfl->vmstate to NULL, whose unlink crashes first";
const CLAMPED = "only a later chunk's n changes, where start is 0 and n then exceeds what is left: subarray stops at the end of bytes, so the same bytes are stored and done passes the end";
const NO_BUFFER_BEFORE_7_2_9 = "a straight-to-RAM era never has a buffer open: its code opens none, and its load refuses a section that carries one (QEMU before 7.2.9 knows no such subsection), so blk_offset is NO_BLOCK_WRITE there and the other half decides alone";
const ROMD = "ROMD off in array mode is the same read: pflash_read answers cmd 0x00 with the array bytes ROMD mode reads";

/**
 * Equivalent mutants of impl/ and model/. An entry names a line by what it says, not by its
 * number, and covers every mutant of its mutators (and replacement) there. `npm run mutation:score`
 * fails when an entry's mutant was killed (it was not equivalent) or matches nothing (the code moved on).
 */
export const EQUIVALENTS: readonly Equivalent[] = [
  { file: "model/bus.ts", mutator: "EqualityOperator", line: /for \(let at = 0; at < busBytes; at \+= laneBytes\) out = /, replacement: "at <= busBytes", reason: "the extra lane lies past the bus, which every caller masks off, or, on a 4-byte bus, shifts by 32, which JavaScript takes as 0, and sets the first lane again" },
  ...[["ConditionalExpression", "false"], ["EqualityOperator", "width < g.deviceWidth"]].map(([mutator, replacement]): Equivalent => ({ file: "model/bus.ts", mutator: mutator!, line: /if \(width <= g\.deviceWidth\) return status;/, replacement: replacement!, reason: "the status is one byte: replicated into one lane and masked to the width it is the same byte" })),
  ...[["ConditionalExpression", "true"], ["EqualityOperator", "dw <= g.bankWidth"]].map(([mutator, replacement]): Equivalent => ({ file: "model/bus.ts", mutator: mutator!, line: /return dw < g\.bankWidth \? replicate\(answer, dw, g\.bankWidth\) : answer;/, replacement: replacement!, reason: "with the device as wide as the bank, replicate only masks the answer to the bank width, which queryRead masks every answer to anyway" })),
  { file: "model/bus.ts", mutator: "EqualityOperator", line: /if \(width <= g\.bankWidth\) return u32\(bankAnswer/, replacement: "width < g.bankWidth", reason: "at a width equal to the bank width the loop below takes one bank answer with the same mask" },
  { file: "model/chip.ts", mutator: "EqualityOperator", line: /for \(let i = 0; i < width; i\+\+\) \{/, replacement: "i <= width", reason: "the extra byte goes to out[width] of a width-byte Uint8Array, which drops it" },
  { file: "model/chip.ts", mutator: "EqualityOperator", line: /for \(let i = 0; i < bytes\.length; i\+\+\) \{/, replacement: "i <= bytes.length", reason: "the extra step adds (undefined ?? 0) shifted, which is 0" },
  ...[["ConditionalExpression", "true"], ["EqualityOperator", "n >= 0"]].map(([mutator, replacement]): Equivalent => ({ file: "model/geometry.ts", mutator: mutator!, line: /const isPowerOfTwo = /, original: "n > 0", replacement: replacement!, reason: "isPowerOfTwo checks only the sector length, beside `|| g.sectorLen < 512`, which refuses every n <= 0 with the same words" })),
  { file: "model/image.ts", mutator: "ArithmeticOperator", line: /const n = Math\.min\(IMAGE_PAGE - start, bytes\.length - done\);/, replacement: "bytes.length + done", reason: CLAMPED },
  { file: "impl/datacenter.ts", mutator: "ArrayDeclaration", line: /const \[host, disk\] = \[\.\.\.c\.disks\]\[0\] \?\? \[\];/, original: "[]", reason: "with no host the fallback's one element is a host without a disk, which the next line refuses with the same words" },
  { file: "impl/datacenter.ts", mutator: "LogicalOperator", line: /if \(!host \|\| !disk\) throw/, replacement: "!host && !disk", reason: "the disks map gives every host a disk (DatacenterConfig's type) and host names are never empty (A, B, C), so host and disk are missing together" },
  { file: "impl/datacenter.ts", mutator: "BooleanLiteral", line: /^\s*this\.current\.migrationError = false;$/, reason: MIGRATION_ERROR_SET_AGAIN },
  { file: "impl/migration.ts", mutator: "ConditionalExpression", line: /if \(!\(e instanceof VmstateLoadError\)\) throw e;/, replacement: "false", reason: "vmstate_load throws nothing but VmstateLoadError (test/mutation/vmstate.mutation.ts: every cut, extended or changed section is refused by name); the guard keeps a programming error from passing for QEMU's exit" },
  { file: "impl/savevm.ts", mutator: "ConditionalExpression", line: /if \(e instanceof VmstateLoadError\) throw new SnapshotRefused/, replacement: "true", reason: "vmstate_load throws nothing but VmstateLoadError (test/mutation/vmstate.mutation.ts), so every error it throws is the one this turns into QEMU's refusal" },
  { file: "impl/paged-bytes.ts", mutator: "ArithmeticOperator", line: /const n = Math\.min\(PAGE_SIZE - start, bytes\.length - done\);/, replacement: "bytes.length + done", reason: CLAMPED },
  { file: "impl/pflash-cfi01.ts", mutator: "ConditionalExpression", line: /if \(this\.variant\.writeBuffer !== "straight-to-ram" && this\.blk_offset !== NO_BLOCK_WRITE\) \{/, original: 'this.variant.writeBuffer !== "straight-to-ram"', replacement: "true", reason: NO_BUFFER_BEFORE_7_2_9 },
  { file: "impl/pflash-cfi01.ts", mutator: "StringLiteral", line: /if \(this\.variant\.writeBuffer !== "straight-to-ram" && this\.blk_offset !== NO_BLOCK_WRITE\) \{/, replacement: '""', reason: NO_BUFFER_BEFORE_7_2_9 },
  { file: "impl/pflash-cfi01.ts", mutator: "ConditionalExpression", line: /^\s*case 0x00:$/, reason: "cmd 0x00 always comes with ROMD on (mode_read_array, reset and realize set both; a section loaded with cmd 0x00 lands on a device realize left in ROMD, and restoreRomdOnLoad sets ROMD for it), so no array read reaches pflash_read" },
  { file: "impl/pflash-cfi01.ts", mutator: "ArithmeticOperator", line: /for \(let shift = device_width \* 8; shift \+ device_width \* 8 <= width \* 8;/, before: /shift \+ $/, replacement: "device_width / 8", reason: "shift runs through multiples of device_width * 8 and width * 8 is one too, so shift + device_width / 8 <= width * 8 holds for exactly the shifts shift + device_width * 8 <= width * 8 does" },
  { file: "impl/pflash-write.ts", mutator: "ConditionalExpression", line: /^\s*default:$/, previous: /^\s*return;$/, reason: "wcycle 1 is entered only from wcycle 0 with a command the cases above list (0x10, 0x40, 0x20, 0x60, 0x98, 0xe8), and a loaded section carries a state the port saved" },
  { file: "impl/pflash-write.ts", mutator: "ConditionalExpression", line: /^\s*default:$/, previous: /return wcycle3\(pfl, cmd\);/, reason: "wcycle is 0 to 3: each step moves it by one at most and wcycle 3 always moves back to 0" },
  { file: "impl/pflash-write.ts", mutator: "ConditionalExpression", line: /^\s*default:$/, previous: /return pfl\.counter !== 0n;/, reason: "without its return false the function returns undefined, which the caller's && takes as false alike" },
  { file: "impl/qemu-process.ts", mutator: "StringLiteral", line: /this\.runstate = c\.incoming \? "inmigrate" : "prelaunch";/, original: '"prelaunch"', reason: "the datacenter starts every process it creates without -incoming at once (vm_start), so no step sees this state (a reset of a paused VM sets prelaunch anew)" },
  { file: "impl/qemu-process.ts", mutator: "BooleanLiteral", line: /^\s*this\.firmwareActive = false;$/, reason: "after bdrv_inactivate_all the drive's image is inactive, which alone makes the next one abort, and only bdrv_activate_all activates it again, setting this too" },
  { file: "impl/qemu-process.ts", mutator: "ConditionalExpression", line: /if \(i >= 0\) this\.handlers\.splice\(i, 1\);/, replacement: "true", reason: HANDLER_LISTED },
  { file: "impl/savevm.ts", mutator: "StringLiteral", line: /const ran = stopIfRunning\(proc, "save-vm"\);/, reason: "the VM is started again before save_snapshot returns, and a change-state handler is told only whether the VM runs: no step sees the state's name" },
  { file: "impl/disk.ts", mutator: "StringLiteral", line: /^\s*format: "raw" \| "qcow2" = "raw",$/, reason: "the format is asked only whether it is \"qcow2\" (which holds snapshots): any other name is a raw file" },
  // Run states and change-state handlers no step can meet (impl/qemu-process.ts).
  { file: "impl/qemu-process.ts", mutator: "ConditionalExpression", line: /^\s*const was = this\.runstate === "running";$/, replacement: "false", reason: NO_STOP_HANDLER },
  { file: "impl/qemu-process.ts", mutator: "StringLiteral", line: /^\s*const was = this\.runstate === "running";$/, reason: NO_STOP_HANDLER },
  { file: "impl/qemu-process.ts", mutator: "ConditionalExpression", line: /^\s*if \(was\) this\.notify\(false\);$/, replacement: "false", reason: NO_STOP_HANDLER },
  { file: "impl/qemu-process.ts", mutator: "BooleanLiteral", line: /^\s*if \(was\) this\.notify\(false\);$/, reason: NO_STOP_HANDLER },
  { file: "impl/qemu-process.ts", mutator: "ArithmeticOperator", line: /let e: VmChangeStateHandler \| undefined = running \? this\.handlers\[0\] : this\.handlers\[this\.handlers\.length - 1\]/, reason: NO_STOP_HANDLER },
  { file: "impl/qemu-process.ts", mutator: "ArithmeticOperator", line: /return this\.handlers\[running \? i \+ 1 : i - 1\];/, original: "i - 1", reason: NO_STOP_HANDLER },
  { file: "impl/qemu-process.ts", mutator: "ConditionalExpression", line: /^\s*if \(this\.runstate === "running"\) return;$/, replacement: "false", reason: NOT_STARTED_TWICE },
  { file: "impl/qemu-process.ts", mutator: "StringLiteral", line: /^\s*if \(this\.runstate === "running"\) return;$/, reason: NOT_STARTED_TWICE },
  { file: "impl/qemu-process.ts", mutator: "StringLiteral", line: /this\.runstate = c\.incoming \? "inmigrate" : "prelaunch";/, original: '"inmigrate"', reason: NO_INMIGRATE },
  { file: "impl/qemu-process.ts", mutator: ["ConditionalExpression", "StringLiteral"], line: /if \(this\.runstate !== "running" && this\.runstate !== "inmigrate" && this\.runstate !== "finish-migrate"\)/, original: 'this.runstate !== "inmigrate"', reason: NO_INMIGRATE },
  { file: "impl/qemu-process.ts", mutator: "StringLiteral", line: /if \(this\.runstate !== "running" && this\.runstate !== "inmigrate" && this\.runstate !== "finish-migrate"\)/, original: '"inmigrate"', reason: NO_INMIGRATE },
  // An error class's name shows only in a stack trace: the port and its targets tell errors apart with instanceof and render their message.
  ...["impl/datacenter.ts", "impl/pflash-cfi01.ts", "impl/qemu-process.ts", "impl/savevm.ts", "impl/variants.ts", "impl/vmstate.ts"].map(
    (file): Equivalent => ({ file, mutator: "StringLiteral", line: /^\s*override readonly name = "[A-Za-z]+";$/, reason: "an error's class name shows only in a stack trace; every caller tells the port's errors apart with instanceof and shows their message" }),
  ),
  // ROMD is only a fast path for reads in array mode.
  { file: "impl/pflash-post-load.ts", mutator: "ConditionalExpression", line: /pfl\.romd = pfl\.wcycle === 0 && pfl\.cmd === 0x00/, original: "pfl.wcycle === 0 && pfl.cmd === 0x00", replacement: "false", reason: ROMD },
  { file: "impl/pflash-post-load.ts", mutator: "ConditionalExpression", line: /pfl\.romd = pfl\.wcycle === 0 && pfl\.cmd === 0x00/, original: "pfl.wcycle === 0", replacement: "true", reason: `${ROMD}; and cmd 0x00 always comes with wcycle 0` },
  { file: "impl/pflash-post-load.ts", mutator: "EqualityOperator", line: /pfl\.romd = pfl\.wcycle === 0 && pfl\.cmd === 0x00/, replacement: "pfl.wcycle !== 0", reason: `${ROMD} (this leaves ROMD off after every load)` },
  { file: "impl/pflash-post-load.ts", mutator: "StringLiteral", line: /case "none":/, reason: "a case that matches nothing returns from the switch, as \"none\" does" },
  // The write state machine: states the device cannot be in.
  { file: "impl/pflash-write.ts", mutator: "ConditionalExpression", line: /if \(pfl\.cmd !== 0xe8\) return mode_read_array\(pfl\);/, replacement: "false", reason: "wcycle 2 is entered only from a 0xe8 count cycle, so cmd is 0xe8 there" },
  { file: "impl/pflash-write.ts", mutator: "ConditionalExpression", line: /^\s*if \(pfl\.cmd !== 0xe8\) \{$/, replacement: "false", reason: WCYCLE3 },
  { file: "impl/pflash-write.ts", mutator: "BlockStatement", line: /^\s*if \(pfl\.cmd !== 0xe8\) \{$/, reason: WCYCLE3 },
  { file: "impl/pflash-write.ts", mutator: "BlockStatement", line: /^\s*\} else \{$/, previous: /pfl\.pflash_update\(start, pfl\.writeblock_size\);/, reason: "a read-only device set 0x10 already when this word's data was refused" },
  // Widths: bytes beyond the access are dropped or never exist.
  { file: "impl/pflash-cfi01.ts", mutator: "EqualityOperator", line: /for \(let i = 0; i < width; i\+\+\) ret \+= \(b\[i\] \?\? 0\)/, replacement: "i <= width", reason: "the storage read returns width bytes: the extra one is undefined, counted as 0" },
  { file: "impl/pflash-cfi01.ts", mutator: "EqualityOperator", line: /for \(let i = 0; i < width; i\+\+\) b\[i\] = /, replacement: "i <= width", reason: "a store past the end of a width-byte Uint8Array does nothing" },
  { file: "impl/pflash-cfi01.ts", mutator: "ConditionalExpression", line: /if \(device_width && width > device_width\) \{/, original: "width > device_width", replacement: "true", reason: "with width <= device_width the loop below runs no iteration" },
  { file: "impl/pflash-cfi01.ts", mutator: "EqualityOperator", line: /if \(device_width && width > device_width\) \{/, replacement: "width >= device_width", reason: "with width == device_width the loop below runs no iteration" },
  { file: "impl/pflash-cfi01.ts", mutator: "ArithmeticOperator", line: /for \(let shift = device_width \* 8; shift \+ device_width \* 8 <= width \* 8;/, original: "shift + device_width * 8", replacement: "shift - device_width * 8", reason: "the extra iterations shift the one-byte status to where it already is (JavaScript shifts modulo 32) or past the width, which pflash_read masks off" },
  { file: "impl/pflash-cfi01.ts", mutator: "ConditionalExpression", line: /\} else if \(!device_width && width > 2\) \{/, original: "width > 2", replacement: "true", reason: "for a one- or two-byte read the status copied to bits 16..23 is masked off" },
  { file: "impl/pflash-cfi01.ts", mutator: "EqualityOperator", line: /\} else if \(!device_width && width > 2\) \{/, replacement: "width >= 2", reason: "for a two-byte read the status copied to bits 16..23 is masked off" },
  { file: "impl/pflash-cfi01.ts", mutator: "ConditionalExpression", line: /if \(this\.cmd === 0x98\) return boff < this\.cfi_table\.length/, original: "boff < this.cfi_table.length", replacement: "true", reason: "past the table the lookup's ?? 0 answers 0 too" },
  { file: "impl/pflash-cfi01.ts", mutator: "EqualityOperator", line: /if \(this\.cmd === 0x98\) return boff < this\.cfi_table\.length/, replacement: "boff <= this.cfi_table.length", reason: "past the table the lookup's ?? 0 answers 0 too" },
  // The query answers: lanes a read cannot see, devices that do not exist.
  { file: "impl/pflash-query.ts", mutator: "ConditionalExpression", line: /const ctz32 = /, replacement: "false", reason: "never called with 0: the answers need a device width, realize sets max_device_width, a flash has a size" },
  { file: "impl/pflash-query.ts", mutator: "EqualityOperator", line: /for \(let i = laneBytes; i < busBytes; i \+= laneBytes\)/, replacement: "i <= busBytes", reason: "the extra lane is past the bank, and pflash_read deposits only bank_width bytes of each answer" },
  { file: "impl/pflash-query.ts", mutator: "ConditionalExpression", line: /if \(num_devices > 1\) writeblock_size \*= num_devices;/, replacement: "true", reason: ONE_DEVICE },
  { file: "impl/pflash-query.ts", mutator: "EqualityOperator", line: /if \(num_devices > 1\) writeblock_size \*= num_devices;/, replacement: "num_devices >= 1", reason: ONE_DEVICE },
  { file: "impl/pflash-query.ts", mutator: "ConditionalExpression", line: /if \(b >= pfl\.cfi_table\.length\) return 0;/, replacement: "false", reason: PAST_QUERY },
  { file: "impl/pflash-query.ts", mutator: "EqualityOperator", line: /if \(b >= pfl\.cfi_table\.length\) return 0;/, replacement: "b > pfl.cfi_table.length", reason: PAST_QUERY },
  { file: "impl/pflash-query.ts", mutator: "ConditionalExpression", line: /if \(device_width !== 1 \|\| bank_width > 4\) return 0;/, original: "bank_width > 4", replacement: "false", reason: "no bank is wider than 4 bytes" },
  { file: "impl/pflash-query.ts", mutator: "ConditionalExpression", line: /for \(let i = 1; i < pfl\.max_device_width; i\+\+\) resp = /, replacement: "false", reason: ONE_BYTE },
  { file: "impl/pflash-query.ts", mutator: "EqualityOperator", line: /for \(let i = 1; i < pfl\.max_device_width; i\+\+\) resp = /, reason: ONE_BYTE },
  { file: "impl/pflash-query.ts", mutator: "ConditionalExpression", line: /return device_width < bank_width \? depositLanes/, replacement: "true", reason: NO_LANE },
  { file: "impl/pflash-query.ts", mutator: "EqualityOperator", line: /return device_width < bank_width \? depositLanes/, replacement: "device_width <= bank_width", reason: NO_LANE },
  // Precopy and its dirty log: sending a page again, or in another order, sends the bytes the destination gets anyway.
  { file: "impl/dirty-log.ts", mutator: ["MethodExpression", "ArrowFunction", "ArithmeticOperator"], line: /const out = \[\.\.\.this\.pages\]\.sort/, reason: "each page of a pass is copied on its own; their order changes nothing the destination ends with" },
  { file: "impl/dirty-log.ts", mutator: "ConditionalExpression", line: /if \(length <= 0\) return;/, replacement: "false", reason: RESENT },
  { file: "impl/dirty-log.ts", mutator: "EqualityOperator", line: /if \(length <= 0\) return;/, replacement: "length < 0", reason: RESENT },
  { file: "impl/dirty-log.ts", mutator: "ArithmeticOperator", line: /const last = Math\.floor\(\(offset \+ length - 1\) \/ PAGE_SIZE\);/, replacement: "offset + length + 1", reason: RESENT },
  { file: "impl/precopy.ts", mutator: "BlockStatement", line: /^\s*cancel\(\): void \{$/, reason: "the next migration's Precopy takes (clears) the log before its first pass, and nothing else reads it" },
  // Block migration: incremental or whole, the destination file ends with the source's bytes.
  { file: "impl/migration.ts", mutator: ["ConditionalExpression", "BooleanLiteral"], line: /if \(!incremental\) return to\.replaceWith\(src\);/, reason: BLOCK_COPY },
  { file: "impl/migration.ts", mutator: ["ConditionalExpression", "EqualityOperator", "StringLiteral"], line: /blockMigrate\(src\.blk\.disk, disk, plan\.storage === "block-inc"\);/, reason: BLOCK_COPY },
  { file: "impl/migration.ts", mutator: "EqualityOperator", line: /for \(let j = 0; j < len; j\+\+\) \{/, replacement: "j <= len", reason: "a difference found one byte further can only make the copy write the page's own bytes" },
  { file: "impl/migration.ts", mutator: "ConditionalExpression", line: /if \(a\[j\] !== b\[j\]\) \{/, replacement: "true", reason: "writing a page whose bytes are the same changes nothing" },
  // Processes and images.
  { file: "impl/qemu-process.ts", mutator: "ConditionalExpression", line: /if \(!this\.blk\.isActive\(\)\) this\.blk\.activate\(\);/, replacement: "true", reason: "activating an active image sets what is set, and finds no notifier waiting (post_load adds one only while the image is inactive)" },
  { file: "impl/paged-bytes.ts", mutator: "ArrayDeclaration", line: /this\.pages = new Array<Uint8Array>\(count\);/, reason: "the loop below assigns every index, so the array ends the same" },
  // The catalogue: labels, and settings no code path tells apart.
  { file: "impl/variants.ts", mutator: "StringLiteral", line: /^\s*(qemu|commits|summary): "/, reason: "a label: the reports and `pflash-audit variants` print it (the CLI snapshot tests pin it), no behaviour an audit's property could see reads it" },
  ...["qemu-2.1", "qemu-2.2", "qemu-7.2.8"].map((row) => ({ file: "impl/variants.ts", mutator: "BooleanLiteral", line: /^\s*confirmChecksReadOnly: false,$/, row, reason: STRAIGHT })),
  ...["qemu-2.1", "qemu-2.2"].map((row) => ({ file: "impl/variants.ts", mutator: "BooleanLiteral", line: /^\s*inactivateInactiveAborts: false,$/, row, reason: NEVER_INACTIVE })),
  // 7.2.22's own setting, and the check's "true", show in the counter a section carries, which test/impl/vmstate.test.ts pins.
  ...["qemu-2.1", "qemu-2.2", "qemu-7.2.8", "qemu-10.0", "proposed-fix"].map((row) => ({ file: "impl/variants.ts", mutator: "BooleanLiteral", line: /^\s*lastWordKeepsCounter: (true|false),$/, row, reason: COUNTER })),
  { file: "impl/pflash-write.ts", mutator: "ConditionalExpression", line: /if \(pfl\.variant\.lastWordKeepsCounter\) return;/, replacement: "false", reason: COUNTER },
  { file: "impl/variants.ts", mutator: "StringLiteral", line: /^\s*postLoad: "none",$/, reason: "a postLoad that matches no case of pflash_post_load()'s switch does what \"none\" does: nothing" },
  { file: "impl/variants.ts", mutator: "StringLiteral", line: /^\s*activateImages: "at-migration-end",$/, reason: "code only asks whether the mode is \"at-vm-start\"; any other value is \"at-migration-end\"" },
  // The datacenter: a destination that dies unloaded, and processes that are discarded.
  { file: "impl/datacenter.ts", mutator: ["ConditionalExpression", "BlockStatement"], line: /^\s*if \(destinationDied\) \{$/, reason: DIED },
  { file: "impl/datacenter.ts", mutator: ["ConditionalExpression", "EqualityOperator", "StringLiteral"], line: /const disk = o\.plan\.storage === "shared" \? this\.current\.blk\.disk : o\.plan\.localDisk;/, reason: DIED },
  { file: "impl/datacenter.ts", mutator: "BooleanLiteral", line: /new QemuProcess\(\{ \.\.\.this\.on\(o\.plan\.to\), host: o\.plan\.to, disk, readOnly: o\.plan\.readOnly, incoming: true \}\);/, reason: DIED },
  // F11's port: what the pause saved, restored on a cancel.
  { file: "impl/datacenter.ts", mutator: "ConditionalExpression", line: /const saved = o\.saved === null \? \{\} : \{ sourceState: o\.saved \};/, replacement: "false", reason: "{ sourceState: null } reads as absent: migrate() takes plan.sourceState ?? src.runstate" },
  { file: "impl/datacenter.ts", mutator: "ConditionalExpression", line: /else if \(o\?\.saved === "running" && !this\.current\.pflash\.variant\.stopAtSwitchoverLost\) o\.saved = "paused";/, original: 'o?.saved === "running"', replacement: "true", reason: AT_PAUSE },
  { file: "impl/datacenter.ts", mutator: "OptionalChaining", line: /else if \(o\?\.saved === "running" && !this\.current\.pflash\.variant\.stopAtSwitchoverLost\) o\.saved = "paused";/, reason: AT_PAUSE },
  { file: "impl/datacenter.ts", mutator: "StringLiteral", line: /old\.vm_stop\("shutdown"\);/, reason: "the run state of a process discarded on the next line is never read" },
  { file: "impl/datacenter.ts", mutator: "BooleanLiteral", line: /const p = new QemuProcess\(\{ \.\.\.this\.on\(host\), host, disk, readOnly, incoming: false \}\);/, reason: "vm_start() on the next line activates every image and leaves the process running either way" },
  // model/: fast paths and zeros the table answers anyway.
  { file: "model/cfi.ts", mutator: "ConditionalExpression", line: /const trailingZeros = /, replacement: "false", reason: "never called with 0: a flash has a size" },
  { file: "model/cfi.ts", mutator: "ConditionalExpression", line: /if \(index >= start && v !== undefined\) return v;/, original: "index >= start", replacement: "true", reason: "before a field's start the lookup is at a negative position, which holds no byte" },
  { file: "model/image.ts", mutator: "ConditionalExpression", line: /if \(offset % IMAGE_PAGE !== 0 \|\| length % IMAGE_PAGE !== 0\) \{/, original: "offset % IMAGE_PAGE !== 0 || length % IMAGE_PAGE !== 0", replacement: "true", reason: ERASE },
  { file: "model/image.ts", mutator: "ConditionalExpression", line: /if \(offset % IMAGE_PAGE !== 0 \|\| length % IMAGE_PAGE !== 0\) \{/, original: "offset % IMAGE_PAGE !== 0", replacement: "false", reason: ERASE },
  { file: "model/image.ts", mutator: "EqualityOperator", line: /if \(offset % IMAGE_PAGE !== 0 \|\| length % IMAGE_PAGE !== 0\) \{/, original: "offset % IMAGE_PAGE !== 0", reason: ERASE },
  { file: "model/image.ts", mutator: "ArithmeticOperator", line: /if \(offset % IMAGE_PAGE !== 0 \|\| length % IMAGE_PAGE !== 0\) \{/, reason: ERASE },
  { file: "model/cfi.ts", mutator: "ConditionalExpression", line: /if \(index < 0 \|\| index >= CFI_TABLE_LENGTH\) return 0;/, replacement: "false", reason: PAST_CFI },
  { file: "model/cfi.ts", mutator: "LogicalOperator", line: /if \(index < 0 \|\| index >= CFI_TABLE_LENGTH\) return 0;/, reason: PAST_CFI },
  { file: "model/cfi.ts", mutator: "EqualityOperator", line: /if \(index < 0 \|\| index >= CFI_TABLE_LENGTH\) return 0;/, replacement: "index <= 0", reason: PAST_CFI },
  { file: "model/cfi.ts", mutator: "EqualityOperator", line: /if \(index < 0 \|\| index >= CFI_TABLE_LENGTH\) return 0;/, replacement: "index > CFI_TABLE_LENGTH", reason: PAST_CFI },
  { file: "model/cfi.ts", mutator: "ArrayDeclaration", line: /^\s*\[0x17, \[0x00, 0x00, 0x00, 0x00\]\],/, original: "[0x00, 0x00, 0x00, 0x00]", reason: "zero bytes: without the field the switch answers 0" },
  { file: "model/cfi.ts", mutator: "ArrayDeclaration", line: /^\s*\[0x2b, \[0x00\]\],/, original: "[0x00]", reason: "a zero byte: without the field the switch answers 0" },
];
