// Why: the reproducer's checks in Python: what each property looks at after the step where it broke, and the process and folder cleanup.

/** Python source (standard library only), pasted verbatim into every reproducer script. */
export const PY_CHECKS = String.raw`
    # --- what the checks look at ---

    def romd_reader(self):
        cache = []

        def read():
            if not cache:
                cache.append(base64.b64decode(self.current.qtest("b64read 0x%x 0x%x" % (self.base, FLASH_SIZE))))
            return cache[0]
        return read

    def loaded_ram(self, stream):
        with open(stream, "rb") as f:
            ram = ram_from_stream(f.read(), "system.flash1", FLASH_SIZE)
        return ram if ram is not None else self.ram_if_romd()

    def ram_if_romd(self):
        tree = self.current.qmp("human-monitor-command", {"command-line": "info mtree -f"})
        return self.romd_reader()() if re.search(r"\(prio \d+, romd\): system\.flash1\b", tree) else None

    def ram(self):
        ram = self.seen() if self.seen else None
        if ram is None:
            raise CannotRun("the RAMBlock cannot be seen at this step without disturbing the device")
        return ram

    def drive(self):
        with open(self.file, "rb") as f:
            return qcow2_bytes(f.read()) if FORMAT == "qcow2" else f.read()

    def drive_active(self):
        nodes = [n for n in self.current.qmp("query-named-block-nodes") if n.get("file") == self.file]
        if any(isinstance(n.get("active"), bool) for n in nodes):
            return all(n.get("active") is not False for n in nodes)
        return image_locked(self.file)

    def status(self):
        return self.current.qmp("query-status").get("status")

    # --- the checks: each raises Bug when the bug shows ---

    def check_drive_holds_ram(self, n):
        if not self.drive_active():
            say("   host %s's drive is not active yet: nothing to compare" % self.host)
            return
        self.compare("RAMBlock", self.ram(), "drive", self.drive(), "host %s's active, writable drive does not hold what the guest sees" % self.host)

    def check_ram(self, n, changes, what):
        if changes:
            changed = sum(len(h) // 2 for _, h in changes)
            say("   the model expects the initial image with %d byte%s changed, from offset 0x%06x" % (changed, "" if changed == 1 else "s", changes[0][0]))
        else:
            say("   the model expects the initial image, unchanged")
        self.compare("RAMBlock", self.ram(), "model", with_changes(initial_image(), changes), what)

    def compare(self, left, a, right, b, what):
        at = first_difference(a, b)
        shown = max(at, 0)
        say("   %s and %s %s: %s %s, %s %s" % (left, right, "are equal" if at < 0 else "differ from offset 0x%06x" % at, left, hex8(a, shown), right, hex8(b, shown)))
        if at >= 0:
            raise Bug("%s (first difference at 0x%06x: %s %s, %s %s)" % (what, at, left, hex8(a, at), right, hex8(b, at)))

    def check_state(self, n, status, drive_active):
        now = {"status": self.status(), "driveActive": self.drive_active()}
        say("   status %s, drive active %s (the model: %s, %s)" % (now["status"], now["driveActive"], status, drive_active))
        for field, want in (("status", status), ("driveActive", drive_active)):
            if now[field] != want:
                raise Bug("QEMU says %s is %s, the model says %s" % (field, now[field], want))

    def check_read_only_untouched(self, n):
        ran = [self.before[0], self.current] if self.before[0] is not self.current else [self.current]
        said = [line for q in ran if q for line in q.new_stderr().split("\n") if "Could not update PFLASH" in line]
        for line in said:
            say("   QEMU said: " + line.strip())
        if any("not permitted" in line.lower() for line in said):
            raise Bug("the device tried to write to a drive opened with readonly=on (QEMU said %r)" % said[0].strip())
        if self.ro_copy and self.drive() != self.ro_copy[1] and self.file == self.ro_copy[0]:
            raise Bug("the device wrote to %s, opened with readonly=on" % os.path.basename(self.file))

    def close(self):
        for q in self.processes:
            q.kill()
        for q in self.processes:
            q.quit()
`;
