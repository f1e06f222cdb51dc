#!/usr/bin/env python3
"""Write ``admin1.tsv``: the names of the GeoNames first-level regions outside RU, UA and BY.

Places outside the theatre carry GeoNames admin1 codes (``US.TX``, ``GB.ENG``);
``geomap geocode`` prints the region's name instead (Texas, England). Reads
GeoNames' ``admin1CodesASCII.txt`` (CC BY 4.0; path on the command line) and
keeps the codes that ``places.tsv.gz`` uses.

Run: ``python gazetteer/build_admin1.py PATH/admin1CodesASCII.txt``
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with gzip.open(HERE / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        used = {row["admin1"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if "." in row["admin1"]}
    rows = []
    with open(args[0], encoding="utf-8") as handle:
        for line in handle:
            code, name, ascii_name, _gid = line.rstrip("\n").split("\t")
            if code in used:
                rows.append((code, name.strip() or ascii_name.strip()))
    rows.sort()
    with open(HERE / "admin1.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("code\tname\n")
        out.writelines(f"{code}\t{name}\n" for code, name in rows)
    print(f"admin1.tsv: {len(rows)} of {len(used)} codes named")
    return 0


if __name__ == "__main__":
    sys.exit(main())
