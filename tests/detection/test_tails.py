"""Count-data tail probabilities against exact sums of the probability mass."""

from __future__ import annotations

import math

import pytest

from monitor.detection.tails import count_surprise, low_surprise, share_surprise


def _pmf(j: int, mu: float, alpha: float) -> float:
    if alpha == 0:
        return math.exp(-mu + j * math.log(mu) - math.lgamma(j + 1))
    r = 1 / alpha
    p = r / (r + mu)
    return math.exp(math.lgamma(j + r) - math.lgamma(r) - math.lgamma(j + 1)
                    + r * math.log(p) + j * math.log1p(-p))


@pytest.mark.parametrize(("k", "mu", "alpha"), [
    (3, 0.2, 0.3), (20, 5, 0.3), (300, 50, 0.5), (10, 2, 0.0), (80, 40, 0.0), (1, 0.05, 0.0),
    (130, 100, 0.1), (7, 1.5, 2.0), (112, 100, 0.0), (4, 1.0, 0.5),
])
def test_upper_tail_matches_exact_sum(k: int, mu: float, alpha: float) -> None:
    """-log10 P(X >= k) equals the exact negative-binomial / Poisson sum."""
    exact = -math.log10(1 - sum(_pmf(j, mu, alpha) for j in range(k)))
    got = count_surprise(k, mu, alpha)
    if got < 0.31:  # within a standard deviation: Cantelli's bound, a lower bound below 1
        assert got <= exact < 1.0
    else:
        assert got == pytest.approx(exact, rel=1e-6)


@pytest.mark.parametrize(("k", "mu", "alpha"), [(0, 20, 0.3), (3, 20, 0.3), (3, 20, 0.0),
                                                (0, 20, 0.0)])
def test_lower_tail_matches_exact_sum(k: int, mu: float, alpha: float) -> None:
    """-log10 P(X <= k) equals the exact sum (silences)."""
    exact = sum(_pmf(j, mu, alpha) for j in range(k + 1))
    assert low_surprise(k, mu, alpha) == pytest.approx(-math.log10(exact), rel=1e-6)


def test_no_surprise_at_or_below_the_mean_and_no_underflow() -> None:
    """Counts at or under the mean are not surprising; extreme ones stay finite."""
    assert count_surprise(5, 5.0, 0.3) == 0.0
    assert count_surprise(0, 0.1, 0.0) == 0.0
    huge = count_surprise(13_000, 50, 0.5)
    assert math.isfinite(huge) and huge > 100


def test_gaussian_z_would_mislead_on_small_counts() -> None:
    """3 mentions against 0.2 expected is rare (about 1 in 800 under Poisson), not the
    six-sigma event a Gaussian z-score would claim."""
    assert 2.5 < count_surprise(3, 0.2, 0.0) < 3.5


def _share_log_pmf(j: int, n: int, p: float, alpha: float) -> float:
    """Log of the beta-binomial probability of j among n (alpha > 0)."""
    size = 1 / (alpha * p / (1 - p)) - 1
    a, b = p * size, (1 - p) * size

    def lbeta(x: float, y: float) -> float:
        return math.lgamma(x) + math.lgamma(y) - math.lgamma(x + y)
    return (math.lgamma(n + 1) - math.lgamma(j + 1) - math.lgamma(n - j + 1)
            + lbeta(j + a, n - j + b) - lbeta(a, b))


def _share_pmf(j: int, n: int, p: float, alpha: float) -> float:
    if alpha == 0:
        return math.comb(n, j) * p ** j * (1 - p) ** (n - j)
    return math.exp(_share_log_pmf(j, n, p, alpha))


@pytest.mark.parametrize(("k", "n", "p", "alpha"), [
    (91, 142, 0.3, 0.05), (176, 247, 0.3, 0.05), (20, 30, 0.2, 0.05), (5, 6, 0.2, 0.05),
    (300, 1000, 0.2, 0.05), (20, 30, 0.2, 0.0), (40, 100, 0.1, 0.05), (9, 10, 0.5, 0.2),
])
def test_share_tail_matches_exact_beta_binomial_sum(k: int, n: int, p: float,
                                                    alpha: float) -> None:
    """-log10 P(X >= k) of k among n equals the exact beta-binomial (binomial) sum."""
    exact = -math.log10(sum(_share_pmf(j, n, p, alpha) for j in range(k, n + 1)))
    got = share_surprise(k, n, p, alpha)
    if got < 0.31:  # Cantelli's bound within a standard deviation, as count_surprise
        assert got <= exact < 1.0
    else:
        assert got == pytest.approx(exact, rel=1e-6)


def test_a_share_is_bounded_where_a_count_is_not() -> None:
    """176 negative of 247 where 30% is usual: one in ten million as a share, while the
    count's unbounded tail (same burstiness) calls it one in 60,000; at or under the usual
    share nothing; more than were scored is impossible."""
    assert share_surprise(176, 247, 0.3, 0.05) > 7.0 > 5.0 > count_surprise(176, 74.1, 0.05)
    assert share_surprise(74, 247, 0.3, 0.05) == 0.0
    assert share_surprise(0, 0, 0.3, 0.05) == 0.0
    assert share_surprise(12, 10, 0.3, 0.05) == math.inf


def test_share_tail_of_a_huge_window_errs_towards_less_surprise() -> None:
    """On 200,000 scored mentions the sum stops after 4,000 terms and bounds the rest by a
    geometric series: never more surprising than the exact sum, and close to it."""
    k, n, p = 82_000, 200_000, 0.2
    logs = [_share_log_pmf(j, n, p, 0.05) for j in range(k, n + 1)]
    top = max(logs)
    exact = -(top + math.log(sum(math.exp(x - top) for x in logs))) / math.log(10)
    got = share_surprise(k, n, p, 0.05)
    assert exact - 0.05 <= got <= exact
