"""Seconds and peak RSS of one command in its own process, measured without the parent's memory.

A process's peak RSS (``ru_maxrss``, from ``wait4``) keeps the high-water mark of the image it
replaced at ``exec``: a child forked from a large benchmark process reports at least the
parent's resident memory.  So the command is started by a small launcher (``python -S``, a few
MB), which forks it and reports the grandchild's own peak and time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

_LAUNCH = """\
import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - t} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(cmd: list[str], stdin=None, stdout=None, env=None) -> tuple[float, float]:
    """Run ``cmd`` (stdin / stdout files or None); return (seconds, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as report:
        subprocess.run([sys.executable, "-S", "-c", _LAUNCH, report.name, *map(str, cmd)],
                       stdin=stdin, stdout=stdout or subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env, check=True)
        secs, maxrss_kb, code = report.read().split()
    if int(code):
        raise RuntimeError(f"{cmd} failed with status {code}")
    return float(secs), int(maxrss_kb) / 1024


if __name__ == "__main__":  # a self-check: started from a 400 MB parent, `python -c pass`
    import numpy as np

    ballast = np.ones(400 * 2**20 // 8)
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    naive = os.wait4(p.pid, 0)[2].ru_maxrss / 1024
    print(f"python -c pass from a {ballast.nbytes / 2**20:.0f} MB parent: peak {naive:.0f} MB "
          f"by wait4, {run([sys.executable, '-c', 'pass'])[1]:.0f} MB by run()")
