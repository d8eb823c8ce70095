// Why: turns a command-line target name (impl:<variant>) into a target factory, with a clear error for anything else.

import { UnknownVariantError } from "../impl/variants.js";
import { portTarget } from "./port-target.js";
import type { TargetFactory } from "./target.js";

/** A target name that names nothing this build can run. */
export class TargetSpecError extends Error {
  override readonly name = "TargetSpecError";
}

/** The factory for `spec`: `impl:<variant>` runs the port in that variant of the catalogue. */
export function targetFromSpec(spec: string): TargetFactory {
  const m = /^impl:(.+)$/.exec(spec);
  if (!m?.[1]) throw new TargetSpecError(`target must be impl:<variant>, got "${spec}"`);
  try {
    return portTarget(m[1]);
  } catch (e) {
    if (e instanceof UnknownVariantError) throw new TargetSpecError(e.message);
    throw e;
  }
}
