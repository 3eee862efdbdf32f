"""Statuses from declarative rules: the durable_rules adapter and its pure-Python twin."""
