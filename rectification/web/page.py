"""What every page does first: page config, language, our own navigation, the shared filters
kept in the URL, and the ledger with its as-of date. Pages then only lay out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from rectification.access import WRITES, Identity
from rectification.check_report import flag_line
from rectification.display import inert_markdown
from rectification.errors import Refusal
from rectification.filters import Filters
from rectification.labels import DEFAULT_LANG, LANGS, label
from rectification.ledger_version import LedgerVersion
from rectification.logs import fault_logged
from rectification.metrics import WARNING_LEVELS
from rectification.schema import STATUS_CODES
from rectification.settings import load_settings
from rectification.web.auth import signed_in
from rectification.web.source import current_ledger, sample_refused, stop_on, store_read_only
from rectification.web.viewport import ROOMY, main_width

# A file of ours, not a ":material/…:" icon: for those the browser fetches the favicon from
# fonts.gstatic.com, and nothing the app shows may make the browser call out.
FAVICON = str(Path(__file__).with_name("favicon.png"))
# (script, label key, icon, the action a role needs to use it): the order of the navigation.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("dashboard.py", "page.overview", ":material/dashboard:", "view"),
    ("pages/items.py", "page.items", ":material/list_alt:", "view"),
    ("pages/departments.py", "page.departments", ":material/apartment:", "view"),
    ("pages/upload.py", "page.upload", ":material/upload:", "merge"),
    ("pages/history.py", "page.history", ":material/history:", "view"),
    ("pages/report.py", "page.report", ":material/article:", "view"),
    ("pages/admin.py", "page.admin", ":material/manage_accounts:", "manage_users"),
)
_PAGE_ACTION = {key: action for _, key, _, action in PAGES}
_LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


@dataclass(frozen=True)
class PageContext:
    lang: str
    ledger: LedgerVersion  # on pages that do not need one, possibly None: the store may be empty
    filters: Filters
    arrived: bool  # first run on this page since the user came from another one
    identity: Identity  # who is signed in; the service layer asks it again at every write
    main_width: int = ROOMY  # px of the main column, as the browser last reported it

    @property
    def user(self) -> str:
        """Recorded as the author of what this session saves."""
        return self.identity.name

    def refusal(self, action: str) -> str | None:
        """Why this session may not do `action` now, or None when it may (to show before a
        button; the service layer decides again when it is pressed)."""
        refusal = self.identity.refusal(action)
        return refusal.message(self.lang) if refusal else None

    def said(self, refusal: Refusal) -> None:
        """Show a refusal from the service layer, in the reader's language (and log it when it
        names a fault of the machine: a read-only store, a full disk …)."""
        fault_logged(refusal, "the dashboard")
        # A refusal names files, departments and people: outside text, shown inert.
        st.error(inert_markdown(refusal.message(self.lang)), icon=":material/block:")

    def t(self, key: str, **params: Any) -> str:
        return label(key, self.lang, **params)


def setup_page(title_key: str, *, needs_ledger: bool = True) -> PageContext:
    """Draw the shared frame of a page and return what its body needs. A page that
    `needs_ledger` stops with a pointer to the upload page while the store is empty."""
    _no_table_downloads()
    arrived = st.session_state.get("_page") != title_key
    st.session_state["_page"] = title_key
    with st.sidebar:
        lang = url_widget(
            st.segmented_control,
            "lang",
            options=list(LANGS),
            default=DEFAULT_LANG,
            restore=arrived,
            label=label("app.language", st.session_state.get("_url_lang", DEFAULT_LANG)),
            format_func=_LANGUAGE_NAMES.get,
            label_visibility="collapsed",
            required=True,
        )
    st.set_page_config(
        page_title=f"{label(title_key, lang)} · {label('app.title', lang)}", page_icon=FAVICON, layout="wide"
    )
    try:
        # A bad setting, or a store this release cannot open or that cannot be reached (a fault
        # of the machine: store/faults.py), is a refusal with a message naming it, not a traceback.
        identity = signed_in(load_settings(), lang)
        ledger = current_ledger()
    except Refusal as refusal:
        stop_on(refusal)
    if any(identity.may(action) for action in WRITES) and store_read_only():
        # Reading works, so the pages do; say so before anyone fills in a form that cannot be saved.
        st.warning(label("store.read_only_notice", lang), icon=":material/lock:")
    with st.sidebar:
        st.markdown(f"### {label('app.title', lang)}")
        for script, key, page_icon, action in PAGES:
            if identity.may(action):
                st.page_link(script, label=label(key, lang), icon=page_icon, width="stretch")
        _who(identity, lang)
    if not identity.may(_PAGE_ACTION.get(title_key, "view")):
        # Checked on every run, not only in the navigation: a deep link gets here too.
        st.warning(label("auth.forbidden", lang, role=label(f"role.{identity.role}", lang)))
        st.stop()
    with st.sidebar:
        filters = _filters(ledger, lang, arrived) if ledger and needs_ledger else Filters()
        if ledger and ledger.version:
            version = ledger.version
            # The file's name is the uploader's: it could read as a link (issue 12).
            st.caption(
                inert_markdown(label(
                    "app.version", lang, version=version.id, file=version.source_file,
                    as_of=f"{ledger.as_of:%Y-%m-%d}",
                ))
            )  # fmt: skip
    if ledger is None and needs_ledger:
        if refused := sample_refused():
            # The sample's file name is the operator's, but shown as any other file's.
            message = label("app.sample_refused", lang, file=refused.file, count=len(refused.errors))
            st.error(inert_markdown(message))
            for flag in refused.errors[:10]:
                st.markdown("- " + inert_markdown(flag_line(flag.as_dict(lang), lang)))
        st.info(label("app.empty_store", lang))
        st.page_link("pages/upload.py", label=label("page.upload", lang), icon=":material/upload:")
        st.stop()
    with st.sidebar:  # at its bottom, where the probe's empty element does not show
        width = main_width()
    return PageContext(lang, ledger, filters, arrived, identity, width)


def _no_table_downloads() -> None:
    """Make sure no table offers its own CSV download. Exporting is a right of some roles only
    (the pages' export buttons); Streamlit's switch for the tables' download is one for all
    sessions (`client.disableDataExport`, set in .streamlit/config.toml), so a server started
    without that file, or with the switch turned off, has it turned on here, before anything is
    drawn, and the run starts again: the browser learns the switch at the start of each run."""
    if not st.get_option("client.disableDataExport"):
        st.set_option("client.disableDataExport", True)
        st.rerun()


def _who(identity: Identity, lang: str) -> None:
    if identity.mode == "local":
        st.caption(label("auth.local_note", lang))
        if refusal := identity.refusal("merge"):
            st.error(inert_markdown(refusal.message(lang)))
        return
    role = label(f"role.{identity.role}", lang)
    # The name is the identity provider's claim or the proxy's header value: outside text.
    st.caption(inert_markdown(label("auth.signed_in_as", lang, name=identity.name, role=role)))
    if identity.mode == "oidc":
        st.button(label("auth.sign_out", lang), on_click=st.logout, key="sign_out")


def url_widget(
    widget: Callable[..., Any],
    key: str,
    *,
    options: Sequence[str] | None = None,
    default: Any = None,
    restore: bool = False,
    **kwargs: Any,
) -> Any:
    """A widget whose value lives in the URL under `key`, so any view is a link one can send.

    Why not `bind="query-params"`: it writes the word shown ("?status=推进中") rather than the
    code, so links break when the language changes, and a widget on a newly opened page
    starts from its default. Here the URL holds codes, the value is read from the URL once per
    session, kept in session state across pages (`restore` on arrival), and written back."""
    multi = isinstance(default, list)
    kept = f"_url_{key}"
    # A link that names the value (st.page_link with query_params) wins over the kept one.
    if kept not in st.session_state or (restore and key in st.query_params):
        st.session_state[kept] = _from_url(key, options, default, multi)
    if restore or key not in st.session_state:
        value = st.session_state[kept]
        st.session_state[key] = [v for v in value if options is None or v in options] if multi else value
    if options is not None:
        kwargs["options"] = options
    value = widget(key=key, **kwargs)
    st.session_state[kept] = value
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = [str(v) for v in value] if multi else _url_text(value)
    return value


def _url_text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _from_url(key: str, options: Sequence[str] | None, default: Any, multi: bool) -> Any:
    values = [v for v in st.query_params.get_all(key) if options is None or v in options]
    if multi:
        return values
    if isinstance(default, bool):
        return values[0].lower() in ("1", "true", "yes") if values else default
    return values[0] if values else default


def _filters(ledger: LedgerVersion, lang: str, arrived: bool) -> Filters:
    """The shared sidebar filters, each kept in the URL under its key (DESIGN.md §4)."""
    st.markdown(f"**{label('filter.heading', lang)}**")
    choices: list[tuple[str, list[str], Callable[[str], str]]] = []
    if rounds := ledger.options("round"):
        choices.append(("round", rounds, str))
    if len(units := ledger.options("unit")) > 1:  # a whole round's ledger: one unit at a time
        choices.append(("unit", units, str))
    choices += [
        ("category", ledger.options("category"), str),
        ("department", ledger.options("department"), str),
    ]
    if supporting := ledger.options("supporting"):  # only where some cell names a 配合 unit
        choices.append(("supporting", supporting, str))
    choices += [
        ("status", list(STATUS_CODES), lambda code: label(f"status.{code}", lang)),
        ("warning", list(WARNING_LEVELS), lambda level: label(f"warning.{level}", lang)),
    ]
    chosen = {
        name: tuple(
            url_widget(
                st.multiselect,
                name,
                options=options,
                default=[],
                restore=arrived,
                label=label(f"filter.{name}", lang),
                format_func=shown,
                placeholder=label("filter.any", lang),
            )
        )
        for name, options, shown in choices
    }
    q = url_widget(
        st.text_input,
        "q",
        default="",
        restore=arrived,
        label=label("filter.q", lang),
        placeholder=label("filter.q_placeholder", lang),
    )
    return Filters(**chosen, q=q.strip())
