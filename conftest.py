"""Root conftest: environment for the notebook kernels that nbval starts (and the unit tests)."""

import os

os.environ.setdefault("PYTHONHASHSEED", "0")  # gensim's Word2Vec hashes words with hash()
os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
os.environ.setdefault("NUMBA_NUM_THREADS", "2")
