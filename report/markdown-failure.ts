// Why: one counterexample as a bug report a QEMU maintainer accepts as it is: a title, the effect on a guest, the versions, the exact command lines, the steps in the datasheet's words, and a reproducer that needs only QEMU.

import { isX86pc } from "../generators/geometries.js";
import { flashSize } from "../model/index.js";
import { commandLines } from "../reproducer/command-lines.js";
import { bootLine } from "./boot.js";
import { countBytesOf, guestPhysical, readMeaning, writeMeaning } from "./commands.js";
import { hexOr, offsetHex } from "./format.js";
import type { Compared, FailureReport, PropertyReport, Report, StepReport } from "./model.js";
import { widthOf } from "./steps.js";
import { hostStepLegend } from "./host-steps.js";
import { implementationName, pinnedMachine } from "./title.js";

const cell = (s: string): string => s.replaceAll("|", "\\|");

/** The two value columns of the steps table, by what the reads are compared with. */
const COLUMNS: Record<Compared, readonly [string, string]> = {
  model: ["model expects", "target read"],
  "without-migrations": ["without the migrations", "with the migrations"],
};

/** What a step is, in the datasheet's words: the command a written byte is, or the mode a read answers in. */
const commandOf = (s: StepReport, countBytes: number): string => (s.op.kind === "write" ? writeMeaning(s.mode, s.op.value, countBytes) : s.op.kind === "read" ? readMeaning(s.mode) : "");

function stepsTable(f: FailureReport): string[] {
  const size = flashSize(f.geometry);
  const pc = isX86pc(f.geometry);
  const [expects, did] = COLUMNS[f.compared];
  const rows = f.steps.map((s) => {
    const w = widthOf(s.op);
    const bus = s.op.kind === "read" || s.op.kind === "write";
    const mark = s.n === f.failingStep ? (f.crash ? " **crashes here**" : " **fails here**") : "";
    const where = bus ? [`\`${offsetHex(s.op.offset)}\``, ...(pc ? [`\`${guestPhysical(s.op, size) ?? ""}\``] : [])] : ["", ...(pc ? [""] : [])];
    const values = s.op.kind === "read" ? [hexOr(s.expected, "", w), hexOr(s.got, "nothing", w)] : ["", ""];
    return `| ${[String(s.n), `\`${cell(s.text)}\`${mark}`, cell(commandOf(s, countBytesOf(f.geometry))), ...where, ...values].join(" | ")} |`;
  });
  const head = ["#", "step", "command", "flash offset", ...(pc ? ["guest-physical"] : []), expects, did];
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows];
}

function commandLinesBlock(f: FailureReport, r: Report): string[] {
  if (f.reproducer.kind === "none") return [];
  const peer = r.target.peer !== undefined;
  const machine = peer ? (pinnedMachine(r.target) ?? "$MACHINE") : "pc";
  const lines = commandLines(f.readOnly, f.steps, machine, peer, f.format ?? "raw");
  const who = peer ? `\`$QEMU\` is the binary on host A, \`$PEER\` the one on hosts B and C${machine === "$MACHINE" ? ", `$MACHINE` the older one's `pc-i440fx-X.Y`" : ""}` : "`$QEMU` is the binary";
  return [
    `**QEMU command lines**, in the order the steps start them (${who}; \`$DIR\` a scratch folder; \`flash0.fd\` is 64 KiB of 0xff with a halt loop at its reset vector; each \`X.fd\` starts as ${r.plan?.workload ? `the variable store \`${r.plan.workload}\` recorded` : "the flash's initial image: 0xff, except a fixed pseudo-random pattern in every 8th 4 KiB page from page 4"}; a QEMU unpacked outside /usr/bin also gets \`-L\` its own \`share/qemu\`):`,
    "",
    "```sh",
    ...lines.flatMap((l) => [`# ${l.when}: host ${l.host}`, l.argv.join(" ")]),
    "```",
    "",
  ];
}

function reproducerBlock(f: FailureReport, r: Report): string[] {
  if (f.reproducer.kind === "none") return [`No standalone reproducer: ${f.reproducer.why}.`, ""];
  const args = r.target.peer === undefined ? "[QEMU]" : "QEMU PEER";
  return [
    `<details><summary>Standalone reproducer (python3 and QEMU only): save as <code>repro.py</code> and run <code>python3 repro.py ${args}</code>; exit 1 means the bug shows</summary>`,
    "",
    "```python",
    f.reproducer.text.trimEnd(),
    "```",
    "",
    "</details>",
    "",
  ];
}

/** A failure (or crash) of property `p` as a bug report section. */
export function failureMarkdown(p: PropertyReport, f: FailureReport, r: Report): string[] {

  const diff = f.difference ? ["", `First difference at offset \`${offsetHex(f.difference.offset)}\`:`, "", "```", `${f.difference.left.name.padEnd(8)} ${f.difference.left.hex}`, `${f.difference.right.name.padEnd(8)} ${f.difference.right.hex}`, "```"] : [];
  const port = r.target.spec.startsWith("impl:");
  // A port emulates QEMU's assertion: say so, never let it pass for a real binary's output.
  const crash = f.crash ? ["", "```", f.crash.what, ...(f.crash.stderr ? [`${port ? "the port predicts QEMU prints: " : "stderr: "}${f.crash.stderr}`] : []), "```"] : [];
  const source = f.source.kind === "corpus" ? `corpus entry \`${f.source.file}\`` : `seed ${f.source.seed}, path \`${f.source.path}\``;
  const versions = [r.target.version, r.target.peerVersion].filter((v): v is string => v !== undefined).map((v) => `\`${v}\``);
  return [
    `### pflash_cfi01 on ${implementationName(r.target)}: ${p.advisory ? "(advisory, not a bug) " : ""}${f.headline} (${p.id})`,
    "",
    ...(f.note ? [`**Effect on a guest${f.note.foundOn === undefined || f.note.foundOn === r.target.spec ? "" : ` (the corpus entry's note, written for \`${f.note.foundOn}\`)`}:** ${f.note.text}`, ""] : []),
    ...(port ? ["Found on pflash-audit's port of QEMU's device and migration flow, not on a QEMU binary; the reproducer below runs it on one.", ""] : []),
    `**Found by** pflash-audit ${r.harness} on \`${r.target.spec}\`${r.target.peer === undefined ? "" : ` with \`${r.target.peer}\` on hosts B and C`}${versions.length > 0 ? ` (${versions.join(", ")})` : ""}, ${source}.`,
    "",
    `**What broke:** ${f.broken}`,
    "",
    `**What happened:** ${f.crash ? f.crash.what : f.message}`,
    ...crash,
    "",
    `**Flash:** ${bootLine(f, true)}.`,
    "",
    ...commandLinesBlock(f, r),
    ...stepsTable(f),
    "",
    "The steps in QEMU's terms:",
    "",
    ...hostStepLegend(f.steps),
    ...diff,
    "",
    ...reproducerBlock(f, r),
    "Replay with pflash-audit (from a checkout of its repository):",
    "",
    "```sh",
    f.replay,
    "```",
    "",
  ];
}
