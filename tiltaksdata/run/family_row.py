"""The row of `reference/report_families.csv` a report would need.

python -m tiltaksdata.run.family_row REPORT [FAMILY-ID]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from tiltaksdata.normalise.families import COLUMNS, describe
from tiltaksdata.run.parse import default_vocabulary, read_and_normalise


def main(argv: list[str]) -> None:
    """Read one report and print its family row as CSV on stdout."""
    path = Path(argv[0])
    raw, parsed = read_and_normalise(path)
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writerow(describe(raw, parsed, default_vocabulary(), argv[1] if len(argv) > 1 else path.stem))


if __name__ == "__main__":
    main(sys.argv[1:])
