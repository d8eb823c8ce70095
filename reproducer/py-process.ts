// Why: the reproducer's QEMU process in Python, as targets/qemu/instance.ts drives it: qtest and QMP on unix sockets QEMU connects to, every wait bounded, a dead process named.

/** Python source (standard library only), pasted verbatim into every reproducer script. */
export const PY_PROCESS = String.raw`
class Channel:
    """Lines from a socket QEMU connected to, every wait bounded, a dead process noticed."""

    def __init__(self, sock, q, kind):
        self.sock, self.q, self.kind, self.buffer = sock, q, kind, b""

    def send(self, line):
        say("     %s %s> %s" % (self.q.label, self.kind, line))
        try:
            self.sock.sendall(line.encode() + b"\n")
        except OSError:
            raise self.q.died()

    def line(self, limit, what):
        deadline = time.monotonic() + limit
        while b"\n" not in self.buffer:
            if time.monotonic() > deadline:
                self.q.kill()
                raise Died("%s did not answer %s within %g s" % (self.q.name, what, limit))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except ConnectionResetError:
                chunk = b""  # a process that crashes with a reply unsent resets the connection
            if not chunk:
                raise self.q.died()
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")


class Qemu:
    """One QEMU process, with qtest and QMP on unix sockets it connects to."""

    def __init__(self, run, host, binary, args):
        self.label = "%s%d" % (host, len(run.processes))
        self.name = "QEMU on host %s" % host
        self.events = []
        base = os.path.join(run.dir, self.label)
        listeners = []
        for kind in ("qtest", "qmp"):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            if os.path.exists(base + "." + kind):
                os.unlink(base + "." + kind)
            s.bind(base + "." + kind)
            s.listen(1)
            s.settimeout(0.1)
            listeners.append(s)
        argv = [binary] + args + ["-qtest", "unix:%s.qtest" % base, "-qtest-log", "/dev/null", "-qmp", "unix:%s.qmp" % base]
        say("  $ " + " ".join(quote(a) for a in argv))
        self.err_path = base + ".err"
        self.err_seen = 0
        # A signal between starting the process and tracking it would leave it behind: held until it is tracked.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            with open(self.err_path, "wb") as err:
                parent = os.getpid()
                self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=run.dir, preexec_fn=lambda: child_setup(parent))
            run.processes.append(self)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        socks = []
        deadline = time.monotonic() + LIMITS["start"]
        try:
            for s in listeners:
                while True:
                    if self.proc.poll() is not None:
                        raise self.died("while starting")
                    if time.monotonic() > deadline:
                        self.kill()
                        raise Died("%s did not connect within %g s" % (self.name, LIMITS["start"]))
                    try:
                        conn, _ = s.accept()
                        break
                    except socket.timeout:
                        continue
                conn.settimeout(0.1)
                socks.append(conn)
        finally:
            for s in listeners:
                s.close()
            for kind in ("qtest", "qmp"):
                os.unlink(base + "." + kind)
        self.qtest_channel, self.qmp_channel = Channel(socks[0], self, "qtest"), Channel(socks[1], self, "qmp")
        self.qmp_channel.line(LIMITS["qmp"], "the QMP greeting")
        self.qmp("qmp_capabilities")

    def stderr_tail(self):
        try:
            with open(self.err_path, "rb") as f:
                text = f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""
        return " | ".join(text.strip().split("\n")[-3:])

    def new_stderr(self):
        try:
            with open(self.err_path, "rb") as f:
                f.seek(self.err_seen)
                text = f.read()
        except OSError:
            return ""
        self.err_seen += len(text)
        return text.decode("utf-8", "replace")

    def died(self, when=""):
        try:
            rc = self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.kill()
            return Died("%s closed its channel but goes on running" % self.name)
        how = "was killed by %s" % signal.Signals(-rc).name if rc < 0 else "exited with status %d" % rc
        tail = self.stderr_tail()
        return Died("%s %s%s%s" % (self.name, how, " " + when if when else "", "; stderr: " + tail if tail else ""), tail)

    def qtest(self, line):
        self.qtest_channel.send(line)
        while True:
            reply = self.qtest_channel.line(LIMITS["qtest"], 'qtest "%s"' % line)
            last = reply[reply.rfind("\r") + 1:]
            if last.startswith("FAIL"):
                raise CannotRun('%s: qtest "%s" answered "%s"' % (self.name, line, last))
            if last.startswith("OK"):
                return last[2:].strip()

    def qmp(self, command, arguments=None):
        self.qmp_channel.send(json.dumps({"execute": command, "arguments": arguments or {}}, separators=(",", ":")))
        while True:
            msg = json.loads(self.qmp_channel.line(LIMITS["qmp"], "QMP " + command))
            if "event" in msg:
                self.events.append(msg)
            elif "error" in msg:
                raise CannotRun("%s: QMP %s: %s" % (self.name, command, msg["error"].get("desc", "")))
            else:
                return msg.get("return")

    def wait_event(self, match, limit, what):
        """The first QMP event MATCH accepts (earlier ones are dropped)."""
        while True:
            msg = self.events.pop(0) if self.events else json.loads(self.qmp_channel.line(limit, what))
            if "event" in msg and match(msg):
                return msg

    def wait_migration(self, statuses, limit, what):
        """The status of the first QMP MIGRATION event with one of STATUSES."""
        while True:
            msg = self.events.pop(0) if self.events else json.loads(self.qmp_channel.line(limit, what))
            if msg.get("event") == "MIGRATION" and msg.get("data", {}).get("status") in statuses:
                return msg["data"]["status"]

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()

    def quit(self):
        """SIGTERM (QEMU's own shutdown path, as QMP quit), SIGKILL if it has not exited in time."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=LIMITS["quit"])
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for c in (getattr(self, "qtest_channel", None), getattr(self, "qmp_channel", None)):
            if c:
                c.sock.close()
`;
