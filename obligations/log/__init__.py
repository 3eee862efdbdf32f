"""The submissions log (SQLite): deliveries and extensions, recorded and read back."""
