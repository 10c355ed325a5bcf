"""The DuckDB store: ``Store`` and ``open_db`` (``db.py``), put together from its connection
(``connection.py``), writer (``writer.py``), reads (``queries.py``) and layout (``layout.py``);
the table rows (``rows.py``), the schema and migrations (``schema.py``), the one event filter
(``filters.py``), the explorer's queries (``explorer.py``) and Parquet files (``parquet.py``).

    from newsevents.store import open_db
    with open_db("events.duckdb") as store:
        run_id = store.begin_run("my import")
        store.write(result, run_id=run_id)      # False when the article is already stored
        store.finish_run(run_id, summary)
        store.events(dyad="RUS,IRN", type="04", since="2017-01-01")
        store.events(EventFilter(dyad="RUS,IRN", cameo="04", since="2017"), limit=None)
"""

from __future__ import annotations

from newsevents.store.db import Store, event_ids, open_db, period
from newsevents.store.filters import EventFilter
from newsevents.store.schema import QUAD_CLASS_NAMES, SCHEMA_VERSION

__all__ = ["QUAD_CLASS_NAMES", "SCHEMA_VERSION", "EventFilter", "Store", "event_ids", "open_db", "period"]
