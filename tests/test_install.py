"""The project installs as a package: `pip install .` into a fresh venv gives a working `rectification`
command, and the wheel holds the package only (not pages/, data/, bench/ or tests/).

The venv sees the dependencies already installed (--system-site-packages) and is built without its
own pip (the running interpreter's pip installs into it), so no dependency is downloaded. The build
runs without isolation when this interpreter has setuptools >= 70.1 (about 1.5 s); otherwise pip
fetches setuptools from the package index for an isolated build (about 5 s). Those tests are slow;
the last two, quick, hold pyproject.toml's ranges, requirements.txt's pins and requirements.lock
in agreement.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_ledger.xlsx"
# What a build reads; copied so that build/ and *.egg-info never land in the working tree.
SOURCES = ("pyproject.toml", "README.md", "rectification")
NOT_SHIPPED = ("pages", "data", "bench", "tests", "docs", "dashboard.py")
TIMEOUT = 180


def _setuptools_builds_offline() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    major, minor = (int(part) for part in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1)


def _show_this_environment(venv: Path) -> None:
    """--system-site-packages shows the base interpreter's packages. When the tests run in a venv of
    their own, the dependencies are in that one, so the new venv is shown its site-packages too
    (as plain paths after its own: no .pth file in them runs, so no editable install leaks in)."""
    if sys.prefix == sys.base_prefix:
        return
    here = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site,) = (venv / "lib").glob("python*/site-packages")
    (site / "_test_install_parent.pth").write_text("\n".join(here) + "\n", encoding="utf-8")


def _clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PIP_ROOT_USER_ACTION="ignore")
    return env


class Installed:
    def __init__(self, venv: Path, cwd: Path, env: dict[str, str]):
        self.venv, self.cwd, self.env = venv, cwd, env
        self.python = venv / "bin" / "python"
        self.script = venv / "bin" / "rectification"

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args], cwd=self.cwd, env=self.env, capture_output=True, text=True,
            timeout=TIMEOUT,
        )  # fmt: skip

    def site_packages(self) -> Path:
        out = self.run(self.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
        return Path(out.stdout.strip())

    def record(self) -> list[str]:
        """Every file the install wrote, from the dist-info's RECORD, relative to site-packages."""
        (dist_info,) = self.site_packages().glob("rectification-*.dist-info")
        lines = (dist_info / "RECORD").read_text(encoding="utf-8").splitlines()
        return [line.rsplit(",", 2)[0] for line in lines if line]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    venv, cwd, env = base / "venv", base / "elsewhere", _clean_environment()
    cwd.mkdir()
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True, timeout=TIMEOUT,
    )  # fmt: skip
    _show_this_environment(venv)
    isolation = ["--no-build-isolation"] if _setuptools_builds_offline() else []
    pip = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", *isolation, str(source)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return Installed(venv, cwd, env)


@pytest.mark.slow
def test_the_venv_imports_its_own_copy_not_the_source_tree(installed: Installed):
    out = installed.run(installed.python, "-c", "import rectification; print(rectification.__file__)")
    assert out.returncode == 0, out.stderr
    where = Path(out.stdout.strip())
    assert where.is_relative_to(installed.site_packages()), where
    assert not where.is_relative_to(ROOT)


@pytest.mark.slow
def test_check_runs_from_the_installed_script(installed: Installed):
    out = installed.run(installed.script, "check", SAMPLE, "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["accepted"] is True
    assert report["summary"]["total"] == 30


@pytest.mark.slow
def test_the_script_passes_main_s_exit_code_on(installed: Installed):
    assert "sys.exit(main())" in installed.script.read_text(encoding="utf-8")
    assert installed.run(installed.script, "--help").returncode == 0
    assert installed.run(installed.script, "check", "no-such-ledger.xlsx").returncode == 1
    assert installed.run(installed.script, "no-such-command").returncode == 2


@pytest.mark.slow
def test_only_the_package_is_installed(installed: Installed):
    files = installed.record()
    # Files outside site-packages (RECORD names them ../../../bin/…) are the script only.
    assert {f for f in files if f.startswith("..")} == {"../../../bin/rectification"}
    top_level = {Path(f).parts[0] for f in files if not f.startswith("..")}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"rectification"}
    site = installed.site_packages()
    assert [name for name in NOT_SHIPPED if (site / name).exists()] == []


@pytest.mark.slow
def test_package_data_is_installed(installed: Installed):
    files = set(installed.record())
    assert "rectification/web/favicon.png" in files
    # Every Alembic file of the source tree ships, whether or not its folder has an __init__.py.
    migrations = ROOT / "rectification" / "store" / "migrations"
    expected = {
        p.relative_to(ROOT).as_posix()
        for p in migrations.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".mako", ".ini")
    }
    assert expected - files == set()
    # And every module of the package, so none is left behind by discovery.
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "rectification").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert modules - files == set()


# The three lists of dependencies agree (quick: no venv).


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().rstrip("\\").strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {canonicalize_name(r.name): r for r in map(Requirement, project["dependencies"])}


def test_the_exact_pins_fall_in_the_package_s_ranges():
    declared = _declared()
    pins = _pins(ROOT / "requirements.txt")
    assert set(pins) - set(declared) == set()
    assert {name: v for name, v in pins.items() if v not in declared[name].specifier} == {}


def test_the_lock_holds_every_dependency_at_its_pinned_version():
    locked = _pins(ROOT / "requirements.lock")
    pins = _pins(ROOT / "requirements.txt")
    assert set(_declared()) - set(locked) == set()
    # A pin changed in requirements.txt without regenerating the lock (command in its header):
    assert {name: (v, locked.get(name)) for name, v in pins.items() if locked.get(name) != v} == {}
