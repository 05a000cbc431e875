"""The functional core stays free of the screen: only rectification/web may import streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import ROOT

PACKAGE = ROOT / "rectification"


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "web" not in p.relative_to(PACKAGE).parts]


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_streamlit():
    offenders = [p.name for p in core_modules() if "streamlit" in imported_names(p)]
    assert offenders == []


def test_importing_the_whole_core_does_not_load_streamlit():
    modules = [
        "rectification." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in core_modules()
        # Alembic loads revisions and env.py by path, inside a migration; they are not modules.
        if p.name != "__init__.py" and "migrations" not in p.parts
    ]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


PAGE_FILES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
# What a page file may not touch: pages lay out and ask rectification/web named questions.
PANDAS_ATTRIBUTES = {"iloc", "loc", "iterrows", "groupby", "merge", "apply", "argsort", "nunique", "to_numpy"}
STORE_NAMES = {"the_store", "Store", "open_store"}


def page_offences(path: Path) -> list[str]:
    offences = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and (
                node.module.startswith("rectification.store")
                or node.module in ("pandas", "numpy", "sqlalchemy")
            )
        ):
            offences.append(f"imports {node.module}")
        elif isinstance(node, ast.Import) and any(
            a.name in ("pandas", "numpy", "sqlalchemy") for a in node.names
        ):
            offences.append("imports pandas, numpy or sqlalchemy")
        elif isinstance(node, ast.Attribute) and node.attr in PANDAS_ATTRIBUTES:
            offences.append(f"uses .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in STORE_NAMES:
            offences.append(f"calls {node.id}")
    return offences


@pytest.mark.parametrize("path", PAGE_FILES, ids=[p.name for p in PAGE_FILES])
def test_a_page_file_holds_no_pandas_expression_and_no_store_call(path):
    assert page_offences(path) == []


def test_the_page_check_would_catch_a_pandas_expression_and_a_store_call(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("from rectification.web.source import the_store\nrows = findings.iloc[0]\nthe_store()\n")
    assert sorted(page_offences(page)) == ["calls the_store", "uses .iloc"]
