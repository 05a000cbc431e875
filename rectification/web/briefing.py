"""The overview as a one-page A4 briefing for the meeting (issue 14, part 5; decision 50).

The browser prints it: a print stylesheet hides the sidebar, the app's own bars and every block
the page marks `not_in_briefing`, lets the page run its full length instead of scrolling inside
the window, and sets the paper. What is printed is what the leader sees on screen (the same
figures, the same charts as vectors), with nothing generated on the server and nothing new to
install; a button opens the browser's print dialog, where "save as PDF" gives a file.
"""

from __future__ import annotations

import streamlit as st

# Containers whose key starts with this are left off the printed page (Streamlit gives a keyed
# container the class "st-key-<key>").
NOT_IN_BRIEFING = "not_in_briefing"

PRINT_STYLESHEET = f"""
<style>
@media print {{
  @page {{ size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], [class*="st-key-{NOT_IN_BRIEFING}"],
  /* a grid's cell that holds only such a block, so no empty cell keeps its place */
  *:has(> [class*="st-key-{NOT_IN_BRIEFING}"]:only-child) {{
    display: none !important;
  }}
  /* The app scrolls inside the window; on paper it runs its full length. */
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important;
  }}
  [data-testid="stMainBlockContainer"] {{
    padding: 0 !important; max-width: none !important; zoom: 0.62;
  }}
  [data-testid="stVerticalBlockBorderWrapper"], .stPlotlyChart {{ break-inside: avoid; }}
  * {{ -webkit-print-color-adjust: exact !important; print-color-adjust: exact !important; }}
}}
</style>
"""

_BUTTON_HTML = """
<button type="button" class="briefing"></button>
"""

_BUTTON_CSS = """
.briefing {
  font: inherit;
  font-family: var(--st-font);
  font-size: 0.875rem;
  color: var(--st-text-color);
  background: var(--st-background-color);
  border: 1px solid var(--st-border-color);
  border-radius: var(--st-button-radius);
  padding: 0.35rem 0.75rem;
  cursor: pointer;
}
.briefing:hover { border-color: var(--st-primary-color); color: var(--st-primary-color); }
"""

_BUTTON_JS = """
export default function (component) {
  const { data, parentElement } = component
  const button = parentElement.querySelector("button")
  if (!button) return
  button.textContent = data.label
  button.title = data.help
  button.onclick = () => window.print()
}
"""

_PRINT_BUTTON = st.components.v2.component(
    "rectification_print_briefing", html=_BUTTON_HTML, css=_BUTTON_CSS, js=_BUTTON_JS
)


def briefing_print(label_text: str, help_text: str) -> None:
    """The print stylesheet, and a button that opens the browser's print dialog. The button is
    the browser's own: printing sends nothing to the server."""
    st.html(PRINT_STYLESHEET)
    with st.container(key=f"{NOT_IN_BRIEFING}_print", width="content"):
        _PRINT_BUTTON(key="briefing_print", data={"label": label_text, "help": help_text}, width="content")
