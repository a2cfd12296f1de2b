"""One taxonomy module: ACLED's vocabularies are read from sucesos/data/ once, and nowhere written out again."""

from __future__ import annotations

import re
from pathlib import Path

from sucesos import taxonomy

PACKAGE = Path(taxonomy.__file__).parent


def test_the_taxonomy_is_acleds():
    assert len(taxonomy.EVENT_TYPES) == 6 and len(taxonomy.SUB_EVENT_TYPES) == 25
    assert set(taxonomy.SUB_EVENT_TYPES.values()) == set(taxonomy.EVENT_TYPES)
    assert taxonomy.INTER_CODES[1] == "State forces" and taxonomy.INTER_CODES[8] == "External/Other forces"
    assert taxonomy.ARMED_INTERS < set(taxonomy.INTER_LABELS)
    assert taxonomy.HAPPENED_MODALITIES < set(taxonomy.MODALITIES)
    assert set(taxonomy.TYPE_FAMILIES) == set(taxonomy.EVENT_TYPES)
    assert taxonomy.LANGUAGES == ("en", "es")


def _code_files():
    for path in PACKAGE.rglob("*.py"):
        if path.name != "taxonomy.py":
            yield path, path.read_text(encoding="utf-8")


def test_no_module_loads_or_retypes_the_taxonomy():
    """A second loader or a retyped list drifts from the data: import from sucesos.taxonomy instead."""
    patterns = {
        "loads event_types.yaml": re.compile(r"""(joinpath|_read|open)\(\s*["']event_types\.yaml"""),
        "retypes the interaction labels": re.compile(r'"Rebel group",\s*"Political militia"'),
        "retypes the sub-event types": re.compile(r'"Armed clash":\s*"Battles"'),
        "retypes the modalities": re.compile(r'"asserted",\s*"reported",\s*"claimed",\s*"hypothetical"'),
        "retypes the languages": re.compile(r'\(\s*(None,\s*)?"en",\s*"es"\s*\)'),
    }
    found = [f"{path.relative_to(PACKAGE)} {what}" for path, text in _code_files() for what, pattern in patterns.items() if pattern.search(text)]
    assert found == []


def test_the_cli_and_the_web_hold_no_sql():
    """They call store, link and read-model functions; SQL lives in sucesos/store (and sucesos/link)."""
    found = [
        str(path.relative_to(PACKAGE))
        for folder in ("cli", "web")
        for path in (PACKAGE / folder).glob("*.py")
        if re.search(r"\.execute(many)?\(", path.read_text(encoding="utf-8"))
    ]
    assert found == []
