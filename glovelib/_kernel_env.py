"""The one definition of the environment the course's notebook kernels run in.

``notebooks/build.py`` (which stores the outputs) and the root ``conftest.py`` (which runs nbval
and the unit tests) both call :func:`apply`, so a notebook rebuilt on a 16-core machine stores the
outputs the suite compares on a 2-core one.  Kernels inherit the environment of the process that
starts them.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

KERNEL_ENV: dict[str, str] = {
    # gensim's Word2Vec hashes words with hash(): a fixed seed makes it reproducible
    "PYTHONHASHSEED": "0",
    # inline figures in kernels started outside JupyterLab (nbclient, nbval)
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    # the most threads any notebook asks for (hogwild demos use 2); results do not depend on it
    "NUMBA_NUM_THREADS": "2",
}


def apply(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """Set :data:`KERNEL_ENV` in ``environ`` (default ``os.environ``), overriding what was there.

    Returns the previous values (``""`` where a variable was unset), for callers that restore.
    """
    environ = os.environ if environ is None else environ
    previous = {key: environ.get(key, "") for key in KERNEL_ENV}
    environ.update(KERNEL_ENV)
    return previous
