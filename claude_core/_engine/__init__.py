"""The engine: how one API call travels from a resource method to a parsed object."""
