// Why: the catalogue: every property, in report order; the ids are its keys, so the catalogue is the one place that names them.

import type { Property } from "../engine/property.js";
import { P1 } from "./p1-load-invariant.js";
import { P1_STRICT } from "./p1-strict.js";
import { P2 } from "./p2-reads.js";
import { P3 } from "./p3-read-only.js";
import { P4 } from "./p4-inactive.js";
import { P5 } from "./p5-durability.js";
import { P6 } from "./p6-transparency.js";
import { P7 } from "./p7-host-state.js";
import { P8 } from "./p8-ram-block.js";
import { P9 } from "./p9-live-window.js";

/** The catalogue, in report order. Adding a property: one file in properties/, and its line here (with its import). */
export const PROPERTIES = {
  P1,
  "P1-strict": P1_STRICT,
  P2,
  P3,
  P4,
  P5,
  P6,
  P7,
  P8,
  P9,
} as const satisfies Readonly<Record<string, Property>>;

/** Property identifiers: the catalogue's keys. */
export type PropertyId = keyof typeof PROPERTIES;

/** All property ids, in report order. */
export const PROPERTY_IDS = Object.keys(PROPERTIES) as PropertyId[];

/** True for a string naming a property of the catalogue. */
export const isPropertyId = (s: string): s is PropertyId => (PROPERTY_IDS as readonly string[]).includes(s);

/** The properties named by `ids`, in the order given. */
export const propertiesOf = (ids: readonly PropertyId[]): Property[] => ids.map((id) => PROPERTIES[id]);
