"""Peak memory of this process, measured so that a child does not report its parent's.

Linux carries ``ru_maxrss`` over from the parent through fork and exec, so a child started
by a large test or benchmark process would report the parent's peak, and a measured growth
would read 0 whatever happened. ``VmHWM`` in /proc/self/status starts afresh at exec.
"""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
