"""Chasing (issue 16): the departments' contacts (经办人, 分管领导, 主要负责人 with e-mail and
office-chat robot) as a log of changes, the record of every reminder sent or failed, and the
claims that keep two runs at once from sending the same copy.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.Text, nullable=False),
        sa.Column("department", sa.Text, nullable=False, index=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("robot", sa.String(16), nullable=False),
        sa.Column("webhook", sa.Text, nullable=False),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sent_on", sa.Date, nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("department", sa.Text, nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error_kind", sa.String(16), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("measures", sa.Text, nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
    )
    op.create_table(
        "reminder_claims",
        sa.Column("sent_on", sa.Date, primary_key=True),
        sa.Column("department", sa.Text, primary_key=True),
        sa.Column("level", sa.String(8), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(8), primary_key=True),
        sa.Column("recipient", sa.Text, primary_key=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminder_claims")
    op.drop_table("reminders")
    op.drop_table("contact_changes")
