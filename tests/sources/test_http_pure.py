"""Pure HTTP helpers: backoff, Retry-After, body decoding."""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path

import pytest

from monitor.errors import SourceError
from monitor.sources.http import MAX_RETRY_AFTER, decode_body, next_delay, parse_retry_after
from tests.sources.conftest import NOW


def test_next_delay_is_zero_without_failures():
    """No failure, no Retry-After: no delay."""
    assert next_delay(0, 60, 3600) == 0.0


def test_next_delay_full_jitter_bounds_grow_then_cap():
    """Delays stay within [0, min(cap, base*2^(n-1))], spread over that range, and stop at cap."""
    rng = random.Random(1)
    for failures, ceiling in ((1, 60), (2, 120), (3, 240), (10, 3600), (500, 3600)):
        samples = [next_delay(failures, 60, 3600, None, rng) for _ in range(400)]
        assert min(samples) >= 0 and max(samples) <= ceiling
        assert max(samples) > 0.9 * ceiling and min(samples) < 0.1 * ceiling


def test_next_delay_is_reproducible_with_a_seeded_rng():
    """The same seed gives the same delays (the function reads no global state)."""
    a = [next_delay(4, 30, 600, None, random.Random(5)) for _ in range(3)]
    b = [next_delay(4, 30, 600, None, random.Random(5)) for _ in range(3)]
    assert a == b


def test_retry_after_is_a_floor_even_past_the_cap():
    """Retry-After wins over a shorter jittered delay and over the cap, up to one day."""
    assert next_delay(1, 60, 300, 1800, random.Random(0)) == 1800
    assert next_delay(0, 60, 300, 10**9) == MAX_RETRY_AFTER


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0),
    ("Mon, 02 Mar 2026 12:30:00 GMT", 1800.0),
    ("Mon, 02 Mar 2026 11:00:00 GMT", 0.0),  # in the past
    ("soon", None),
    ("", None),
    (None, None),
])
def test_parse_retry_after(value: str | None, seconds: float | None):
    """Delta-seconds and HTTP dates (relative to `now`) parse; junk is None."""
    assert parse_retry_after(value, NOW) == seconds


BODY = b"<rss>" + b"hello " * 1000 + b"</rss>"


def _raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(wbits=-15)
    return c.compress(data) + c.flush()


@pytest.mark.parametrize(("raw", "header"), [
    (gzip.compress(BODY), "gzip"),
    (gzip.compress(BODY), "x-gzip"),
    (zlib.compress(BODY), "deflate"),
    (_raw_deflate(BODY), "deflate"),
    (gzip.compress(BODY), "identity, gzip"),
])
def test_decode_body_formats(raw: bytes, header: str):
    """gzip, x-gzip, zlib deflate and raw deflate decode to the document."""
    body, warning = decode_body(raw, header)
    assert body == BODY and warning is None


def test_decode_body_sniffs_unlabelled_gzip_and_keeps_plain():
    """Gzip bytes without a header are recognised; a body falsely labelled gzip is kept."""
    assert decode_body(gzip.compress(BODY), None) == (BODY, None)
    body, warning = decode_body(BODY, "gzip")
    assert body == BODY and "not compressed" in (warning or "")


def test_decode_body_truncated_stream_keeps_what_it_holds():
    """A gzip stream cut short yields its decodable prefix and a warning."""
    raw = gzip.compress(BODY)
    body, warning = decode_body(raw[: len(raw) - 20], "gzip")
    assert BODY.startswith(body) and len(body) > 100 and "truncated" in (warning or "")


def test_decode_body_caps_decompressed_size():
    """A body that inflates past the limit raises SourceError (bomb protection)."""
    with pytest.raises(SourceError, match="decompressed"):
        decode_body(gzip.compress(b"\0" * 1_000_000), "gzip", limit=10_000)


def test_decode_body_unknown_encoding():
    """An encoding Vigie does not speak is a clear, non-recoverable error."""
    with pytest.raises(SourceError, match="unsupported") as info:
        decode_body(b"x", "br")
    assert info.value.recoverable is False


@pytest.mark.shared
def test_feedparser_compression_fixtures(shared_dir: Path):
    """feedparser's compression fixtures: valid, raw and fake-compressed bodies decode to
    XML; the corrupt one yields a warning or an error, never another exception."""
    root = shared_dir / "feeds" / "feedparser-tests" / "compression"
    results = {}
    for path in sorted(root.iterdir()):
        header = "gzip" if path.suffix == ".gz" else "deflate"
        try:
            body, warning = decode_body(path.read_bytes(), header)
            results[path.name] = (body.lstrip()[:1] == b"<", warning)
        except SourceError as exc:
            results[path.name] = (False, str(exc))
    for name in ("gzip.gz", "deflate.z", "deflate-no-headers.z", "gzip-not-compressed.gz",
                 "deflate-not-compressed.z"):
        assert results[name][0], (name, results[name])
    assert results["gzip-struct-error.gz"][1]
