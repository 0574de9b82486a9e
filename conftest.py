"""Root conftest: the notebook kernels that nbval starts (and the unit tests) run in the course's
environment, defined once in glovelib/_kernel_env.py and shared with notebooks/build.py."""

from glovelib import _kernel_env

_kernel_env.apply()
