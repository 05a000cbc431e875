"""The store of release 0.1 (commit 342af92), exactly as its `metadata.create_all` made it.

Written out literally: this revision must not change when the code's field list or tables do.

A store made by that release has no alembic_version but has `schema_info` (version 1, or 2 once
the roles and closure tables were added). `rectification.store.migrate` lets such a store through
to this revision, which then creates only the tables it lacks (role_changes and verifications in a
version-1 store) instead of all of them: the rows already there stay as they are, and Alembic
records the store as 0001.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# schema_info's number for this schema in release 0.1 (2: role changes and closure verifications).
RELEASE_0_1_SCHEMA = 2


def _schema_info() -> None:
    op.create_table("schema_info", sa.Column("version", sa.Integer(), nullable=False))


def _versions() -> None:
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("in_progress", sa.Integer(), nullable=False),
        sa.Column("long_term", sa.Integer(), nullable=False),
        sa.Column("pending", sa.Integer(), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def _finding_contents() -> None:
    op.create_table(
        "finding_contents",
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("round", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("leader", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status_inferred", sa.Boolean(), nullable=True),
        sa.Column("deadline_term", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("digest"),
    )


def _version_findings() -> None:
    op.create_table(
        "version_findings",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("department", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["digest"], ["finding_contents.digest"]),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"]),
        sa.PrimaryKeyConstraint("version_id", "position"),
    )
    op.create_index("ix_version_findings_finding", "version_findings", ["finding_id", "version_id"])


def _role_changes() -> None:
    op.create_table(
        "role_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("departments", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_role_changes_identity", "role_changes", ["identity"])


def _verifications() -> None:
    op.create_table(
        "verifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("finding_id", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["digest"], ["finding_contents.digest"]),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_verifications_finding_id", "verifications", ["finding_id"])


# In dependency order: a table comes after the tables its foreign keys name.
_TABLES = {
    "schema_info": _schema_info,
    "versions": _versions,
    "finding_contents": _finding_contents,
    "version_findings": _version_findings,
    "role_changes": _role_changes,
    "verifications": _verifications,
}


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    # Only a store of release 0.1 (it has schema_info) keeps its tables; anywhere else a table of
    # ours that is already there is a mistake, and creating it fails loudly.
    kept = existing if "schema_info" in existing else set()
    for name, create in _TABLES.items():
        if name not in kept:
            create()
    # What release 0.1 recorded for this schema, in a new store and in one it brought from 1 to 2.
    schema_info = sa.table("schema_info", sa.column("version", sa.Integer()))
    op.execute(schema_info.delete())
    op.execute(schema_info.insert().values(version=RELEASE_0_1_SCHEMA))


def downgrade() -> None:
    for name in reversed(_TABLES):
        op.drop_table(name)
