"""The supply chain, in place of a vulnerability database that cannot be reached here: every
dependency pinned with its files' hashes (requirements/*.lock, installed by both README
scripts with --require-hashes), the locks agreeing with pyproject.toml, this environment
installed from them, and every dependency's licence compatible with the project's own."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LOCKS = REPO / "requirements"
# Licences whose terms let their code be combined into an AGPL-3.0-or-later work.
COMPATIBLE = {
    "MIT", "MIT-0", "MIT-CMU", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "ISC", "Zlib", "CC0-1.0", "Unlicense",
    "Apache-2.0", "PSF-2.0", "MPL-2.0", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later",
    "GPL-2.0-or-later", "GPL-3.0-or-later", "AGPL-3.0-or-later",
    "LicenseRef-Public-Domain", "LicenseRef-Matplotlib",     # permissive: public domain; PSF-style
}


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """{name: (version, number of hashes)} of a pip-compile lock file."""
    pins, current = {}, None
    for line in lock.read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9][A-Za-z0-9_.\-]*)==(\S+)", line)
        if found:
            current = canonicalize_name(found.group(1))
            pins[current] = (found.group(2), 0)
        elif current and "--hash=sha256:" in line:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def _requirements():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"]], [Requirement(r) for r in project["optional-dependencies"]["test"]]


def test_the_locks_pin_every_requirement_with_hashes():
    base, test = _pins(LOCKS / "base.lock"), _pins(LOCKS / "test.lock")
    runtime, testing = _requirements()
    for lock, requirements in ((base, runtime), (test, runtime + testing)):
        for requirement in requirements:
            name = canonicalize_name(requirement.name)
            assert name in lock, f"{name} is in pyproject.toml but not in the lock"
            assert requirement.specifier.contains(lock[name][0], prereleases=True), (name, lock[name][0])
        assert all(hashes for _, hashes in lock.values()), [n for n, (_, h) in lock.items() if not h]
    assert {n: v for n, (v, _) in base.items()} == {n: test[n][0] for n in base}, "the locks disagree"


def test_this_environment_is_installed_from_the_lock():
    wrong = {}
    for name, (version, _) in _pins(LOCKS / "test.lock").items():
        try:
            installed = distribution(name).version
        except PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (installed, version)
    assert wrong == {}


def _licences() -> dict[str, tuple[str, str]]:
    entries = {}
    for line in (LOCKS / "licences.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version, expression, _note = (part.strip() for part in line.split("|"))
            entries[canonicalize_name(name)] = (version, expression)
    return entries


def _compatible(expression: str) -> bool:
    """An SPDX expression without parentheses: every AND part has an OR choice we may take."""
    return all(any(choice.strip() in COMPATIBLE for choice in part.split(" OR "))
               for part in expression.split(" AND "))


def test_every_dependency_has_a_licence_compatible_with_agpl():
    pins = {**_pins(LOCKS / "base.lock"), **_pins(LOCKS / "test.lock")}
    licences = _licences()
    assert set(licences) == set(pins), (set(pins) - set(licences), set(licences) - set(pins))
    assert {n: v for n, (v, _) in licences.items()} == {n: v for n, (v, _) in pins.items()}
    assert [n for n, (_, expression) in licences.items() if not _compatible(expression)] == []
    declared = {}
    for name, (_, expression) in licences.items():
        metadata = distribution(name).metadata
        if metadata.get("License-Expression") and metadata["License-Expression"] != expression:
            declared[name] = (metadata["License-Expression"], expression)
    assert declared == {}, "the list differs from what the package declares"


@pytest.mark.parametrize("expression, ok", [("MIT", True), ("GPL-2.0-only", False), ("SSPL-1.0 OR MIT", True),
                                            ("MIT AND GPL-2.0-only", False), ("LicenseRef-Proprietary", False)])
def test_the_licence_rule_itself(expression, ok):
    assert _compatible(expression) is ok
