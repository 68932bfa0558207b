#!/usr/bin/env python3
"""Drives an interactive program through a pseudo-terminal and times it (used by io.lakesh.bench.Bench).

  ptyprobe.py [--prompt TEXT] [--timeout S] [--rss-after S] [--send CMD]... [--exit CMD]
              [--rows N] [--cols N] [--transcript FILE] -- PROGRAM ARGS...

Spawns PROGRAM on a new pty (--cols x --rows, default 120x40), and prints one JSON object on stdout:
  prompt_ms  time from spawning to the first appearance of TEXT (ANSI escapes removed)
  pid, comm  the pty child's pid and /proc/<pid>/comm (an exec'ing launcher keeps its pid)
  rss_kb     VmRSS of that pid, read --rss-after seconds after the prompt (when given)
  commands   for each --send: the time from writing the line to the next prompt, and the output between
             the echoed line and that prompt (ANSI escapes removed, at most 4000 characters)
  exit_status, exit_ms   how and how fast the program ended after the --exit line
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>@-Z\\-_]|\r")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prompt", default="lakesh:")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--rss-after", type=float, default=None)
    ap.add_argument("--send", action="append", default=[])
    ap.add_argument("--exit", default="exit")
    ap.add_argument("--transcript", default=None)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("program", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    prog = a.program[1:] if a.program and a.program[0] == "--" else a.program
    if not prog:
        ap.error("no program")
    prompt = a.prompt.encode()

    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
            os.execvp(prog[0], prog)
        finally:
            os._exit(127)

    raw = bytearray()
    clean = bytearray()
    result = {"pid": pid}

    def pump(deadline):
        """Reads what is there until the deadline; False at EOF."""
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return True
            r, _, _ = select.select([fd], [], [], min(left, 0.05))
            if not r:
                return True
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            raw.extend(chunk)
            # Answer a cursor-position query as a terminal would, so a line reader does not wait for it.
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            clean[:] = ANSI.sub(b"", bytes(raw))
            return True

    def wait_for(pred, timeout):
        deadline = time.perf_counter() + timeout
        while not pred():
            if time.perf_counter() >= deadline:
                return False
            if not pump(min(deadline, time.perf_counter() + 0.05)):
                return pred()
        return True

    ok = wait_for(lambda: clean.find(prompt) >= 0, a.timeout)
    t_prompt = time.perf_counter()
    if not ok:
        result["error"] = "no prompt within %ss" % a.timeout
    else:
        result["prompt_ms"] = round((t_prompt - t0) * 1000.0, 2)
        try:
            with open("/proc/%d/comm" % pid) as f:
                result["comm"] = f.read().strip()
        except OSError:
            pass
        if a.rss_after is not None:
            end = time.perf_counter() + a.rss_after
            while pump(end) and time.perf_counter() < end:
                pass
            try:
                with open("/proc/%d/status" % pid) as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            result["rss_kb"] = int(line.split()[1])
            except OSError as e:
                result["error"] = "cannot read /proc/%d/status: %s" % (pid, e)
        cmds = []
        for cmd in a.send:
            mark = len(clean)
            start = time.perf_counter()
            os.write(fd, cmd.encode() + b"\r")

            def next_prompt():
                nl = clean.find(b"\n", mark)
                return nl >= 0 and clean.find(prompt, nl) >= 0

            if not wait_for(next_prompt, a.timeout):
                result["error"] = "no prompt after %r" % cmd
                break
            ms = round((time.perf_counter() - start) * 1000.0, 2)
            nl = clean.find(b"\n", mark)
            output = bytes(clean[nl + 1:clean.find(prompt, nl)])
            cmds.append({"cmd": cmd, "ms": ms, "output": output[:4000].decode("utf-8", "replace")})
        result["commands"] = cmds

    start = time.perf_counter()
    status = None
    if a.exit:
        try:
            os.write(fd, a.exit.encode() + b"\r")
        except OSError:
            pass
        deadline = start + 15
        while time.perf_counter() < deadline:
            pump(time.perf_counter() + 0.05)
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = st
                break
    if status is None:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        result["killed"] = True
    result["exit_ms"] = round((time.perf_counter() - start) * 1000.0, 2)
    result["exit_status"] = os.waitstatus_to_exitcode(status)
    if a.transcript:
        with open(a.transcript, "wb") as f:
            f.write(bytes(raw))
    print(json.dumps(result))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
