"""Process settings (environment) and behaviour files (vigie.yaml, rules, playbooks)."""
