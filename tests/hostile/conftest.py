"""The corpus runs against SQLite and PostgreSQL as the store tests do."""

from tests.store.conftest import store_url  # noqa: F401 (the fixture: SQLite, then PostgreSQL)
