"""Model files as .npz archives whose bytes depend only on the arrays.

``np.savez`` stamps each zip entry with the time of writing, so the same model written twice
differs; a model that ships must be rebuilt byte for byte by its training script.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import numpy as np

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


def npz_bytes(arrays: dict[str, np.ndarray[Any, Any]]) -> bytes:
    """A deflated .npz of ``arrays`` (in the given order), with fixed entry dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            body = io.BytesIO()
            # np.asarray, not ascontiguousarray: the latter turns a 0-d array into 1-d.
            np.lib.format.write_array(body, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body.getvalue())
    return buffer.getvalue()
