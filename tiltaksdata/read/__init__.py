"""Read: each report's file (text extract or PDF) and the provenance beside it → raw tables."""
