"""Runs a command in a pseudo-terminal, as a person at a terminal would, for the e2e tests.

Usage: pty-session.py '<json>' where the JSON is
  {"argv": [...], "cwd": "...", "env": {...}, "timeout": seconds,
   "steps": [{"expect": "regex", "timeout": s, "settle": s}, {"send": "yes\\r"}, ...]}
"expect" waits until the regex matches the output read since the previous expect (ANSI escapes
removed); "settle" then keeps reading for that long and records a snapshot of the whole output
(to check what is last on the screen). "send" types into the terminal ("\\u0003" is Ctrl-C,
which the terminal turns into SIGINT for the foreground process). Prints one JSON object:
{"output": everything read (raw), "snapshots": [...], "failed": step or null, "status": exit code}.
"""
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def main():
    spec = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(spec["cwd"])
        os.execvpe(spec["argv"][0], spec["argv"], {**os.environ, **spec.get("env", {})})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    deadline = time.monotonic() + spec.get("timeout", 120)
    output = b""
    mark = 0
    snapshots = []
    failed = None

    def read_for(seconds):
        nonlocal output
        end = min(time.monotonic() + seconds, deadline)
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], max(0, min(0.1, end - time.monotonic())))
            if fd in ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                output += chunk
                yield
        return True

    for step in spec["steps"]:
        if "send" in step:
            os.write(fd, step["send"].encode())
            continue
        pattern = re.compile(step["expect"], re.M)
        found = False
        text = lambda: ANSI.sub("", output[mark:].decode("utf-8", "replace"))
        if pattern.search(text()):
            found = True
        else:
            for _ in read_for(step.get("timeout", 60)):
                if pattern.search(text()):
                    found = True
                    break
        if not found:
            failed = step
            break
        mark = len(output)
        if step.get("settle"):
            for _ in read_for(step["settle"]):
                pass
            snapshots.append(output.decode("utf-8", "replace"))
    # drain until the process closes the terminal
    for _ in read_for(max(0, deadline - time.monotonic())):
        pass
    status = None
    for _ in range(50):
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(code)
            break
        time.sleep(0.1)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    print(json.dumps({"output": output.decode("utf-8", "replace"), "snapshots": snapshots, "failed": failed, "status": status}))


main()
