"""Deadlines reconciled between levels as a simple temporal network with typed origins."""
