#!/usr/bin/python3
"""Writes the import benchmark's input: the arXiv sample repeated to N records (see bench/import.sh).

Deterministic: the same arguments always give the same bytes. Every record gets a new, unique, valid
new-style arXiv id (YYMM.NNNNN, month 01-12, counting up from 1501.00001 in file order, as in the real
snapshot, which is sorted by id), and every copy after the first gets " (copy N)" appended to its title,
so no two records carry the same id and the repeated text is not byte-identical. Everything else (authors,
abstract, categories, update_date) is kept as it is in the sample.

Usage: generate.py SAMPLE OUTPUT RECORDS [--gzip]
"""
import gzip
import json
import sys

PER_MONTH = 99_999  # new-style ids since 2015 have five digits: YYMM.00001 .. YYMM.99999
FIRST_YEAR = 15


def new_id(index):
    month_slot, number = divmod(index, PER_MONTH)
    year, month = divmod(month_slot, 12)
    year += FIRST_YEAR
    if year > 99:
        raise SystemExit("generate.py: too many records for YYMM.NNNNN ids")
    return f"{year:02d}{month + 1:02d}.{number + 1:05d}"


def main():
    args = [a for a in sys.argv[1:] if a != "--gzip"]
    if len(args) != 3 or not args[2].isdigit() or int(args[2]) < 1:
        raise SystemExit(__doc__.split("\n\n")[-1])
    sample_path, output_path, total = args[0], args[1], int(args[2])
    with open(sample_path, encoding="utf-8") as sample:
        records = [json.loads(line) for line in sample if line.strip()]
    if not records:
        raise SystemExit(f"generate.py: {sample_path} holds no records")

    # mtime=0 keeps the gzip header, and so the whole file, identical from run to run.
    compress = "--gzip" in sys.argv[1:]
    with (gzip.GzipFile(output_path, "wb", compresslevel=6, mtime=0) if compress else open(output_path, "wb")) as out:
        for index in range(total):
            copy, position = divmod(index, len(records))
            record = dict(records[position])
            record["id"] = new_id(index)
            if copy > 0:
                record["title"] = f"{record['title']} (copy {copy})"
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8"))
            out.write(b"\n")


if __name__ == "__main__":
    main()
