"""Alembic's environment for the store, run by `rectification.store.migrate` only.

That module opens the store's writer transaction (SQLite BEGIN IMMEDIATE, PostgreSQL an advisory
lock) and passes its connection in `config.attributes["connection"]`; the revisions run inside that
one transaction, so an upgrade lands whole or not at all and two servers starting at once take
turns. There is no alembic.ini and no URL here: the program that opens the store decides which
store it is. Offline (--sql) mode is not supported.
"""

from alembic import context

from rectification.store.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("store migrations run through rectification.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite alters most things by copying the table; batch mode writes revisions that way.
    render_as_batch=connection.dialect.name == "sqlite",
    # SQLite's DDL is transactional too: the revisions and the version stamp commit together.
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
