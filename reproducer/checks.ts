// Why: what each property looks at in the reproducer, in a table keyed by property, so a new property does not compile until it says how a script shows it.

import { IMAGE_PAGE, pageOf, queryStatus, type Image, type World } from "../model/index.js";
import type { PropertyId } from "../properties/index.js";
import { byteHex } from "../report/format.js";
import type { ReadCheck } from "./steps.js";
import { pyBool, pyStr } from "./python.js";

/** The model's worlds around the step where the property broke. */
export interface CheckContext {
  /** 1-based step number. */
  readonly n: number;
  readonly before: World;
  readonly after: World;
  /** Declares a Python constant holding the model's array as changes from the initial image; returns its name. */
  readonly expectArray: (img: Image) => string;
}

/** How the script judges a property: which reads it compares, and the Python check after the failing step (null: the reads alone show it). */
export interface ScriptCheck {
  readonly reads: ReadCheck;
  readonly after: ((c: CheckContext) => string) | null;
  /** The script runs the steps twice, first without the migrations (P6). */
  readonly twoRuns?: boolean;
}

const ramIs = (what: (c: CheckContext) => string, img: (c: CheckContext) => Image) => (c: CheckContext) => `r.check_ram(${c.n}, ${c.expectArray(img(c))}, ${pyStr(what(c))})`;

/** Each property's check; the ones a QEMU binary cannot show (reproducer/input.ts) never get here. */
export const SCRIPT_CHECKS: Record<PropertyId, ScriptCheck> = {
  P1: { reads: "none", after: (c) => `r.check_drive_holds_ram(${c.n})` },
  "P1-strict": { reads: "none", after: null },
  P2: { reads: "model", after: null },
  P3: { reads: "none", after: (c) => `r.check_read_only_untouched(${c.n})` },
  P4: { reads: "none", after: null },
  P5: { reads: "none", after: ramIs((c) => `a cold boot from host ${c.before.vm.host}'s drive lost what the guest saw`, (c) => c.before.chip.array) },
  P6: { reads: "earlier", after: null, twoRuns: true },
  P7: { reads: "none", after: (c) => `r.check_state(${c.n}, ${pyStr(queryStatus(c.after))}, ${pyBool(c.after.vm.owns)})` },
  P8: { reads: "none", after: ramIs((c) => `the RAMBlock on host ${c.after.vm.host} differs from the model's array`, (c) => c.after.chip.array) },
  P9: { reads: "none", after: ramIs((c) => `a write the guest made during the live migration to host ${c.after.vm.host} is missing from the destination's RAMBlock`, (c) => c.after.chip.array) },
};

/** `img` as (offset, hex bytes) runs where it differs from its base (the initial image), for a Python list. */
export function changesOf(img: Image): [number, string][] {
  const runs: [number, string][] = [];
  for (const index of [...img.pages.keys()].sort((a, b) => a - b)) {
    const [page, base] = [pageOf(img, index), img.base(index)];
    let at = -1;
    for (let i = 0; i <= page.length; i++) {
      const differs = i < page.length && page[i] !== base[i];
      if (differs && at < 0) at = i;
      if (!differs && at >= 0) {
        runs.push([index * IMAGE_PAGE + at, Array.from(page.subarray(at, i), byteHex).join("")]);
        at = -1;
      }
    }
  }
  return runs;
}
