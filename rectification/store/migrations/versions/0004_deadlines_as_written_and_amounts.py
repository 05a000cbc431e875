"""Deadlines keep how they were written, and audit ledgers their amounts (issue 11).

finding_contents gains `deadline_written` (a deadline written in words, "6月底前", beside the date
read), `milestones` (the earlier dates of a cell naming several), `amount` and `amount_rectified`
(涉及金额, 已整改金额, in 万元, as text). All are empty (NULL in rows written before) where a
sheet has none: such rows keep their digests.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADDED = ("deadline_written", "milestones", "amount", "amount_rectified")


def upgrade() -> None:
    for name in _ADDED:
        op.add_column("finding_contents", sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("finding_contents") as table:  # SQLite before 3.35 cannot drop
        for name in reversed(_ADDED):
            table.drop_column(name)
