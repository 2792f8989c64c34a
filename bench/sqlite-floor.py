#!/usr/bin/env python3
"""What SQLite alone costs to build an event store, with no JSON parsing at all.

Copies every row of an ingested store (DB, made by `trailgate logs ingest`) into a fresh database with the same
schema, then builds the same indexes, timing each step. The copy is a plain INSERT ... SELECT (the `WHERE 1` keeps
SQLite from copying raw records), in one transaction, with no journal, so it is a lower bound for inserting these
rows through SQLite's single writer: whatever parses the JSON, an ingest into one SQLite file cannot be faster than
this on the same machine.

  python3 bench/sqlite-floor.py DB [SCRATCH_DIR]

Prints `rows_seconds=… indexes_seconds=… total_seconds=…` and one line per index.
"""
import os
import sqlite3
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    source = sys.argv[1]
    scratch = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(source))
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as db:
        table = db.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'events'").fetchone()[0]
        indexes = db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' "
                             "AND sql IS NOT NULL ORDER BY rowid").fetchall()
    # Warm the operating system's cache, as the ingest's own reads are.
    with open(source, "rb") as handle:
        while handle.read(1 << 24):
            pass

    fd, target = tempfile.mkstemp(suffix=".db", dir=scratch)
    os.close(fd)
    os.unlink(target)
    try:
        db = sqlite3.connect(target, isolation_level=None)
        for pragma in ("page_size = 16384", "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144",
                       "temp_store = MEMORY", "threads = 2"):
            db.execute(f"PRAGMA {pragma}")
        db.execute(table)
        db.execute("ATTACH DATABASE ? AS source", (f"file:{source}?mode=ro",))
        started = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT OR IGNORE INTO main.events SELECT * FROM source.events WHERE 1")
        db.execute("COMMIT")
        rows_seconds = time.perf_counter() - started
        count = db.execute("SELECT count(*) FROM main.events").fetchone()[0]
        index_seconds = []
        for name, sql in indexes:
            started = time.perf_counter()
            db.execute(sql)
            index_seconds.append((name, time.perf_counter() - started))
        db.close()
    finally:
        for suffix in ("", "-journal"):
            if os.path.exists(target + suffix):
                os.unlink(target + suffix)
    indexes_total = sum(seconds for _, seconds in index_seconds)
    print(f"sqlite {sqlite3.sqlite_version}: {count} rows")
    for name, seconds in index_seconds:
        print(f"index={name} seconds={seconds:.2f}")
    print(f"rows_seconds={rows_seconds:.2f} indexes_seconds={indexes_total:.2f} total_seconds={rows_seconds + indexes_total:.2f}")


if __name__ == "__main__":
    main()
