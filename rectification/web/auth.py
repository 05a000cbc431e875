"""Who is at the screen, decided on every run of every page, in the configured sign-in mode.

- local: the server listens on this computer only; the one person at the keyboard is admin.
  If the server listens on any other address, every write is refused.
- oidc: `st.login` against the organisation's identity provider; the identity's claim (email
  by default) is looked up in the role table. Unknown identities get a polite page, nothing else.
- proxy: a trusted reverse proxy authenticates and passes the user in a header, read only here.

No mode reads another mode's source: a forged proxy header means nothing in local or oidc mode.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from rectification.access import ALL_DEPARTMENTS, Identity, normalise_identity
from rectification.display import inert_markdown
from rectification.labels import label
from rectification.settings import Settings
from rectification.store.roles import lookup
from rectification.web.source import the_store

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def request_headers() -> Mapping[str, str]:
    """The headers of the browser's connection (a seam tests replace: AppTest has none)."""
    return st.context.headers


def server_address() -> str:
    """The address the server listens on; empty means every address."""
    return (st.get_option("server.address") or "").strip()


def signed_in(settings: Settings, lang: str) -> Identity:
    """The identity for this run, or a page that explains why there is none (and stops)."""
    mode = settings.auth_mode  # one of settings.AUTH_MODES: load_settings refuses anything else
    if mode == "local":
        address = server_address()
        exposed = "" if address in LOOPBACK else (address or "0.0.0.0")
        # In the role table's one form, as the command line names the same person in local mode.
        name = normalise_identity(settings.local_user)
        return Identity(name, "admin", frozenset({ALL_DEPARTMENTS}), "local", exposed)
    if mode == "oidc":
        return _oidc(settings, lang)
    return _proxy(settings, lang)


def _oidc(settings: Settings, lang: str) -> Identity:
    if not st.user.is_logged_in:
        st.title(label("app.title", lang))
        st.info(label("auth.please_sign_in", lang))
        st.button(label("auth.sign_in", lang), on_click=st.login, type="primary", key="sign_in")
        st.stop()
    claim = str(st.user.get(settings.auth_claim) or "")
    identity = lookup(the_store(), claim, "oidc")
    if identity is None:
        _not_known(claim, lang)
        st.button(label("auth.sign_out", lang), on_click=st.logout, key="sign_out")
        st.stop()
    return identity


def _proxy(settings: Settings, lang: str) -> Identity:
    claim = request_headers().get(settings.proxy_header, "")
    identity = lookup(the_store(), claim, "proxy")
    if identity is None:
        _not_known(claim, lang)
        st.stop()
    return identity


def _not_known(claim: str, lang: str) -> None:
    st.title(label("app.title", lang))
    if claim:
        # The claim is the identity provider's or the proxy header's value: outside text.
        st.warning(inert_markdown(label("auth.unknown", lang, identity=claim)))
    else:
        st.warning(label("auth.no_identity", lang))
