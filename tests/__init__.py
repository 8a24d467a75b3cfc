"""mtlint test suite."""
