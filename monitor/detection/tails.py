"""Tail probabilities of count data: how surprising is `k` mentions when `mu` were expected?

Mention counts are small integers with bursty variance, so the detector asks a
negative-binomial question (variance mu + alpha mu^2; alpha = 0 is Poisson) instead of a
Gaussian z-score, which calls 3 mentions against 0.2 expected either impossible or ordinary
depending on luck. The answers come as -log10(P), "surprise", so that one-in-a-million reads 6
and tiny probabilities do not underflow. A share (negative mentions among those scored) is
bounded by its total, so its question is a beta-binomial one (`share_surprise`).

The incomplete beta and gamma functions are the classic continued fractions (Lentz's method,
as in Numerical Recipes ch. 6.2 and 6.4), written with math.lgamma to avoid a SciPy dependency
in the hot path; tests/detection/test_tails.py checks them against exact sums.
"""

from __future__ import annotations

import math

_LN10 = math.log(10.0)
_EPS = 1e-12
_TINY = 1e-300
_MAX_ITER = 400


def _beta_cf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_ITER + 1):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h


def log_betainc(a: float, b: float, x: float) -> float:
    """Natural log of the regularized incomplete beta I_x(a, b), for a, b > 0, 0 <= x <= 1."""
    if x <= 0.0:
        return -math.inf
    if x >= 1.0:
        return 0.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return log_front + math.log(_beta_cf(a, b, x) / a)
    rest = math.exp(log_front) * _beta_cf(b, a, 1.0 - x) / b
    return math.log1p(-min(rest, 1.0 - 1e-16))


def log_gammainc_lower(a: float, x: float) -> float:
    """Natural log of the regularized lower incomplete gamma P(a, x), for a > 0, x >= 0."""
    if x <= 0.0:
        return -math.inf
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1.0:
        term = total = 1.0 / a
        ap = a
        for _ in range(_MAX_ITER):
            ap += 1.0
            term *= x / ap
            total += term
            if abs(term) < abs(total) * _EPS:
                break
        return log_front + math.log(total)
    # Upper tail Q by continued fraction, then P = 1 - Q.
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITER + 1):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = b + an / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    q = math.exp(log_front) * h
    return math.log1p(-min(q, 1.0 - 1e-16))


def count_surprise(k: float, mu: float, alpha: float) -> float:
    """-log10 P(X >= k) for X negative-binomial with mean `mu` and variance mu + alpha mu^2
    (Poisson when alpha is 0). Zero when k does not exceed the mean: only rises surprise.

    `k` may be fractional (a window total scaled by a planned lift); it is rounded down,
    which errs towards less surprise.
    """
    mu = max(mu, 1e-9)
    k = math.floor(k)
    if k <= mu or k <= 0:
        return 0.0
    # Cantelli's bound P(X >= k) <= var / (var + (k - mu)^2) settles the ordinary case
    # cheaply: within about one standard deviation (bound above 1/2) the bound's surprise
    # is used, a lower bound on the exact one, both well below 1, where nothing is decided.
    var = mu + alpha * mu * mu
    bound = var / (var + (k - mu) ** 2)
    if bound > 0.5:
        return -math.log10(bound)
    if alpha <= 1e-9:
        log_p = log_gammainc_lower(k, mu)  # P(X >= k) = P(k, mu)
    else:
        r = 1.0 / alpha
        log_p = log_betainc(k, r, mu / (r + mu))  # P(X >= k) = I_{1-p}(k, r)
    return max(0.0, -log_p / _LN10)


def low_surprise(k: float, mu: float, alpha: float) -> float:
    """-log10 P(X <= k): how surprising a drop to `k` is (used for silences)."""
    mu = max(mu, 1e-9)
    k = math.floor(k)
    if k >= mu:
        return 0.0
    if k < 0:
        return math.inf
    if alpha <= 1e-9:
        if k == 0:
            return mu / _LN10
        # P(X <= k) = Q(k + 1, mu) = 1 - P(k + 1, mu)
        log_p = math.log1p(-min(math.exp(log_gammainc_lower(k + 1, mu)), 1.0 - 1e-16))
    else:
        r = 1.0 / alpha
        if k == 0:
            return -(r * math.log(r / (r + mu))) / _LN10
        log_p = log_betainc(r, k + 1, r / (r + mu))  # P(X <= k) = I_p(r, k + 1)
    return max(0.0, -log_p / _LN10)


def share_surprise(k: float, n: float, p: float, alpha: float) -> float:
    """-log10 P(X >= k) for `k` of `n` items having a property whose usual share is `p`
    (negative mentions among those scored): X beta-binomial, with the share itself varying
    from window to window by a coefficient of variation sqrt(`alpha`), as the negative-
    binomial count of `count_surprise` with that alpha would. Bounded by `n`: 176 negative
    of 247 where 30% is usual is one in ten million, where the count's unbounded tail says
    one in 60,000. Zero when k does not exceed the usual share.
    """
    n, k = math.floor(n), math.floor(k)
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    mean = n * p
    if k <= mean or k <= 0 or n <= 0:
        return 0.0
    if k > n:
        return math.inf
    # Intra-window correlation giving the share a standard deviation sqrt(alpha) * p.
    rho = min(alpha * p / (1.0 - p), 0.999)
    if rho <= 1e-12:  # binomial
        return max(0.0, -log_betainc(k, n - k + 1, p) / _LN10)  # P(X >= k) = I_p(k, n-k+1)
    var = n * p * (1.0 - p) * (1.0 + (n - 1) * rho)
    bound = var / (var + (k - mean) ** 2)
    if bound > 0.5:  # within a standard deviation or so: Cantelli, as count_surprise
        return -math.log10(bound)
    size = 1.0 / rho - 1.0
    a, b = p * size, (1.0 - p) * size
    # Sum the probabilities from k up: each term follows from the last, and past the mean
    # they fall at least geometrically (the pmf is log-concave while a = (1-p)/alpha - p is
    # at least 1: over 9 wherever the detector asks, at twice the usual share or more, so
    # p <= 0.5), so the sum stops once they no longer count, or after 4,000 terms (a window
    # of hundreds of thousands of mentions) with the rest bounded by a geometric series.
    log_term = (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                + math.lgamma(k + a) + math.lgamma(n - k + b) - math.lgamma(n + a + b)
                - math.lgamma(a) - math.lgamma(b) + math.lgamma(a + b))
    total = term = 1.0
    j = k
    while j < n:
        ratio = (n - j) * (j + a) / ((j + 1) * (n - j - 1 + b))
        term *= ratio
        total += term
        j += 1
        if term < total * _EPS:
            break
        if j - k >= 10 * _MAX_ITER:
            # The rest falls faster than a geometric series of the last ratio: adding that
            # series errs towards less surprise.
            total += term * ratio / (1.0 - ratio) if ratio < 1.0 else math.inf
            break
    return max(0.0, -(log_term + math.log(total)) / _LN10)
