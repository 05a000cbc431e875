"""The README's role setup works as written: its bash block, read out of README.md, run command by
command in an empty folder against a fresh SQLite store, as an operator would type it."""

import json
import os
import re
import subprocess
import sys

from tests.builders import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def role_setup_block() -> list[str]:
    """The lines of the first bash block under "## Sign-in and roles"."""
    section = README.split("## Sign-in and roles", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block, "the README's role setup has no bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readmes_role_setup_works_as_written_on_a_fresh_store(tmp_path):
    # `python` on PATH is this interpreter; the store is new; no setting of the caller's leaks in.
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "python").symlink_to(sys.executable)
    folder = tmp_path / "operator"
    folder.mkdir()
    ours = ("RECTIFICATION_", "DATABASE_URL")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    environment |= {
        "PATH": f"{shims}{os.pathsep}{environment.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}",
    }
    lines = role_setup_block()
    assert any(line.startswith("export RECTIFICATION_AUTH=") for line in lines)
    exports: list[str] = []
    for line in lines:
        if line.startswith("export "):
            exports.append(line)  # each later command runs with every export before it
            continue
        done = subprocess.run(
            ["bash", "-c", "\n".join([*exports, line])],
            cwd=folder, env=environment, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"
        assert "Traceback" not in done.stdout + done.stderr
    # What the block set up: an admin first, then the people it names, in the mode it chose.
    listed = subprocess.run(
        ["bash", "-c", "\n".join([*exports, "python -m rectification users list --json"])],
        cwd=folder, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    table = {m["identity"]: (m["role"], m["departments"]) for m in json.loads(listed.stdout)}
    assert table == {
        "wang@example.org": ("admin", ["*"]),
        "leader@example.org": ("viewer", ["*"]),
        "zhang@example.org": ("uploader", ["办公室"]),
        "li@example.org": ("inspector", ["*"]),
    }
    assert {m["changed_by"] for m in json.loads(listed.stdout)} == {"wang@example.org"}
