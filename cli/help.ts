// Why: the help text of each command, with examples, in one place.

import { STORAGE_MODES } from "../model/index.js";
import { DEFAULT_RUNS } from "../engine/budget.js";
import { DEFAULT_SEED } from "../engine/check.js";
import { PROPERTY_IDS } from "../properties/index.js";
import { DEFAULT_VARIANT, VARIANTS } from "../impl/variants.js";
import type { Topic } from "./args.js";

const TARGETS = `impl:<variant> (${Object.keys(VARIANTS).join(", ")}) or qemu:<binary>
                        (a binary name without a slash is looked up on PATH)`;
const BUDGET = `  --seed <n|random>     fast-check seed (default ${DEFAULT_SEED}); random draws one and prints it
  --runs <n>            sequences per property, 1..1000000 (default ${DEFAULT_RUNS}; 300 on a qemu: target)
  --max-steps <n>       steps per sequence, 1..1000 (default 30)
  --storage <modes>     comma-separated storage modes (default all): ${STORAGE_MODES.join(", ")}
  --flash-size <size>   run on flashes of exactly this size (e.g. 128K, 64M; a multiple of 4K)
  --snapshots           drives are qcow2 images and sequences also take, load and delete internal
                        snapshots (savevm/loadvm/delvm and the snapshot jobs); leaves out block-inc
  --path <path>         replay one counterexample path, as printed after "replay:"
  --time-limit <t>      stop generating after t seconds (90, 90s, 5m); the report says it was cut short`;
const RUN_ONLY = `  --min-coverage <n>    a property is "not exercised" unless n sequences exercised it (and, for properties
                        about migrations, n in every storage mode of the plan); default 1
  --verbose             print every sequence as it runs and every shrink step (on stderr)`;
const OUTPUT = `  --format <f>          text, markdown or json (default text, or from the --report file's .md/.json)
  --report <file>       write the report there (stdout then gets the text report)`;

const MAIN = `usage: pflash-audit <command> [options]

Audits implementations of QEMU's CFI01 parallel flash (pflash_cfi01) against a reference model.

commands:
  run        check the properties on a target (the default command)
  variants   the variant catalogue, with what each variant breaks
  replay     re-run a saved counterexample (a corpus entry), or play a recorded firmware workload
  record     boot real firmware (OVMF) under QEMU and record its flash traffic as a workload
  diff       run the same sequences on two targets and show the first difference
  report     render a result saved with --format json as text or markdown
  merge      combine the JSON reports of a run's shards (run --shard k/n) into the run's report
  reproducer write a corpus entry as a standalone script (python3 and QEMU, nothing else)

Run "pflash-audit <command> --help" for a command's options; "pflash-audit --version" prints the version.
Exit codes: 0 every property checked held (or no difference); 1 a property failed or the target crashed
(or a difference was found); 2 usage error (nothing run); 3 the target could not be set up, or a harness
error; 4 incomplete: a property was not exercised, or nothing could be checked; 130 interrupted (Ctrl-C:
the verdicts reached so far are printed).`;

