"""The DuckDB store: schema and migrations (``schema.py``), writer and queries (``db.py``).

    from newsevents.store import open_db
    with open_db("events.duckdb") as store:
        run_id = store.begin_run("my import")
        store.write(result, run_id=run_id)      # False when the article is already stored
        store.finish_run(run_id, summary)
        store.events(dyad="RUS,IRN", type="04", since="2017-01-01")
"""

from __future__ import annotations

from newsevents.store.db import Store, event_ids, open_db, period
from newsevents.store.schema import QUAD_CLASS_NAMES, SCHEMA_VERSION

__all__ = ["QUAD_CLASS_NAMES", "SCHEMA_VERSION", "Store", "event_ids", "open_db", "period"]
