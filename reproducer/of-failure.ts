// Why: a failure the audit found (or a corpus entry it replayed) as the input of its reproducer, so --save, the reproducer command and the reports write the same script.

import type { AuditResult } from "../engine/audit.js";
import { traceCrashSignature } from "../engine/crash.js";
import type { Failed } from "../engine/outcome.js";
import { isPropertyId } from "../properties/index.js";
import type { ReproducerInput } from "./input.js";
import { reproducerScript, type Reproducer } from "./script.js";

/** The reproducer input for failure `o` on `target`, written by harness version `harness`; `initialFrom` names a workload whose store the drives start from. */
export function reproducerInputOf(o: Failed, target: AuditResult["target"], harness: string, initialFrom?: string): ReproducerInput {
  const id = o.property.id;
  if (!isPropertyId(id)) throw new Error(`${id} is not a catalogue property`);
  const v = o.trace.violation;
  return {
    property: id,
    ...(o.note === undefined ? {} : { note: o.note.text }),
    harness,
    foundOn: target.spec,
    ...(target.peer === undefined ? {} : { peer: target.peer }),
    source: o.corpusFile !== undefined ? `corpus entry ${o.corpusFile}` : `seed ${o.seed}, path ${o.path}`,
    boot: o.case.boot,
    ...(initialFrom === undefined ? {} : { initialFrom }),
    executed: o.trace.executed,
    failingStep: (v?.step ?? -1) + 1,
    crash: v?.crash === undefined ? null : (traceCrashSignature(o.trace) ?? ""),
  };
}

/** The reproducer of failure `o` on `target`. */
export const reproducerOf = (o: Failed, target: AuditResult["target"], harness: string, initialFrom?: string): Reproducer => reproducerScript(reproducerInputOf(o, target, harness, initialFrom));
