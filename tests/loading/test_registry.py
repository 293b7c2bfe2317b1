"""The registry decides which department a workbook belongs to: exact after width and
white-space folding, never fuzzy."""

from pathlib import Path

import pytest

from dagster_project.lib.registry import RegistryError, read_registry


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "departments.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_matches_by_name_alias_and_code_with_width_and_spaces_folded(tmp_path):
    registry = read_registry(
        write(
            tmp_path,
            "department_code,department_name,aliases\n"
            "179,陕西省政务服务中心,省政务服务中心|政务中心\n"
            "017,陕西省财政厅（本级）,\n",
        )
    )
    assert registry.match("陕西省政务服务中心").code == "179"
    assert registry.match(" 省政务服务 中心 ").code == "179"
    assert registry.match("陕西省财政厅(本级)").code == "017"  # half-width brackets
    assert registry.match("017").code == "017"
    assert registry.match("17") is None  # codes are strings: no leading-zero loss
    assert registry.match("陕西省政务服务") is None  # no fuzzy matching
    assert registry.match(None, "", "政务中心").code == "179"


def test_bom_and_optional_alias_column(tmp_path):
    registry = read_registry(
        write(tmp_path, "\ufeffdepartment_code,department_name\n179,陕西省政务服务中心\n")
    )
    assert [d.code for d in registry.departments] == ["179"]
    assert registry.departments[0].aliases == ()


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("code,name\n179,x\n", "lacks columns"),
        ("department_code,department_name\n179,\n", "line 2"),
        ("department_code,department_name\n179,a\n179,b\n", "duplicate code 179"),
    ],
)
def test_unusable_registry_is_an_error_naming_the_problem(tmp_path, text, fragment):
    with pytest.raises(RegistryError, match=fragment):
        read_registry(write(tmp_path, text))


def test_missing_registry(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        read_registry(tmp_path / "nope.csv")
