"""Near-duplicate keys for copy-paste and bot floods: MinHash over word bigrams, banded.

Two texts whose bigram sets overlap a lot (Jaccard >= ~0.7) share at least one band key with
high probability, while unrelated mentions of the same topic (Jaccard ~0.02) almost never
do. Keys are deterministic across processes (crc32, not Python's salted `hash`), so every
worker and a replay compute the same ones.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

BANDS = 4
ROWS = 3
MIN_TOKENS = 5  # shorter texts collide by chance ("merci !"): no key, never a near-duplicate

_MASK = 0xFFFFFFFF
# Fixed odd multipliers and offsets: a universal-hash family over crc32 values.
_A = [0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C,
      0xFD7046C5, 0xB55A4F09, 0x7FEB352D, 0x846CA68B, 0x68E31DA4, 0xB5297A4D]
_B = [0x5BD1E995, 0x1B873593, 0xCC9E2D51, 0x38495AB5, 0xE6546B64, 0x2C1B3C6D,
      0x297A2D39, 0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F]
_A_NP = np.array(_A, dtype=np.uint64)
_B_NP = np.array(_B, dtype=np.uint64)
_MASK_NP = np.uint64(_MASK)
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|\d+")
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    text = _NOISE.sub(" ", text.lower())
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(text)


def near_keys(text: str) -> tuple[str, ...]:
    """Band keys of `text`; empty when the text is too short to judge."""
    return near_keys_batch([text])[0]


def near_keys_batch(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """`near_keys` of each text, the hashing done for the whole batch in one numpy pass."""
    out: list[tuple[str, ...]] = [()] * len(texts)
    owners: list[int] = []
    sizes: list[int] = []
    hashes: list[int] = []
    crc32 = zlib.crc32
    for index, text in enumerate(texts):
        words = _tokens(text)
        if len(words) < MIN_TOKENS:
            continue
        distinct = {crc32(f"{a} {b}".encode()) for a, b in zip(words, words[1:], strict=False)}
        owners.append(index)
        sizes.append(len(distinct))
        hashes.extend(distinct)
    if not owners:
        return out
    values = np.array(hashes, dtype=np.uint64)
    # crc32 < 2**32 and multipliers < 2**32: products fit in 64 bits; the sum may wrap, which
    # leaves the low 32 bits (all we keep) as Python's exact arithmetic would.
    signatures = (values[:, None] * _A_NP + _B_NP) & _MASK_NP
    starts = np.cumsum([0, *sizes[:-1]])
    minima = np.minimum.reduceat(signatures, starts, axis=0).tolist()
    for index, mins in zip(owners, minima, strict=True):
        out[index] = tuple(
            f"{band}:{mins[band * ROWS]:x}-{mins[band * ROWS + 1]:x}-{mins[band * ROWS + 2]:x}"
            for band in range(BANDS)
        )
    return out
