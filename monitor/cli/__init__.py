"""The `vigie` command line: one module per group of subcommands."""
