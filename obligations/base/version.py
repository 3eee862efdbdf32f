"""The package version (one place; pyproject.toml states the same)."""

VERSION = "0.1.0"
