"""Rule files: directives, duties, schedules and policies, read and validated."""
