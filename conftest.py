"""Root conftest: the notebook kernels that nbval starts (and the unit tests) run in the course's
environment, defined once in glovelib/_kernel_env.py and shared with notebooks/build.py."""

from glovelib import _kernel_env

_kernel_env.apply()


def pytest_collection_modifyitems(items):
    """Every notebook cell is slow: ``pytest -m "not slow"`` is the one-minute loop."""
    import pytest

    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
