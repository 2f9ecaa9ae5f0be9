"""Package: observations and the series → the Frictionless data package, validated."""