const TEXT: Record<Topic, string> = {
  run: `usage: pflash-audit run [options]

Checks each property on generated sequences; corpus entries for a property are replayed first.
Each property ends held, FAILED, CRASHED (the target died or hung), not observable on this target,
or not exercised (no sequence did what it needs); a statistics block says what the sequences contained.

options:
  --target <t>          ${TARGETS} (default impl:${DEFAULT_VARIANT})
  --peer <t>            hosts B and C run <t>, another version of the same kind (impl: with impl:,
                        qemu: with qemu:): migrations from A to B or C and back cross versions; two
                        binaries share machine type pc-i440fx-X.Y of the older one
  --property <ids>      comma-separated properties (default all): ${PROPERTY_IDS.join(", ")}
${BUDGET}
${RUN_ONLY}
${OUTPUT}
  --save <dir>          write each failure there as a corpus entry (.json), a vitest file (.test.ts) and,
                        where a QEMU binary can show it, a standalone reproducer (.py: python3 and QEMU)
  --corpus <dir>        corpus to replay first (default: the project's corpus/); one malformed file stops
                        the run with its name (exit 2)
  --no-corpus           replay no corpus
  --jobs <n>            sequences at once (default: the machine's cores on a QEMU target, each with processes
                        of its own; 1 on a port, where n > 1 runs n property shards in child processes);
                        the report is the same whatever n is
                        (the same bytes as one process; per property, so at most one job per property;
                        default 1)
  --shard <k/n>         check only shard k of n of the properties (positions k-1, k-1+n, ... of the list):
                        n machines run one shard each, and merge combines their --format json reports
  --workload <file>     search around a recorded firmware workload (record): its accesses, kept whole or
                        cut down, with host events between them; 100 sequences per property by default

examples:
  pflash-audit run
  pflash-audit run --target impl:qemu-2.1 --property P1 --format markdown --report bug.md
  pflash-audit run --property P2 --seed 42 --runs 5000 --flash-size 64M --save found/
  pflash-audit run --target qemu:qemu-system-x86_64 --property P1 --time-limit 10m --seed random
  pflash-audit run --target impl:qemu-7.2.22 --peer impl:qemu-10.0
  pflash-audit run --workload workloads/ovmf-2022.11-first-boot.json --property P1,P9`,
  variants: `usage: pflash-audit variants [options]

Prints the catalogue of QEMU eras the port can play, with the properties that corpus entries break on each.

options:
${OUTPUT}

examples:
  pflash-audit variants
  pflash-audit variants --format markdown`,
  replay: `usage: pflash-audit replay FILE [options]

Re-runs a corpus entry and says whether it still fails (exit 1), no longer does (exit 0), or cannot be
checked on that target (not observable or not exercised: exit 4). A workload file (written by
record) is played instead: exit 0 when every recorded read answers the same and the variable store
ends byte-identical to the recorded boot's, 1 otherwise (default target: the port variant matching
the QEMU that recorded it).

options:
  --target <t>          ${TARGETS} (default: the target the entry was found on)
  --peer <t>            hosts B and C run <t> (default: the entry's own peer, when it has one and
                        <t> is of the same kind as the target)
${OUTPUT}

examples:
  pflash-audit replay corpus/qemu-2.1-P1-stale-destination-drive.json
  pflash-audit replay found/impl-qemu-7.2.22-P2.json --target impl:proposed-fix
  pflash-audit replay workloads/ovmf-2022.11-first-boot.json --target impl:qemu-10.0`,
  record: `usage: pflash-audit record --out <file> [options]

Boots real firmware under QEMU (TCG) from a copy of a variable store, until a text shows on the
serial console or a time passes, and writes what the firmware did to its flash (QEMU's
pflash_io_write and pflash_io_read trace events, flash1 only) as a workload file: the accesses, the
store before (its bytes) and after (its SHA-256), the firmware's SHA-256 and the QEMU version.
Nothing is left running; a firmware that never shows the text is one line, exit 3.

options:
  --target qemu:<bin>   the QEMU to boot it on (default qemu:qemu-system-x86_64)
  --firmware <file>     the code image, flash0 read-only (default /usr/share/OVMF/OVMF_CODE.fd)
  --vars <file>         the variable store to start from, copied (default /usr/share/OVMF/OVMF_VARS.fd)
  --until <text>        stop once the serial console shows it (default "Shell>"); none: run --seconds
  --seconds <n>         the most the boot may take, 1..3600 (default 120)
  --note <text>         what the workload is, kept in the file
  --out <file>          the workload file to write
  --vars-out <file>     also write the variable store as the boot left it (to record a next boot)

examples:
  pflash-audit record --out first-boot.json --vars-out after-first-boot.fd
  pflash-audit record --vars after-first-boot.fd --out second-boot.json --note "second boot"`,
  reproducer: `usage: pflash-audit reproducer FILE [options]

Replays a corpus entry (on the target it was found on, unless told otherwise) and writes its failure
as one Python 3 script that needs only a QEMU binary and python3's standard library: it makes the
images, starts each QEMU with its exact command line, sends the exact qtest and QMP commands
(migrations included), prints every read with the expected and the actual value, removes every
process and file, and exits 1 when the bug shows, 0 when it does not, 125 when it could not run the
steps (125: git bisect run's skip). Run it as: python3 FILE [QEMU] (an entry found across versions:
python3 FILE QEMU PEER); python3 3.6 or newer.
Exit 4, with one line saying why, when the entry does not fail on the target or a QEMU binary
cannot show what its property needs.

options:
  --target <t>          ${TARGETS} (default: the target the entry was found on)
  --peer <t>            hosts B and C run <t> (default: the entry's own peer)
  --out <file>          write the script there, executable (default: stdout)

examples:
  pflash-audit reproducer corpus/qemu-7.2.22-P1-paused-destination-stale.json --out p1.py
  python3 p1.py /usr/bin/qemu-system-x86_64`,
  merge: `usage: pflash-audit merge SHARD.json... [options]

Combines the JSON reports of every shard of one run (run --shard k/n --format json) into the report
the unsharded run prints, byte for byte, and exits with its exit code. Every shard 1..n must be given
once, all of the same run (harness version, target, plan); one line and exit 2 otherwise.

options:
${OUTPUT}

examples:
  pflash-audit run --shard 1/3 --format json --report shard-1.json   (and 2/3, 3/3 on other machines)
  pflash-audit merge shard-1.json shard-2.json shard-3.json --format markdown --report audit.md`,
  report: `usage: pflash-audit report FILE [options]

Renders a result saved earlier with --format json (a run, a replay or a diff) in the chosen format,
byte for byte as the original run printed it, and exits with that result's exit code.

options:
${OUTPUT}

examples:
  pflash-audit run --format json --report result.json
  pflash-audit report result.json --format markdown --report bug.md`,
  diff: `usage: pflash-audit diff --target <t> --baseline <t> [options]

Runs the same generated sequences on both targets and reports the first behavioural difference
(reads, run state, flash or drive contents), shrunk, whether or not any property breaks. The model
is the third side: the report says which of target and baseline disagrees with the other two.

options:
  --target <t>          ${TARGETS}
  --peer <t>            hosts B and C run <t>, another version of the same kind (impl: with impl:,
                        qemu: with qemu:): migrations from A to B or C and back cross versions; two
                        binaries share machine type pc-i440fx-X.Y of the older one
  --baseline <t>        the same forms (default for a qemu: target: the port variant matching its --version;
                        with --peer, the baseline's hosts B and C run the port variant matching the peer)
${BUDGET}
${OUTPUT}

examples:
  pflash-audit diff --target impl:qemu-7.2.22 --baseline impl:qemu-7.2.8
  pflash-audit diff --target impl:proposed-fix --baseline impl:qemu-7.2.22 --format markdown
  pflash-audit diff --target qemu:/usr/bin/qemu-system-x86_64
  pflash-audit diff --target qemu:/usr/bin/qemu-system-x86_64 --peer qemu:.qemu/10.0.2/usr/bin/qemu-system-x86_64`,
};

/** The help text for a command, or the overview. */
export const helpText = (topic: Topic | null): string => (topic === null ? MAIN : TEXT[topic]);
