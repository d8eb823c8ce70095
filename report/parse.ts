// Why: a JSON result saved earlier (a CI artifact) is read back and checked, so it can be rendered again as text or markdown, byte for byte as the run printed it.

import { DIFF_SCHEMA, DIFF_VERSION, type DiffReport } from "./diff.js";
import { REPORT_SCHEMA, REPORT_VERSION, type Report } from "./model.js";

/** A saved result that cannot be read; the message names the file and the problem. */
export class ReportFileError extends Error {
  override readonly name = "ReportFileError";
}

/** A saved audit or diff report. */
export type SavedReport = { readonly kind: "audit"; readonly report: Report } | { readonly kind: "diff"; readonly report: DiffReport };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses the text of a file written by `--format json` (or `--report FILE.json`); `file` only names it in errors. */
export function parseSavedReport(text: string, file: string): SavedReport {
  const fail = (why: string): never => {
    throw new ReportFileError(`${file}: ${why}`);
  };
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(v)) return fail("not a JSON object");
  const known: Record<string, number> = { [REPORT_SCHEMA]: REPORT_VERSION, [DIFF_SCHEMA]: DIFF_VERSION };
  const schema = typeof v.schema === "string" ? v.schema : "";
  if (!(schema in known)) return fail(`schema must be "${REPORT_SCHEMA}" or "${DIFF_SCHEMA}"`);
  if (v.version !== known[schema]) return fail(`schema version ${String(v.version)} is not the one this pflash-audit writes (${known[schema]}); re-run with this version`);
  if (!isObject(v.target) && schema === REPORT_SCHEMA) return fail("target must be an object");
  if (schema === REPORT_SCHEMA && !Array.isArray(v.properties)) return fail("properties must be an array");
  if (schema === DIFF_SCHEMA && !isObject(v.plan)) return fail("plan must be an object");
  return schema === REPORT_SCHEMA ? { kind: "audit", report: v as unknown as Report } : { kind: "diff", report: v as unknown as DiffReport };
}
