"""The Vietnamese working calendar: holidays, day swaps, commemorations, lunar dates, roll policies."""
