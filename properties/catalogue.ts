// Why: every property with the sentence a bug report needs; a Record so that a new property fails to compile until it is described.

import { loadInvariant, loadInvariantAtLoad } from "./p1-load-invariant.js";
import { readsMatchModel } from "./p2-reads.js";
import { readOnlyNeverWritten } from "./p3-read-only.js";
import { noInactiveWrites } from "./p4-inactive.js";
import { coldBootDurability } from "./p5-durability.js";
import type { StepCheck } from "./sequence.js";

/** Property identifiers. */
export type PropertyId = "P1" | "P1-strict" | "P2" | "P3" | "P4" | "P5" | "P6";

/** How a property observes a run: after each step, or by comparing a run with its migration-free replay. */
export type PropertyShape = { readonly kind: "per-step"; readonly make: () => StepCheck } | { readonly kind: "paired" };

/** What a property is and what it means when it breaks. */
export interface PropertyInfo {
  readonly id: PropertyId;
  readonly title: string;
  /** One plain sentence: what a failure means. */
  readonly broken: string;
  /** Advisory properties are reported but never fail an audit. */
  readonly advisory: boolean;
  readonly shape: PropertyShape;
}

/** The catalogue, in report order. */
export const PROPERTIES: Readonly<Record<PropertyId, PropertyInfo>> = {
  P1: {
    id: "P1",
    title: "load invariant",
    broken: "After an incoming migration, the destination's active, writable drive does not hold what the guest sees in its flash.",
    advisory: false,
    shape: { kind: "per-step", make: loadInvariant },
  },
  "P1-strict": {
    id: "P1-strict",
    title: "drive already right at load time (advisory)",
    broken: "Right after the incoming load, before the destination owns its drive, the drive does not yet hold the migrated flash.",
    advisory: true,
    shape: { kind: "per-step", make: loadInvariantAtLoad },
  },
  P2: {
    id: "P2",
    title: "guest reads match the model",
    broken: "A guest read returned something other than what the flash chip model says.",
    advisory: false,
    shape: { kind: "per-step", make: readsMatchModel },
  },
  P3: {
    id: "P3",
    title: "read-only drive never written",
    broken: "The device wrote to a drive opened with readonly=on.",
    advisory: false,
    shape: { kind: "per-step", make: readOnlyNeverWritten },
  },
  P4: {
    id: "P4",
    title: "no write to an inactive image",
    broken: "The device wrote to its drive while the image still belonged to the migration source.",
    advisory: false,
    shape: { kind: "per-step", make: noInactiveWrites },
  },
  P5: {
    id: "P5",
    title: "cold-boot durability",
    broken: "After the VM had run, a cold boot from its writable drive showed the guest different flash contents than it saw before.",
    advisory: false,
    shape: { kind: "per-step", make: coldBootDurability },
  },
  P6: {
    id: "P6",
    title: "migration transparency",
    broken: "The guest read different values because the VM was migrated.",
    advisory: false,
    shape: { kind: "paired" },
  },
};

/** All property ids, in report order. */
export const PROPERTY_IDS = Object.keys(PROPERTIES) as PropertyId[];
