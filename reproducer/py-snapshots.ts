// Why: the reproducer's snapshot steps in Python, as targets/qemu/snapshot-commands.ts runs them, and the qcow2 drive they need, made and read as targets/qemu/qcow2.ts does.

/** Python source (standard library only), pasted verbatim into every reproducer script (module level). */
export const PY_QCOW2 = String.raw`
def make_qcow2(raw, path):
    """PATH as a qcow2 image of the raw file RAW (qemu-img, which comes with QEMU's utilities)."""
    qemu_img = shutil.which("qemu-img")
    if not qemu_img:
        raise CannotRun("qemu-img not found on PATH: a snapshot reproducer needs it for its qcow2 drives (Debian: qemu-utils)")
    say("  $ %s convert -f raw -O qcow2 %s %s" % (qemu_img, quote(raw), quote(path)))
    subprocess.run([qemu_img, "convert", "-f", "raw", "-O", "qcow2", raw, path], check=True, stdout=subprocess.DEVNULL)
    os.unlink(raw)


def qcow2_bytes(data):
    """The virtual disk of qcow2 image DATA (active layer): each cluster through the L1 and L2 tables; unallocated and zero clusters read as zeros."""
    be = lambda at: int.from_bytes(data[at:at + 8], "big")
    if data[:4] != b"QFI\xfb":
        raise CannotRun("the drive is not a qcow2 image")
    cluster = 1 << int.from_bytes(data[20:24], "big")
    size, l1, mask = be(24), be(40), 0x00FFFFFFFFFFFE00
    out = bytearray(size)
    for c in range((size + cluster - 1) // cluster):
        l2 = be(l1 + 8 * (c // (cluster // 8))) & mask
        entry = be(l2 + 8 * (c % (cluster // 8))) if l2 else 0
        if entry & (1 << 62):
            raise CannotRun("the drive has a compressed cluster")
        if entry & mask and not entry & 1:
            at = entry & mask
            out[c * cluster:(c + 1) * cluster] = data[at:at + min(cluster, size - c * cluster)]
    return bytes(out)
`;

/** Python source pasted into class Run's body: the snapshot steps. */
export const PY_SNAPSHOTS = String.raw`
    # --- snapshots (the drive under test is a qcow2 image) ---

    def refused(self, kind, name, via, said):
        """QEMU refused a snapshot command: the bug when the counterexample is that refusal (CRASH names it as the harness signs it), else the steps cannot run."""
        q = self.current
        return Died("%s refused %s %s%s" % (q.name, kind, name, " (job)" if via == "job" else ""), "refused %s: %s" % (kind, re.sub(r"^Error: ", "", said)))

    def snapshot(self, n, text, kind, name, via):
        """HMP savevm/loadvm/delvm, or the snapshot job waited for until it concludes."""
        self.step(n, text)
        q = self.current
        if via == "hmp":
            said = q.qmp("human-monitor-command", {"command-line": "%s %s" % (kind, name)}).strip()
            error = re.search(r"^Error.*$", said, re.M)
            if error:
                raise self.refused(kind, name, via, error.group(0))
        else:
            job = {"savevm": "snapshot-save", "loadvm": "snapshot-load", "delvm": "snapshot-delete"}[kind]
            node = [d["inserted"]["node-name"] for d in q.qmp("query-block") if d.get("device") == "pflash1" and "inserted" in d][0]
            args = {"job-id": kind + "-" + name, "tag": name, "devices": [node]}
            if kind != "delvm":
                args["vmstate"] = node
            q.qmp(job, args)
            q.wait_event(lambda e: e.get("event") == "JOB_STATUS_CHANGE" and e.get("data", {}).get("id") == args["job-id"] and e["data"].get("status") == "concluded", LIMITS["migration"], "the %s job" % job)
            error = [j.get("error") for j in q.qmp("query-jobs") if j.get("id") == args["job-id"]]
            q.qmp("job-dismiss", {"id": args["job-id"]})
            if error and error[0]:
                raise self.refused(kind, name, via, error[0])
        # savevm and loadvm announce their own MIGRATION states: a later migration must not take them for its own.
        del q.events[:]
        if kind == "loadvm":
            self.seen = self.ram_if_romd

    def savevm(self, n, text, name, via):
        self.snapshot(n, text, "savevm", name, via)

    def loadvm(self, n, text, name, via):
        self.snapshot(n, text, "loadvm", name, via)

    def delvm(self, n, text, name, via):
        self.snapshot(n, text, "delvm", name, via)
`;
