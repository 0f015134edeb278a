#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal of 80x24: copies our stdin to the terminal (keys) and the
terminal's output to our stdout, then exits with the command's exit code (128+n for a signal).
Python's pty module is on every machine this project runs on, so the tests need no native addon."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

COLS, ROWS = int(os.environ.get('PTY_COLS', '80')), int(os.environ.get('PTY_ROWS', '24'))

pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', ROWS, COLS, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])

stdin_open = True
while True:
    watch = [fd] + ([0] if stdin_open else [])
    ready, _, _ = select.select(watch, [], [], 0.05)
    if 0 in ready:
        data = os.read(0, 1024)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False
    if fd in ready:
        try:
            out = os.read(fd, 65536)
        except OSError:
            break
        if not out:
            break
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()

_, status = os.waitpid(pid, 0)
if os.WIFSIGNALED(status):
    sys.exit(128 + os.WTERMSIG(status))
sys.exit(os.WEXITSTATUS(status))
