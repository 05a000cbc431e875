"""Problems keep their measures: finding_contents gains `supporting` and `tasks` (issue 10).

`supporting` holds the units named 配合 beside a problem's lead department; `tasks` holds the
problem's measures (整改任务) as canonical JSON when it has several, each with its own lead
department, deadline and status. Both are empty (NULL in rows written before) for a problem kept
as one row, which is one measure: such rows keep their digests, so nothing stored changes meaning.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: no copy of the table, however many rows it holds.
    op.add_column("finding_contents", sa.Column("supporting", sa.Text(), nullable=True))
    op.add_column("finding_contents", sa.Column("tasks", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("finding_contents") as table:  # SQLite before 3.35 cannot drop
        table.drop_column("tasks")
        table.drop_column("supporting")
