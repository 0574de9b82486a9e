"""A GloVe model's hyperparameters (checked) and, on disk, its full training state in one ``.npz``.

No pickle (``allow_pickle=False``): arrays for the parameters, AdaGrad sums, word blocks and the
generator's key, and one JSON string for the hyperparameters (numpy scalars stored as Python
numbers), the loss history and the generator's position.  Written atomically; a damaged or
truncated file is a ValueError that names it.  :meth:`glovelib.GloVe.save` and ``load`` call these.
"""

from __future__ import annotations

import json
import math
import warnings
import zipfile
import zlib

import numpy as np

from .._io import atomic_open

__all__ = ["validate", "divergence", "save_model", "load_model", "plain"]

NAMES = ("W", "W_context", "b", "b_context")  # parameter order in Weights and saved files
_FORMAT = "glovelib-glove-1"


def plain(value):
    """A hyperparameter as JSON can hold it: numpy scalars become Python numbers, dtypes names."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.dtype | type):
        return np.dtype(value).name
    return value


def validate(model, schedules) -> None:
    """Check the hyperparameters of a GloVe model (TypeError / ValueError saying which)."""
    def positive_int(name):
        v = getattr(model, name)
        if isinstance(v, bool) or not isinstance(v, int | np.integer):
            raise TypeError(f"{name} must be an int, got {v!r}")
        if v < 1:
            raise ValueError(f"{name} must be >= 1, got {v}")

    def number(name, low, inclusive):
        v = getattr(model, name)
        if isinstance(v, bool) or not isinstance(v, int | float | np.number):
            raise TypeError(f"{name} must be a number, got {v!r}")
        if not math.isfinite(v) or (v < low if inclusive else v <= low):
            raise ValueError(f"{name} must be {'>=' if inclusive else '>'} {low} and finite, "
                             f"got {v}")

    positive_int("vector_size")
    positive_int("epochs")
    positive_int("n_threads")
    number("x_max", 0, False)
    number("alpha", 0, True)
    number("learning_rate", 0, False)
    number("grad_clip", 0, False)
    if np.dtype(model.dtype) not in (np.float32, np.float64):
        raise ValueError(f"dtype must be 'float32' or 'float64', got {model.dtype!r}")
    if model.schedule not in schedules:
        raise ValueError(f"schedule must be one of {', '.join(map(repr, schedules))}, got "
                         f"{model.schedule!r}")


# Divergence that stays finite (AdaGrad bounds every step): a loss far above that of all-zero
# parameters, mean 1/2 f (log X)^2, or a parameter far beyond the scale of log X.
_LOSS_FACTOR, _PARAM_FACTOR = 1e3, 1e3


def divergence(parts, n: int):
    """A check of each epoch against yardsticks from the training entries: it returns what went
    wrong (a non-finite or exploding loss, parameters far beyond the scale of log X), or ''.

    ``parts`` are the entries in chunks, ``n`` in all (an epoch driver's ``chunks()`` and
    ``n_entries``: held in memory or read from disk; chunks of the same bounds give the same
    yardsticks).  The yardsticks are the loss of all-zero parameters, mean 1/2 f (log X)^2, and
    1 + max |log X|, computed by chunks (no float64 copy of all entries).  A loss that jumps
    after new counts stays near the first; a high but stable learning rate stays far below both.
    """
    total, top = 0.0, 0.0
    for part in parts:
        logx = part["logx"].astype(np.float64)
        total += 0.5 * float(part["fx"].astype(np.float64) @ (logx * logx))
        top = max(top, float(np.abs(logx).max()))
    zero_loss, scale = total / n, 1.0 + top

    def check(epoch_loss: float, skipped: int, arrays) -> str:
        largest = max(float(np.abs(a).max()) for a in arrays)
        if (skipped == n or not math.isfinite(epoch_loss) or not math.isfinite(largest)
                or epoch_loss > _LOSS_FACTOR * (zero_loss + 1.0)
                or largest > _PARAM_FACTOR * scale):
            return (f"loss {epoch_loss:.4g} against {zero_loss:.4g} for all-zero parameters, "
                    f"largest parameter {largest:.4g}, {skipped} of {n} entries non-finite")
        return ""

    return check


def save_model(model, path) -> None:
    """Write ``model``'s hyperparameters and training state to ``path`` (see the module)."""
    kind, key, pos, has_gauss, cached = model._rng.get_state()
    arrays = dict(zip(NAMES, model.weights_.arrays(), strict=True))
    arrays.update({f"sq_{k}": v for k, v in zip(NAMES, model._sq, strict=True)})
    meta = {k: plain(getattr(model, k)) for k in model._param_names}
    if not (meta["random_state"] is None or isinstance(meta["random_state"], int)):
        warnings.warn(f"random_state {type(model.random_state).__name__} cannot be saved; saved "
                      "as None (the generator's current state is saved)", UserWarning,
                      stacklevel=3)
        meta["random_state"] = None
    meta.update(epochs_trained=model.epochs_trained_, loss_history=model.loss_history_,
                rng_pos=int(pos), rng_has_gauss=int(has_gauss), rng_cached=float(cached),
                format=_FORMAT)
    text = json.dumps(meta)  # fails here, before any file is touched, if a value is odd
    blocks = np.zeros(0, np.int32) if model._blocks is None else model._blocks  # none yet
    with atomic_open(path) as f:
        np.savez(f, rng_key=key, meta=np.array(text), word_blocks=blocks, **arrays)


def load_model(cls, path):
    """A ``cls`` model with the state :func:`save_model` wrote to ``path``."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != _FORMAT:
                raise KeyError("format")
            model = cls(**{k: meta[k] for k in cls._param_names if k in meta})
            model.W_, model.W_context_, model.b_, model.b_context_ = (z[k] for k in NAMES)
            model._sq = [z[f"sq_{k}"] for k in NAMES]
            model._blocks = z["word_blocks"] if z["word_blocks"].size else None
            rng = np.random.RandomState()
            rng.set_state(("MT19937", z["rng_key"], meta["rng_pos"], meta["rng_has_gauss"],
                           meta["rng_cached"]))
    except KeyError as exc:
        raise ValueError(f"{path} is not a model saved by GloVe.save (missing {exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        if isinstance(exc, FileNotFoundError | IsADirectoryError | PermissionError):
            raise
        raise ValueError(f"{path} is not a complete model saved by GloVe.save: the file is "
                         f"damaged or cut short ({exc}); save it again") from None
    model._rng = rng
    model.epochs_trained_ = meta["epochs_trained"]
    model.loss_history_ = list(meta["loss_history"])
    return model
