// Why: the reproducer's runtime is the same in every script and has one full snapshot (test/reproducer); other snapshots leave it out so they show what differs.

const MARK = "# --- how the steps run: the same in every reproducer ---";
const END = 'if __name__ == "__main__":';

/** `text` with every reproducer runtime replaced by one line, in plain text (markdown) or inside JSON strings. */
export function elideRuntime(text: string): string {
  const plain = new RegExp(`\\n${MARK}\\n[\\s\\S]*?\\n${END.replace(/[()]/g, "\\$&")}`, "g");
  const json = new RegExp(`\\\\n${MARK}\\\\n[\\s\\S]*?\\\\n${JSON.stringify(END).slice(1, -1).replace(/[()\\]/g, "\\$&")}`, "g");
  return text
    .replace(plain, `\n# --- how the steps run: (left out of this snapshot) ---\n\n${END}`)
    .replace(json, `\\n# --- how the steps run: (left out of this snapshot) ---\\n\\n${JSON.stringify(END).slice(1, -1)}`);
}
