"""Slack interactivity: the /slack/events Request URL (Bolt), Socket Mode."""
