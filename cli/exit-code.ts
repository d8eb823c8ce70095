// Why: one pure function decides how the process ends, so scripts can rely on it.

import { auditFailed, type AuditResult } from "../properties/audit.js";

/** 0: every property held; 1: a property failed; 2: usage error; 3: the target or the harness failed. */
export type ExitCode = 0 | 1 | 2 | 3;

/** The exit code for an audit result, a usage error or an internal failure. */
export function exitCode(r: { kind: "audit"; result: AuditResult } | { kind: "usage" } | { kind: "crash" }): ExitCode {
  switch (r.kind) {
    case "audit":
      return auditFailed(r.result) ? 1 : 0;
    case "usage":
      return 2;
    case "crash":
      return 3;
  }
}
