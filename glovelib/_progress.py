"""Progress of long training on stderr: epoch k of n, loss, time left.

A tqdm bar if tqdm is installed (``tqdm.auto``, a widget in JupyterLab, when ipywidgets is too),
else one plain line per epoch.  Shown only when asked for (``GloVe(verbose=True)``).
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """Epoch k of n, loss and time left on stderr: a tqdm bar if tqdm is installed, else lines."""

    def __init__(self, total: int, enabled: bool, desc: str = "GloVe"):
        self.total, self.done, self.t0, self.bar = total, 0, time.perf_counter(), None
        self.enabled = enabled
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            try:  # a widget in JupyterLab; tqdm.auto warns on stderr when ipywidgets is missing
                import ipywidgets  # noqa: F401
                from tqdm.auto import tqdm
            except ImportError:
                pass
            self.bar = tqdm(total=total, desc=desc, unit="epoch", file=sys.stderr)

    def update(self, epoch: int, epoch_loss: float | None = None) -> None:
        self.done += 1
        if self.bar is not None:
            if epoch_loss is not None:
                self.bar.set_postfix(loss=f"{epoch_loss:.6f}", refresh=False)
            self.bar.update()
        elif self.enabled:
            spent = time.perf_counter() - self.t0
            left = spent / self.done * (self.total - self.done)
            loss = "" if epoch_loss is None else f"loss {epoch_loss:.6f}, "
            print(f"epoch {epoch} ({self.done} of {self.total}): {loss}{spent:.1f}s, "
                  f"{left:.1f}s left", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


