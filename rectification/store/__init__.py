"""The store: versions of the ledger, the role table and closure verifications, all append-only.

`versions` keeps the ledger's versions, `roles` the role table, `closure` the verifications (销号);
`log` has the one query they share (an append-only log's latest entry per key), `tables` the
tables themselves and `migrations/` the Alembic revisions that create and change them."""

from .tables import connect, metadata
from .versions import Store, Version

__all__ = ["Store", "Version", "connect", "metadata"]
