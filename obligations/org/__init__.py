"""The hierarchy of units over time, successors, and routing to issuer and recipient."""
