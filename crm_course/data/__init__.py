"""Data layer: the shipped datasets, the synthetic generators and readers for a user's own data."""
