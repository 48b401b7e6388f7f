"""API resources: the groups of methods a client exposes."""
