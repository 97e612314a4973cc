"""Vigie: a self-hosted social media crisis-readiness monitor."""

__version__ = "0.1.0"
