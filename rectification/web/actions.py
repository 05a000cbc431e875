"""What the pages' buttons do: each is a service-layer write on the app's store, which checks the
acting identity itself. Pages call these and show the result or the refusal."""

from __future__ import annotations

from rectification import service
from rectification.access import Identity
from rectification.reminders import Contact
from rectification.store import Version
from rectification.store.closure import Verification
from rectification.web.source import the_store


def save_proposal(proposal: service.Proposal, identity: Identity, **kwargs: object) -> Version | None:
    """Save a previewed upload, notice or restore (service.accept checks everything again)."""
    return service.accept(the_store(), proposal, identity, **kwargs)


def decide_extension(extension_id: int, decision: str, identity: Identity, *, note: str) -> None:
    """Approve or reject a pending deadline extension (延期申请)."""
    service.decide_extension(the_store(), extension_id, decision, identity, note=note)


def reopen_problem(finding_id: str, identity: Identity, *, reason: str) -> object:
    """Reopen a verified-closed problem (回头看) with a reason."""
    return service.reopen(the_store(), finding_id, identity, reason=reason)


def verify_closure(finding_id: str, identity: Identity, *, note: str, evidence: str) -> Verification:
    """Record a closure verification (销号) of the finding as it stands now."""
    return service.verify(the_store(), finding_id, identity, note=note, evidence=evidence)


def set_member(member: str, role: str, departments: tuple[str, ...], identity: Identity) -> None:
    """Add a person to the role table or change their role."""
    service.set_member(the_store(), member, role, departments, identity)


def remove_member(member: str, identity: Identity) -> bool:
    """Take a person out of the role table."""
    return service.remove_member(the_store(), member, identity)


def send_reminders(identity: Identity) -> service.ChaseRun:
    """Send today's reminders now (service.chase checks the role and records every copy)."""
    from datetime import datetime

    from rectification.settings import load_settings

    return service.chase(the_store(), identity, load_settings(), now=datetime.now(), dry_run=False)


def set_contact(contact: Contact, identity: Identity) -> Contact:
    """Enter or replace one department's contact."""
    (entered,) = service.set_contacts(the_store(), [contact], identity, keep=True)
    return entered


def import_contacts(content: bytes, filename: str, identity: Identity) -> list[Contact]:
    """Enter every contact of a sheet, or none (BadContacts naming each bad cell)."""
    return service.import_contacts(the_store(), content, filename, identity)


def remove_contact(department: str, role: str, identity: Identity) -> bool:
    return service.remove_contact(the_store(), department, role, identity)
