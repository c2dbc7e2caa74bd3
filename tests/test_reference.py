"""The reference files: valid as shipped, and a broken row is named by file, line, column and rule."""

from __future__ import annotations

import shutil

import pytest

from dashboard.build import reference
from dashboard.paths import REFERENCE


def test_shipped_facts_are_valid():
    reference.validate_facts(REFERENCE / "facts.csv")
    assert reference.fact("reg_households_2014") == 29_480_000


@pytest.mark.parametrize(("old", "new", "message"), [
    (",建档立卡贫困村数,128000,", ",建档立卡贫困村数,lots,", "line 2, column value: .lots. is not a number"),
    (",A,true,", ",D,true,", "column confidence: 'D' is not one of A, B, C"),
])
def test_a_broken_row_is_named(tmp_path, old, new, message):
    path = tmp_path / "facts.csv"
    shutil.copy(REFERENCE / "facts.csv", path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(reference.ReferenceError, match=message):
        reference.validate_facts(path)


def test_an_assumption_cannot_be_checked(tmp_path):
    path = tmp_path / "facts.csv"
    lines = (REFERENCE / "facts.csv").read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("cause_share_illness,"))
    lines[i] = lines[i].replace(",C,false,", ",C,true,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(reference.ReferenceError, match=f"line {i + 1}, column checked"):
        reference.validate_facts(path)
