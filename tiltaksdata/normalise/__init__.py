"""Normalise: raw tables → observations with canonical labels, each mapping with its reason."""
