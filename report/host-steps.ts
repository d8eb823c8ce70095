// Why: a bug report's legend for the harness's host steps, in QEMU's terms (the QMP commands, the command line, what the guest does), keyed by step kind so a new kind does not compile until it is explained.

import type { Op } from "../model/index.js";

/** What each step kind is in QEMU's terms. */
export const HOST_STEPS: Record<Op["kind"], string> = {
  read: "qtest `readb`/`readw`/`readl` at the guest-physical address (the device cannot tell it from a vCPU's access)",
  write: "qtest `writeb`/`writew`/`writel` at the guest-physical address",
  migrate:
    "QMP `migrate` to `exec:cat > FILE` on the source; the destination starts with `-incoming defer` (and `-S` unless the step says autostart), gets `migrate-set-capabilities late-block-activate` when the step says so, then `migrate-incoming exec:cat FILE`; the source is quit once the destination has loaded. Storage: `shared` opens the source's own file on the destination, `non-shared` a copy of the initial image, `block`/`block-inc` is `migrate` with `blk`/`inc`; `readonly=on` is the destination's drive option",
  "migrate-start":
    "a live migration held open. After the first pass (the default): the source gets `migrate-set-capabilities pause-before-switchover` and `migrate`, and waits in `pre-switchover`, after precopy has sent every page; QEMU has stopped the source's vCPUs there, so the steps until the migration ends (qtest accesses) stand for what a running guest does after its page was sent. `in the first pass`: qtest `memset` fills 8 MiB of guest RAM with 0x5a, `migrate-set-parameters max-bandwidth 100` throttles precopy to a few pages a second, and `migrate` starts it: the migration is `active`, the guest runs (unless the VM was paused), and precopy is still in guest RAM (the biggest RAMBlock, sent first), which `query-migrate`'s page counts confirm at every access",
  "migrate-finish": "QMP `migrate-continue` (state `pre-switchover`), or `migrate-set-parameters max-bandwidth` lifted in the first pass: the switchover; then the destination loads as for `migrate`",
  "migrate-cancel": "QMP `migrate_cancel`: the source goes on in the run state it had (QEMU restarts it if it was running when it stopped it for the switchover; 7.2 leaves one that was not running in `postmigrate` (F12), and 10.0 takes over images the VM did not own yet (F13)); in the first pass the source's own `max-bandwidth` is put back",
  "migrate-fail": "the destination starts and gets `migrate-incoming exec:cat FILE` on the stream as far as the source has sent it, so it fails at its end as at a lost connection and exits (a block migration's destination is killed before it reads); management then sends `migrate_cancel` to the source",
  cont: "QMP `cont`",
  stop: "QMP `stop` (at the pre-switchover pause QEMU accepts it and changes nothing: F11)",
  reset: "QMP `system_reset`",
  savevm:
    "HMP `savevm NAME` through QMP `human-monitor-command`, or with `(job)` the QMP job `snapshot-save` (`vmstate` and `devices`: the flash drive's node; the read-only firmware is left out) waited for until it concludes; the drive under test is a qcow2 image (`qemu-img convert` of the initial bytes, opened with `cache.writeback=off`)",
  loadvm: "HMP `loadvm NAME`, or with `(job)` the QMP job `snapshot-load` (same nodes)",
  delvm: "HMP `delvm NAME`, or with `(job)` the QMP job `snapshot-delete`",
  "cold-boot": "the process is quit (SIGTERM, QEMU's orderly shutdown) and the same host boots again from the same drive (`-S`, then `cont`)",
};

/** The legend lines for the step kinds in `steps`, in the table's order of first appearance. */
export function hostStepLegend(steps: readonly { readonly op: Op }[]): string[] {
  const kinds = [...new Set(steps.map((s) => s.op.kind))];
  return kinds.map((k) => `- \`${k === "read" || k === "write" ? `${k}.b/w/l` : k}\`: ${HOST_STEPS[k]}.`);
}
