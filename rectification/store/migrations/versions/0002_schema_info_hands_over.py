"""schema_info says 3: from here on Alembic's alembic_version says which schema a store has.

schema_info is kept, not dropped, for release 0.1's sake: that release reads this one number on
start and refuses a store whose number is above its own 2 ("store schema 3 is newer than this
program"). Dropped, release 0.1 would create it afresh, write 2 and go on writing into a schema it
does not know, so someone who starts the old program on an upgraded store would be writing
versions without the columns later revisions add. Later revisions leave schema_info alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MANAGED_BY_ALEMBIC = 3  # above release 0.1's SCHEMA_VERSION (2), which therefore refuses the store
RELEASE_0_1_SCHEMA = 2

_schema_info = sa.table("schema_info", sa.column("version", sa.Integer()))


def upgrade() -> None:
    op.execute(_schema_info.update().values(version=MANAGED_BY_ALEMBIC))


def downgrade() -> None:
    op.execute(_schema_info.update().values(version=RELEASE_0_1_SCHEMA))
