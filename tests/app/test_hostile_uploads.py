"""The upload page gives every file of the hostile corpus (tests/hostile_corpus.py) its decided
outcome: a refusal that says why and offers nothing to save, or a preview with the confirm
button; never an exception, never a traceback."""

from pathlib import PurePath

import pytest
from streamlit import config

from rectification.sheets import UPLOAD_TYPES
from tests.hostile.test_corpus import NAMES, said_nothing_forbidden


def page_text(at) -> str:
    """Every text the page shows: messages, markdown, captions and the tables' cells."""
    texts = [
        e.value
        for kind in ("error", "warning", "info", "success", "markdown", "caption")
        for e in at.get(kind)
    ]
    texts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(str(t) for t in texts)


@pytest.mark.parametrize("name", NAMES)
def test_the_upload_page_gives_each_file_its_decided_outcome(name, hostile_files, app, fresh_store):
    hostile, content, _ = hostile_files[name]
    # What the uploader itself never lets through (Streamlit refuses it in the browser and at
    # its upload endpoint, which AppTest bypasses): a kind it does not offer, or a file over
    # server.maxUploadSize. Each is a refusal the corpus decided, checked here as such.
    if PurePath(name).suffix.lower().lstrip(".") not in UPLOAD_TYPES:
        assert not hostile.accepted
        return
    if len(content) > config.get_option("server.maxUploadSize") * 2**20:
        assert not hostile.accepted and "over_upload_limit" in hostile.tags
        return
    app.run()
    at = app.switch_page("pages/upload.py").run()
    at.segmented_control(key="upload_mode").set_value("replace").run()
    at.file_uploader[0].upload(name, content).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = page_text(at)
    said_nothing_forbidden(shown)
    confirm = [b for b in at.button if b.key == "upload_confirm"]
    if hostile.accepted:
        assert confirm, shown[-1500:]
    else:
        assert not confirm
        assert at.error, shown[-1500:]
    for words in hostile.says:
        assert words in shown
