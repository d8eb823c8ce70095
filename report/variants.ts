// Why: the variant catalogue rendered as aligned text columns and as a markdown table.

import type { VariantRow } from "../replay/variant-table.js";

/** The table as aligned text columns. */
export function variantTableText(rows: readonly VariantRow[]): string {
  const head = ["variant", "QEMU", "commits", "incoming load", "write-to-buffer", "breaks (corpus)"];
  const body = rows.map((r) => [r.name, r.qemu, r.commits, r.incomingLoad, r.writeBuffer, r.breaks.join(", ") || "nothing"]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(head), ...body.map(line), ""].join("\n");
}

/** The table in markdown. */
export function variantTableMarkdown(rows: readonly VariantRow[]): string {
  return [
    "| variant | QEMU | commits | incoming load | write-to-buffer | breaks (corpus) |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| \`${r.name}\` | ${r.qemu} | ${r.commits} | ${r.incomingLoad} | ${r.writeBuffer} | ${r.breaks.join(", ") || "nothing"} |`),
    "",
  ].join("\n");
}

/** The table as the json format writes it. */
export const variantsJson = (rows: readonly VariantRow[]): { schema: "pflash-audit/variants"; version: 1; variants: readonly VariantRow[] } => ({
  schema: "pflash-audit/variants",
  version: 1,
  variants: rows,
});
