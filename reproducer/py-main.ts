// Why: the reproducer's entry point in Python: arguments, the QEMU versions and machine type, the exit codes, and cleanup on every way out.

/** Python source (standard library only), pasted verbatim into every reproducer script. */
export const PY_MAIN = String.raw`
def find_binary(name):
    path = name if "/" in name else shutil.which(name)
    if not path or not os.access(path, os.X_OK) or os.path.isdir(path):
        raise CannotRun("%s: no such QEMU binary" % name)
    return os.path.abspath(path)


def version_of(binary):
    """The version QEMU names in its --version line, as (major, minor); printed."""
    try:
        out = subprocess.run([binary, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise CannotRun("%s --version: %s" % (binary, e))
    line = out.split("\n")[0]
    m = re.match(r"QEMU emulator version (\d+)\.(\d+)\.\d+", line)
    if not m:
        raise CannotRun("%s is not QEMU (--version printed %r)" % (binary, line[:60]))
    say("%s: %s" % (binary, line))
    return int(m.group(1)), int(m.group(2))


def scratch_folder():
    """A new folder for the run's files; under /tmp when $TMPDIR is too long for QEMU's unix sockets (108 bytes)."""
    base = tempfile.gettempdir()
    return tempfile.mkdtemp(prefix="pflash-audit-", dir=base if len(base) + len("/pflash-audit-xxxxxxxx/2/C99.qtest") < 100 else "/tmp")


DECIDED = []  # set once the outcome is known: from then on a signal changes nothing


def interrupted(signum, frame):
    """The first Ctrl-C, SIGTERM or SIGHUP ends the run, unless its outcome is known; the cleanup is never interrupted."""
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    if not DECIDED:
        raise KeyboardInterrupt()


def outcome(code, text):
    """Settles the run's exit code (no signal can change it after this), then says it."""
    DECIDED.append(code)
    say(text)
    return code


USAGE = "usage: python3 %s %s" % (os.path.basename(sys.argv[0]), "QEMU PEER" if PEER else "[QEMU]")
SKIP = 125  # git bisect run's "cannot test this commit"


def main(phases_by_activation):
    """Runs the phases for the binaries given (PHASES, keyed by whether each activates an incoming drive only at cont)."""
    args = sys.argv[1:]
    if args in (["-h"], ["--help"]):
        print(USAGE + "\n" + __doc__)
        return 0
    if len(args) > (2 if PEER else 1) or (PEER and len(args) < 2) or any(a.startswith("-") for a in args):
        sys.stderr.write(USAGE + "\n")
        return 2
    for s in STOP_SIGNALS:
        signal.signal(s, interrupted)
    folder, runs = None, []
    try:
        qemu = find_binary(args[0] if args else "qemu-system-x86_64")
        peer = find_binary(args[1]) if PEER else None
        versions = [version_of(b) for b in [qemu] + ([peer] if peer else [])]
        machine = "pc-i440fx-%d.%d" % min(versions) if peer else "pc"
        say("machine: " + machine)
        expecting, phases = phases_by_activation[(versions[0] >= (10, 0), versions[-1] >= (10, 0))]
        say("the model's expectations: " + expecting)
        folder = scratch_folder()
        baseline = None
        for k, (name, phase) in enumerate(phases):
            say("# " + name)
            os.mkdir(os.path.join(folder, str(k + 1)))
            r = Run(os.path.join(folder, str(k + 1)), qemu, peer, machine)
            runs.append(r)
            r.baseline = baseline
            phase(r)
            r.close()
            baseline = r.reads
        return outcome(0, "the bug does not show: every step ran and every check passed")
    except Bug as e:
        return outcome(1, "the bug shows: %s" % e)
    except Died as e:
        step = runs[-1].n if runs else 0
        said = CRASH.split(" at ")[0] if CRASH and CRASH.startswith("killed by ") else CRASH  # a signal's signature names the step, which FAILING_STEP checks
        if CRASH is not None and step == FAILING_STEP and (said in e.stderr or said in str(e)):
            return outcome(1, "the bug shows: step %d: %s" % (step, e))
        other = "" if CRASH is None or step != FAILING_STEP else " (not the crash this reproduces: %s)" % CRASH
        return outcome(SKIP, "could not run the steps: step %d: %s%s" % (step, e, other))
    except CannotRun as e:
        return outcome(SKIP, "could not run the steps: %s" % e)
    except KeyboardInterrupt:
        return outcome(130, "interrupted")
    except Exception:
        DECIDED.append(SKIP)
        traceback.print_exc()
        return outcome(SKIP, "could not run the steps: the reproducer itself failed (above)")
    finally:
        DECIDED.append(None)
        # No signal may cut the cleanup short (a second Ctrl-C, a SIGTERM from a bisect's timeout).
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        for r in runs:
            r.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
`;
