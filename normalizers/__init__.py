"""Pure functions on strings and values: Thai digits, Thai text repair, years, dates, names."""
