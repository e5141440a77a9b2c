"""One module per command-line command; see pipeline/cli.py for the contract."""
