// Why: one pure function decides how the process ends, so scripts can rely on it.

import { auditFailed, type AuditResult } from "../engine/audit.js";
import type { DiffOutcome } from "../engine/diff.js";

/** 0: every property held (or nothing to check); 1: a property failed or the targets differ; 2: usage error; 3: the target or the harness failed. */
export type ExitCode = 0 | 1 | 2 | 3;

/** What a command ended with. */
export type Ending =
  | { readonly kind: "audit"; readonly result: AuditResult }
  | { readonly kind: "diff"; readonly outcome: DiffOutcome }
  | { readonly kind: "done" }
  | { readonly kind: "usage" }
  | { readonly kind: "crash" };

/** The exit code for how a command ended. */
export function exitCode(e: Ending): ExitCode {
  switch (e.kind) {
    case "audit":
      return auditFailed(e.result) ? 1 : 0;
    case "diff":
      return e.outcome.status === "different" ? 1 : 0;
    case "done":
      return 0;
    case "usage":
      return 2;
    case "crash":
      return 3;
  }
}
