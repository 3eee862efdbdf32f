"""The schedule language: one typed class per kind of schedule (docs/rules.md §3).

    base.py      Window, Context, the calendar protocol, shared checks
    periods.py   week / month / quarter / half / nine months / year: spans and labels
    periodic.py  a deadline relative to each period (day, month, of, in_month, weekday, offset)
    once.py      once, by a named day or within a span
    event.py     counted from an event recorded per unit or declared in the rule file
    rrule.py     any RFC 5545 recurrence rule
    peaks.py     windows around commemorations
    parse.py     a rule file's table -> one of the above (the old `type =` forms as aliases)
"""
