"""Words and formats: the vi/en message catalogue, tables, JSON, iCalendar, CSV."""
