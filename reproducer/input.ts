// Why: everything a standalone reproducer is written from, and the reasons a counterexample cannot be one: a QEMU binary cannot run it or cannot show it.

import { isX86pc } from "../generators/geometries.js";
import { template } from "../generators/template.js";
import { flashSize, type Boot } from "../model/index.js";
import type { Executed } from "../engine/sequence.js";
import type { Observation } from "../engine/target.js";
import { PROPERTIES, type PropertyId } from "../properties/index.js";

/** A counterexample as the reproducer needs it: the steps that ran, where it broke, and what it was found on. */
export interface ReproducerInput {
  readonly property: PropertyId;
  /** What the finding does to a guest (a corpus entry's note), when known. */
  readonly note?: string;
  /** This harness's version, e.g. "0.1.0". */
  readonly harness: string;
  /** The target it was found on, as the command line names it, and its peer on hosts B and C. */
  readonly foundOn: string;
  readonly peer?: string;
  /** How it was found: "corpus entry corpus/X.json" or "seed 42, path 2:1:4". */
  readonly source: string;
  readonly boot: Boot;
  /**
   * Where the drives start from when it is not the harness's own initial image: a recorded
   * firmware store (a workload), what it names in reports, e.g. "workloads/ovmf-2022.11-first-boot.json".
   */
  readonly initialFrom?: string;
  /** The steps that ran, in order, with the model's value for each read. */
  readonly executed: readonly Pick<Executed, "op" | "expected" | "mode">[];
  /** 1-based step after which the property broke (0: at boot). */
  readonly failingStep: number;
  /**
   * Null when the property broke; for a crash (the target died or hung at that step), the failed
   * assertion QEMU printed (engine/crash.ts), or "" when it printed none.
   */
  readonly crash: string | null;
}

/** What a QEMU binary cannot show from outside (targets/qemu.ts says the same to the engine). */
const HIDDEN_IN_QEMU: readonly Observation[] = ["drive-at-load", "inactive-image-writes"];

const MIB = 1024 * 1024;

/** Why `input` cannot be a standalone script, or null when it can. */
export function whyNoScript(input: ReproducerInput): string | null {
  if (!/^(qemu:|impl:qemu-)/.test(input.foundOn)) return `${input.foundOn} is not a QEMU release, so there is no QEMU to run the steps on`;
  const p = PROPERTIES[input.property];
  const hidden = p.needs.filter((n) => HIDDEN_IN_QEMU.includes(n));
  if (input.crash === null && hidden.length > 0) return `${p.id} needs what a QEMU binary does not show from outside (${hidden.join(", ")})`;
  if (input.initialFrom === undefined && input.boot.template !== template) return "the drives start from an image the script does not know how to build";
  if (!isX86pc(input.boot.geometry)) return "the flash is not one the x86 pc machine builds from -drive if=pflash (4 KiB sectors, byte-wide, little endian, at most 8 MiB with flash0)";
  const block = input.executed.some((e) => (e.op.kind === "migrate" || e.op.kind === "migrate-start") && e.op.storage.startsWith("block"));
  if (block && flashSize(input.boot.geometry) % MIB !== 0) return "block migration in QEMU 7.2 needs a drive of whole MiB (finding F3)";
  return null;
}
