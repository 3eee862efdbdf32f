"""Shared ground: errors with file, place and fix; Vietnamese dates; TOML reading; typed keys; vocabulary."""
