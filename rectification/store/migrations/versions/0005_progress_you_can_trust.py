"""Progress you can trust (issue 13): how each version's as-of date was decided, who reported
when, deadline extensions (延期申请) and their decisions, problems reopened after 销号 (回头看),
and the quiet changes (变化核查) found when each version was saved.

Every new table is a log, only ever appended to: an extension's state is its latest decision, a
reopening holds for the content it was made on (as a verification does).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # NULL in versions saved before: their as-of dates were taken as given, however decided.
    op.add_column("versions", sa.Column("as_of_source", sa.String(16), nullable=True))
    op.create_table(
        "department_reports",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("department", sa.Text, primary_key=True),
        sa.Column("reported_on", sa.Date, nullable=False),
    )
    op.create_table(
        "extensions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("finding_id", sa.Text, nullable=False, index=True),
        sa.Column("measure_id", sa.Text, nullable=False),
        sa.Column("department", sa.Text, nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("old_deadline", sa.Date),
        sa.Column("old_term", sa.Text, nullable=False),
        sa.Column("new_deadline", sa.Date),
        sa.Column("new_term", sa.Text, nullable=False),
        sa.Column("later", sa.Boolean, nullable=False),
        sa.Column("needs_approval", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "extension_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("extension_id", sa.Integer, sa.ForeignKey("extensions.id"), nullable=False, index=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "reopenings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("finding_id", sa.Text, nullable=False, index=True),
        sa.Column("digest", sa.String(32), sa.ForeignKey("finding_contents.digest"), nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("reopened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reopened_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "quiet_changes",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("finding_id", sa.Text, nullable=False),
        sa.Column("measure_id", sa.Text, nullable=False),
        sa.Column("department", sa.Text, nullable=False),
        sa.Column("before", sa.Text, nullable=False),
        sa.Column("after", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("quiet_changes", "reopenings", "extension_decisions", "extensions", "department_reports"):
        op.drop_table(name)
    with op.batch_alter_table("versions") as table:
        table.drop_column("as_of_source")
