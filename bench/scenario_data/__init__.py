"""Text fragments of the scenario generator (bench/scenarios.py)."""
