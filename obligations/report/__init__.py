"""Results as data: what is due, for one unit or a subtree, explanations, deliveries."""
