// Why: one pure function decides how the process ends, so scripts can rely on it.

import { auditVerdict, type AuditResult, type AuditVerdict } from "../engine/audit.js";
import type { DiffOutcome } from "../engine/diff.js";

/**
 * 0: every property checked held (or no difference); 1: a property failed, the target crashed, or the
 * targets differ; 2: usage error; 3: the target could not be set up or the harness failed;
 * 4: incomplete: a property was not exercised, or nothing could be checked; 130: interrupted (Ctrl-C).
 */
export type ExitCode = 0 | 1 | 2 | 3 | 4 | 130;

/** What a command ended with. */
export type Ending =
  | { readonly kind: "audit"; readonly result: AuditResult }
  | { readonly kind: "diff"; readonly outcome: DiffOutcome }
  | { readonly kind: "done" }
  /** A firmware workload replayed: the target did exactly what the recorded boot did, or not. */
  | { readonly kind: "workload"; readonly same: boolean }
  /** A reproducer script was written, or the entry gave none (it no longer fails there, or a QEMU binary cannot show it). */
  | { readonly kind: "reproducer"; readonly written: boolean }
  | { readonly kind: "usage" }
  | { readonly kind: "crash" }
  | { readonly kind: "interrupted" }
  /** A saved result rendered again: it ends as the run that saved it did. */
  | { readonly kind: "saved"; readonly verdict: AuditVerdict | "same" | "different" };

const BY_VERDICT: Record<AuditVerdict, ExitCode> = { held: 0, failed: 1, incomplete: 4 };

/** The exit code for how a command ended. */
export function exitCode(e: Ending): ExitCode {
  switch (e.kind) {
    case "audit":
      return e.result.interrupted ? 130 : BY_VERDICT[auditVerdict(e.result)];
    case "diff":
      return e.outcome.status === "different" ? 1 : 0;
    case "done":
      return 0;
    case "workload":
      return e.same ? 0 : 1;
    case "reproducer":
      return e.written ? 0 : 4;
    case "usage":
      return 2;
    case "crash":
      return 3;
    case "interrupted":
      return 130;
    case "saved":
      return e.verdict === "same" ? 0 : e.verdict === "different" ? 1 : BY_VERDICT[e.verdict];
  }
}
