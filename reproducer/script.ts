// Why: a counterexample as one Python file a QEMU maintainer runs with nothing but the QEMU binary: the runtime verbatim, then the steps and the check, literal.

import { flashSize, IMAGE_PAGE, type Boot, type Image } from "../model/index.js";

const ERASED = new Uint8Array(IMAGE_PAGE).fill(0xff);

/** Every page of `boot`'s initial image, by index. */
const pagesOf = (boot: Boot): [number, Uint8Array][] => Array.from({ length: Math.ceil(flashSize(boot.geometry) / IMAGE_PAGE) }, (_, i) => [i, boot.template(i)]);
import { PROPERTIES } from "../properties/index.js";
import { describeGeometry } from "../report/boot.js";
import { hex, offsetHex } from "../report/format.js";
import { changesOf } from "./checks.js";
import { whyNoScript, type ReproducerInput } from "./input.js";
import { phasesPython } from "./phases.js";
import { PY_CHECKS } from "./py-checks.js";
import { PY_HELPERS } from "./py-helpers.js";
import { PY_MAIN } from "./py-main.js";
import { PY_PROCESS } from "./py-process.js";
import { PY_RUN } from "./py-run.js";
import { PY_QCOW2, PY_SNAPSHOTS } from "./py-snapshots.js";
import { DRIVE_OPTIONS } from "./command-lines.js";
import { pyBool } from "./python.js";

/** A reproducer script, or why there cannot be one. */
export type Reproducer = { readonly kind: "script"; readonly text: string } | { readonly kind: "none"; readonly why: string };


/** INITIAL: None for the harness's own initial image, else the recorded store's bytes that are not 0xff, as (offset, bytes) runs. */
function initialPython(input: ReproducerInput): string[] {
  if (input.initialFrom === undefined) return ["INITIAL = None  # every drive starts as the harness's initial image"];
  const erased: Image = { size: flashSize(input.boot.geometry), base: () => ERASED, pages: new Map(pagesOf(input.boot)) };
  const runs = changesOf(erased).map(([o, h]) => `    (${offsetHex(o)}, "${h}"),`);
  return [`# Every drive starts as the variable store of ${input.initialFrom}: 0xff except these (offset, bytes).`, "INITIAL = [", ...runs, "]"];
}

/** The standalone reproducer for `input`, or why a QEMU binary cannot show it. */
export function reproducerScript(input: ReproducerInput): Reproducer {
  const why = whyNoScript(input);
  if (why !== null) return { kind: "none", why };
  const p = PROPERTIES[input.property];
  const size = flashSize(input.boot.geometry);
  const on = input.peer === undefined ? input.foundOn : `${input.foundOn} with ${input.peer} on hosts B and C`;
  const dies = !input.crash ? "QEMU dies" : input.crash.includes("Assertion") ? `QEMU aborts: ${input.crash}` : input.crash.startsWith("refused") ? `QEMU ${input.crash}` : `QEMU is ${input.crash}`;
  const what = input.crash !== null ? dies : `${p.id} ${p.title} breaks`;
  const header = [
    "#!/usr/bin/env python3",
    `# Why: standalone reproducer of a pflash_cfi01 counterexample (${what}), written by pflash-audit ${input.harness}.`,
    `r"""pflash_cfi01: ${input.crash !== null ? dies : p.headline} (${p.id} ${p.title}).`,
    "",
    ...(input.note ? [input.note.replaceAll('"""', "'''"), ""] : []),
    `Found on ${on} with ${input.source}; written by pflash-audit ${input.harness}.`,
    "",
    `Run:   python3 THIS_FILE [QEMU${input.peer ? " PEER" : ""}]`,
    `       QEMU is the qemu-system-x86_64 to try (default: the one on PATH)${input.peer ? "; PEER runs hosts B and C" : ""}.`,
    `Needs: Linux, python3 3.6 or newer (standard library only) and the QEMU binary${input.boot.format === "qcow2" ? " (and qemu-img)" : ""}. Every process`,
    "       and file it makes is gone when it ends, also on Ctrl-C.",
    "Exit:  1 the bug shows, 0 it does not, 125 the steps could not be run (git bisect run's skip),",
    "       2 bad arguments, 130 interrupted.",
    "",
    "Each host is one QEMU process (TCG, pc machine) with a halting firmware on flash0 and the drive",
    "under test on flash1; guest accesses go through qtest, management through QMP, migrations",
    '"exec:cat" through a file. Every command is printed as it is sent.',
    '"""',
    "",
    "import base64, json, os, re, resource, shutil, signal, socket, subprocess, sys, tempfile, time, traceback",
  ];
  const data = [
    "",
    "# --- the counterexample: the steps, and the check after the step where it broke ---",
    "",
    `FLASH_SIZE = ${hex(size, 4)}  # ${describeGeometry(input.boot.geometry)}`,
    `READ_ONLY = ${pyBool(input.boot.readOnly)}  # flash1 on host A opened with readonly=on`,
    `PEER = ${pyBool(input.peer !== undefined)}  # hosts B and C run a second QEMU binary`,
    `CRASH = ${input.crash === null ? "None" : JSON.stringify(input.crash)}  # ${input.crash === null ? "not a crash" : "the bug is QEMU dying at the failing step, printing this (or killed by this signal, or refusing this command)"}`,
    `FAILING_STEP = ${input.failingStep}`,
    `FORMAT = ${JSON.stringify(input.boot.format ?? "raw")}  # ${input.boot.format === "qcow2" ? "the drives are qcow2 images (made with qemu-img), which hold snapshots" : "the drives are raw files"}`,
    `DRIVE_OPTIONS = ${JSON.stringify(DRIVE_OPTIONS[input.boot.format ?? "raw"])}`,
    ...initialPython(input),
    "",
  ];
  const body = phasesPython(input);
  const main = ["if __name__ == \"__main__\":", "    sys.exit(main(PHASES))"];
  const runtime = ["", "# --- how the steps run: the same in every reproducer ---", PY_HELPERS, "", PY_QCOW2, "", PY_PROCESS, "", "", PY_RUN, "", PY_CHECKS, "", PY_SNAPSHOTS, "", "", PY_MAIN, "", ""];
  const text = [...header, ...data, "", ...body, ...runtime, ...main, ""].join("\n");
  return { kind: "script", text };
}
