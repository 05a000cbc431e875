"""How wide the page's main column is, as the browser reports it (issue 14).

Streamlit's script never learns the window's size, yet a table's columns are set in Python: at
800 px the item table showed four and a half of its eight columns. A small component measures
the main column in the browser and reports it in steps of STEP px, and only when it differs
from what the page assumed, so a wide screen never reruns for it and a narrower one reruns
once per session (the width is kept in the session, not in the component's own state, which
Streamlit drops when the user moves to another page).
"""

from __future__ import annotations

import streamlit as st

# The main column of a 1,400 px window beside the sidebar, where every column of the item table
# fits: what a page assumes until the browser says, and all a wider screen reports, so a window
# of 1,400 px or more never reruns for it.
ROOMY = 920
STEP = 20
_SESSION_KEY = "_main_width"
_COMPONENT_KEY = "main_width_probe"

_JS = """
export default function (component) {
  const { data, parentElement, setStateValue } = component
  const main = document.querySelector('[data-testid="stMainBlockContainer"]')
  if (!main) return
  const report = () => {
    // The content box: what the page's elements may take, without the column's padding.
    const style = getComputedStyle(main)
    const inner = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    const measured = Math.floor(inner / data.step) * data.step
    const width = Math.min(data.roomy, measured)
    if (width > 0 && width !== data.width) setStateValue("width", width)
  }
  // One observer per mount: the function runs again on every rerun with that run's data.
  if (parentElement.__mainWidthObserver) parentElement.__mainWidthObserver.disconnect()
  const observer = new ResizeObserver(report)
  observer.observe(main)
  parentElement.__mainWidthObserver = observer
  report()
  return () => observer.disconnect()
}
"""

_PROBE = st.components.v2.component("rectification_main_width", html="<span></span>", js=_JS)


def _reported() -> None:
    reported = st.session_state[_COMPONENT_KEY]["width"]
    if isinstance(reported, (int, float)) and reported > 0:
        st.session_state[_SESSION_KEY] = int(reported)


def main_width() -> int:
    """The main column's width in px as last reported (ROOMY until the browser has said), and
    the probe that reports it. Call once per run, where an empty element does not show (the
    bottom of the sidebar)."""
    known = int(st.session_state.get(_SESSION_KEY, ROOMY))
    _PROBE(
        key=_COMPONENT_KEY,
        data={"width": known, "roomy": ROOMY, "step": STEP},
        height=0,
        on_width_change=_reported,
    )
    return known
