"""Placeholder until this task module is written."""
