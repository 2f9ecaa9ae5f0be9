"""Check: a report against itself, publications against each other, counties across reforms."""
