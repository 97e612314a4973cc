"""Sentiment of mentions: language routing (router.py), English VADER and Vigie's French
scorer (french.py). Import `SentimentRouter` from here or from monitor.sentiment.router."""

from monitor.sentiment.router import SentimentRouter
from monitor.sentiment.settings import SentimentSettings

__all__ = ["SentimentRouter", "SentimentSettings"]
