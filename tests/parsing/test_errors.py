"""Every quarantine reason, from a crafted file, with a message naming file/sheet/cell."""

from __future__ import annotations

import pickle
import zipfile

import pytest
from builders import T06_TITLE, t05_block, t06_block, write

from dagster_project.lib.parsing import WorkbookReadError, parse_disclosure_workbook


def _raises(path, reason) -> WorkbookReadError:
    with pytest.raises(WorkbookReadError) as info:
        parse_disclosure_workbook(path)
    err = info.value
    assert err.reason == reason, str(err)
    assert path.name in str(err)
    zh, en = str(err).split(" / ", 1)
    assert zh.startswith(f"文件 {path.name}") and en.startswith(f"file {path.name}")
    return err


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize("keep", [0.5, 0.9, 100])
def test_truncated(tmp_path, suffix, keep):
    good = write(tmp_path / f"good{suffix}", {"表5": (t05_block(), [])})
    data = good.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: int(len(data) * keep)] if keep < 1 else data[:keep])
    _raises(cut, "truncated")


def test_empty_file_is_truncated(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    _raises(path, "truncated")


@pytest.mark.parametrize(
    "content",
    [
        "部门名称,合计\n陕西省政务服务中心,11463700\n".encode(),
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    ],
)
def test_not_a_spreadsheet(tmp_path, content):
    path = tmp_path / "x.xls"
    path.write_bytes(content)
    _raises(path, "not_a_spreadsheet")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "docs.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    _raises(path, "not_a_spreadsheet")


def test_no_template_tables(tmp_path):
    path = write(tmp_path / "other.xlsx", {"Sheet1": ([["姓名", "金额"], ["张三", 100]], [])})
    _raises(path, "no_template_tables")


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_non_numeric_amount_names_sheet_and_cell(tmp_path, suffix):
    rows = t05_block()
    rows[8][2] = "abc"  # 205 教育支出, 合计 column → C9
    path = write(tmp_path / f"x{suffix}", {"表5": (rows, [])})
    err = _raises(path, "non_numeric_amount")
    assert (err.sheet, err.cell) == ("表5", "C9")
    assert str(err) == (
        f"文件 x{suffix} 表5!C9 金额无法识别：'abc' / "
        f"file x{suffix}, cell 表5!C9: amount is not a number: 'abc'"
    )


def test_inconsistent_year_without_majority_names_the_title_cell(tmp_path):
    rows = t05_block() + [[], []] + t06_block(title=T06_TITLE.replace("2021", "2020"))
    path = write(tmp_path / "y.xlsx", {"表": (rows, [])})
    err = _raises(path, "inconsistent_year")
    assert (err.sheet, err.cell) == ("表", "A14")
    assert "2020" in err.message_zh and "2021" in err.message_en


def test_one_title_with_another_year_is_loaded_and_flagged(tmp_path):
    rows = t05_block() + [[], []] + t06_block(title=T06_TITLE.replace("2021", "2020"))
    rows += [["2021年部门综合预算收支总表"]]
    d = parse_disclosure_workbook(write(tmp_path / "y.xlsx", {"表": (rows, [])}))
    assert d.fiscal_year == 2021
    assert d.tables["T06"].fiscal_year == 2020  # kept for rule C4
    assert any(w.startswith("表!A14") and "2020" in w for w in d.warnings)


def test_malformed_code(tmp_path):
    rows = t05_block()
    rows[6][0] = "20103五0"
    err = _raises(write(tmp_path / "c.xlsx", {"表5": (rows, [])}), "malformed_code")
    assert (err.sheet, err.cell) == ("表5", "A7")
    rows = t05_block()
    rows[6][0] = "201035"  # six digits: no level of the function classification
    err = _raises(write(tmp_path / "d.xlsx", {"表5": (rows, [])}), "malformed_code")
    assert "201035" in str(err)


def test_error_survives_pickling():
    err = WorkbookReadError(
        "truncated", "文件不完整", "incomplete", file_path="a/b.xls", sheet="表1", cell="A1"
    )
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.reason, copy.sheet, copy.cell, str(copy)) == ("truncated", "表1", "A1", str(err))


@pytest.mark.parametrize("readable", [True, False])
def test_the_collector_is_left_as_the_parse_found_it(tmp_path, seed_workbook_path, readable):
    """parse_disclosure_workbook pauses the garbage collector while it runs: after a parse,
    and after a parse that raised, it is enabled again if it was, and still paused if the
    caller had paused it."""
    import gc

    path = seed_workbook_path
    if not readable:
        path = tmp_path / "broken.xlsx"
        path.write_bytes(b"not a spreadsheet")
    for paused in (False, True):
        if paused:
            gc.disable()
        try:
            try:
                parse_disclosure_workbook(path)
            except WorkbookReadError:
                assert not readable
            assert gc.isenabled() is not paused
        finally:
            gc.enable()
