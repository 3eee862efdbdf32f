"""A duty for a unit becomes dated occurrences on the unit's working calendar."""
