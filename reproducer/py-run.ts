// Why: the reproducer's steps in Python, doing what targets/qemu/target.ts does for each step kind, command for command.

/** Python source (standard library only), pasted verbatim into every reproducer script. */
export const PY_RUN = String.raw`
def data_dir_args(binary):
    data = os.path.join(os.path.dirname(binary), "..", "share", "qemu")
    return [] if binary.startswith("/usr/bin/") or not os.path.exists(data) else ["-L", data]


class Run:
    """One run of the steps: each host a QEMU process on its own drive file, in a folder of its own."""

    def __init__(self, folder, qemu, peer, machine):
        self.dir, self.qemu, self.peer, self.machine = folder, qemu, peer, machine
        self.processes, self.created, self.reads = [], set(), []
        self.migrations, self.live, self.current, self.loaded, self.n = 0, None, None, False, 0
        self.firmware = os.path.join(folder, "flash0.fd")
        with open(self.firmware, "wb") as f:
            f.write(b"\xff" * (FIRMWARE_SIZE - 16) + b"\xfa\xf4\xeb\xfd" + b"\xff" * 12)
        self.host, self.file, self.read_only, self.seen, self.ro_copy = "A", self.local_file("A"), READ_ONLY, None, None
        self.base = FOUR_GIB - FIRMWARE_SIZE - FLASH_SIZE

    def local_file(self, host):
        path = os.path.join(self.dir, host + ".fd")
        if host not in self.created:
            with open(path + ".raw" if FORMAT == "qcow2" else path, "wb") as f:
                f.write(initial_image())
            if FORMAT == "qcow2":
                make_qcow2(path + ".raw", path)
            self.created.add(host)
        return path

    def binary_on(self, host):
        return self.peer if self.peer and host in ("B", "C") else self.qemu

    def start(self, host, drive, read_only, incoming, paused):
        binary = self.binary_on(host)
        args = ["-machine", self.machine, "-m", str(GUEST_RAM_MIB), "-nodefaults", "-display", "none", "-accel", "tcg", "-no-user-config",
                "-global", "migration.x-events=on"] + (["-S"] if paused else []) + (["-incoming", "defer"] if incoming else []) + [
                "-drive", "if=pflash,unit=0,format=raw,readonly=on,file=" + self.firmware,
                "-drive", "if=pflash,unit=1," + DRIVE_OPTIONS + ",file=" + drive + (",readonly=on" if read_only else "")] + data_dir_args(binary)
        return Qemu(self, host, binary, args)

    # --- what the guest and management do ---

    def step(self, n, text):
        self.n = n
        say("%d. %s" % (n, text))
        if self.current:
            self.current.new_stderr()
        self.before = (self.current, self.file)
        self.ro_copy = None
        if self.read_only:
            with open(self.file, "rb") as f:
                self.ro_copy = (self.file, f.read())

    def boot(self):
        say("boot host A from A.fd")
        self.current = self.start("A", self.file, self.read_only, False, True)
        self.current.qmp("cont")
        self.seen = self.romd_reader()

    def read(self, n, text, offset, width, model, check):
        self.step(n, text)
        self.still_open()
        got = int(self.current.qtest("read%s 0x%x" % ("bwl"[width // 2], self.base + offset)), 16)
        digits = 2 * width
        if check == "earlier":
            expected, label = (self.baseline.pop(0) if self.baseline else None), "without the migrations"
        else:
            expected, label = model, "the model"
        self.reads.append(got)
        aside = "; differs, but this reproducer does not judge this read" if not check and expected is not None and got != expected else ""
        say("   -> 0x%0*x (%s: %s%s)" % (digits, got, label, "?" if expected is None else "0x%0*x" % (digits, expected), aside))
        if check and expected is not None and got != expected:
            if check == "earlier":
                raise Bug("the read at flash offset 0x%06x returned 0x%0*x with the migrations and 0x%0*x without them" % (offset, digits, got, digits, expected))
            raise Bug("the read at flash offset 0x%06x returned 0x%0*x, the model says 0x%0*x" % (offset, digits, got, digits, expected))

    def write(self, n, text, offset, width, value):
        self.step(n, text)
        self.still_open()
        self.seen = None
        self.current.qtest("write%s 0x%x 0x%x" % ("bwl"[width // 2], self.base + offset, value))

    def cont(self, n, text):
        self.step(n, text)
        self.current.qmp("cont")

    def stop(self, n, text):
        self.step(n, text)
        self.current.qmp("stop")

    def reset(self, n, text):
        self.step(n, text)
        self.current.qmp("system_reset")

    def cold_boot(self, n, text):
        self.step(n, text)
        self.current.quit()
        self.current = self.start(self.host, self.file, self.read_only, False, True)
        self.current.qmp("cont")
        self.loaded = False
        self.seen = self.romd_reader()

    def outgoing(self, to, storage):
        self.migrations += 1
        stream = os.path.join(self.dir, "migration%d" % self.migrations)
        block = {"blk": True} if storage == "block" else {"inc": True} if storage == "block-inc" else {}
        return stream, (self.file if storage == "shared" else self.local_file(to)), block

    def send_migrate(self, src, args):
        """QMP migrate; QEMU refusing it (F12's postmigrate) is the bug when the counterexample is that refusal, as for a snapshot command."""
        try:
            src.qmp("migrate", args)
        except CannotRun as e:
            said = str(e).split(": QMP migrate: ", 1)
            if len(said) < 2:
                raise
            raise Died("%s refused migrate" % src.name, "refused migrate: %s" % said[1])

    def migrate(self, n, text, to, storage, read_only, autostart, late):
        self.step(n, text)
        stream, file, block = self.outgoing(to, storage)
        src = self.current
        # The destination starts as the harness starts it, with the source's migrate command (each process sees the same
        # commands); a refused migration quits it unused.
        dst = self.start(to, file, read_only, True, not autostart)
        try:
            self.send_migrate(src, dict({"uri": "exec:cat > " + stream}, **block))
        except Died:
            dst.quit()
            raise
        self.switch_over(src, to, file, read_only, autostart, late, stream, dst)

    def migrate_start(self, n, text, to, storage, read_only, autostart, late, first_pass=False):
        """Held after the first pass (at the pre-switchover pause), or FIRST_PASS: guest RAM filled, precopy throttled to a crawl before the flash's turn."""
        self.step(n, text)
        stream, file, block = self.outgoing(to, storage)
        src = self.current
        if first_pass:
            src.qtest("memset 0x100000 0x800000 0x5a")
            bandwidth = src.qmp("query-migrate-parameters")["max-bandwidth"]
            src.qmp("migrate-set-parameters", {"max-bandwidth": 100})
            self.send_migrate(src, dict({"uri": "exec:cat > " + stream}, **block))
            self.live = (src, to, file, read_only, autostart, late, stream, bandwidth, block)
            # The window opens once precopy crawls: a cancel in its setup and first writes leaves 10.0.2 a channel error.
            deadline = time.monotonic() + LIMITS["migration"]
            while not self.crawling(bool(block)):
                if time.monotonic() > deadline:
                    raise CannotRun("%s: the live migration sent no page within %g s" % (src.name, LIMITS["migration"]))
                time.sleep(0.005)
            return
        src.qmp("migrate-set-capabilities", {"capabilities": [{"capability": "pause-before-switchover", "state": True}]})
        self.send_migrate(src, dict({"uri": "exec:cat > " + stream}, **block))
        status = src.wait_migration(("pre-switchover", "completed", "failed", "cancelled"), LIMITS["migration"], "the live migration's first pass")
        if status != "pre-switchover":
            raise CannotRun("%s: the live migration ended (%s) instead of pausing before its switchover" % (src.name, status))
        self.live = (src, to, file, read_only, autostart, late, stream, None, block)

    def migrate_finish(self, n, text):
        self.step(n, text)
        src, to, file, read_only, autostart, late, stream, bandwidth, _ = self.live
        self.live = None
        if bandwidth is None:
            src.qmp("migrate-continue", {"state": "pre-switchover"})
        else:
            src.qmp("migrate-set-parameters", {"max-bandwidth": 1 << 40})
        self.switch_over(src, to, file, read_only, autostart, late, stream)

    def migrate_cancel(self, n, text):
        self.step(n, text)
        self.cancel()

    def migrate_fail(self, n, text):
        self.step(n, text)
        _, to, file, read_only, _, _, stream, _, block = self.live
        # The destination dies in the middle of the stream: it loads what the source has sent so far and fails at its
        # end. A block migration's destination dies before reading: the drive data, first in the stream, would land in its file.
        dst = self.start(to, file, read_only, True, True)
        if not block:
            try:
                dst.qmp("migrate-incoming", {"uri": "exec:cat " + stream})
                if dst.wait_migration(("completed", "failed"), LIMITS["migration"], "the incoming migration of a partial stream") == "completed":
                    raise CannotRun("%s: the destination loaded a partial stream as if it were whole" % dst.name)
            except Died as gone:
                # It exits by itself once the load has failed (before or after the event); a hang or a signal is not that.
                try:
                    code = dst.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    raise gone
                if code < 0:
                    raise gone
        dst.kill()
        dst.quit()
        self.cancel()

    def cancel(self):
        src, bandwidth = self.live[0], self.live[7]
        self.live = None
        src.qmp("migrate_cancel")
        src.wait_migration(("cancelled",), LIMITS["cancel"], "the cancelled migration")
        if bandwidth is None:
            src.qmp("migrate-set-capabilities", {"capabilities": [{"capability": "pause-before-switchover", "state": False}]})
        else:
            src.qmp("migrate-set-parameters", {"max-bandwidth": bandwidth})

    def completed(self, src):
        if src.wait_migration(("completed", "failed"), LIMITS["migration"], "the outgoing migration") != "completed":
            raise CannotRun("%s: the outgoing migration failed: %s" % (src.name, (src.qmp("query-migrate") or {}).get("error-desc", "")))

    def switch_over(self, src, to, file, read_only, autostart, late, stream, dst=None):
        """The destination (DST, or one started now) waits while the source finishes sending (as in a real migration), then loads the stream."""
        dst = dst or self.start(to, file, read_only, True, not autostart)
        self.completed(src)
        if late:
            dst.qmp("migrate-set-capabilities", {"capabilities": [{"capability": "late-block-activate", "state": True}]})
        dst.qmp("migrate-incoming", {"uri": "exec:cat " + stream})
        if dst.wait_migration(("completed", "failed"), LIMITS["migration"], "the incoming migration") != "completed":
            # A destination that exits on a stream it cannot load is a crash; one that stays up merely refused it.
            try:
                dst.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                raise CannotRun("%s: the incoming migration failed" % dst.name)
            raise dst.died("after the incoming migration failed")
        src.quit()
        self.current, self.host, self.file, self.read_only, self.loaded = dst, to, file, read_only, True
        self.seen = lambda: self.loaded_ram(stream)

    def still_open(self):
        if not self.live:
            return
        name = self.live[0].name
        if self.live[7] is None:
            status = (self.live[0].qmp("query-migrate") or {}).get("status")
            if status != "pre-switchover":
                raise CannotRun("%s: the live migration left its window on its own (%s)" % (name, status))
            return
        pages = self.sent_pages()
        if pages >= GUEST_RAM_MIB * 256:
            raise CannotRun("%s: the first pass reached the end of guest RAM (%d pages sent) while the window was open" % (name, pages))

    def query_migrate(self):
        s = self.live[0].qmp("query-migrate") or {}
        if s.get("status") not in ("active", "setup"):
            raise CannotRun("%s: the live migration left its first pass on its own (%s)" % (self.live[0].name, s.get("status")))
        return s

    def sent_pages(self, s=None):
        s = s or self.query_migrate()
        return s.get("ram", {}).get("duplicate", 0) + s.get("ram", {}).get("normal", 0)

    def crawling(self, block):
        """Active, with its first pages sent (block migration copies the drive first and sends none at this speed)."""
        s = self.query_migrate()
        return s.get("status") == "active" and (self.sent_pages(s) > 0 or block)
`;
