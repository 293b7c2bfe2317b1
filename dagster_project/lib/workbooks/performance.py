"""表14–表16, the performance-target tables: blocks of labelled cells, not lists.

Their money is printed in 万元 inside the block ("资金金额 (万元)", "预算金额（万元）") rather
than in a unit line, and the layout is a form: label cells merged over several rows, one
block per project. Amounts passed here are already in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from dagster_project.lib.workbooks.grid import CellValue, Grid, Merge
from dagster_project.lib.workbooks.layout import RowTruth
from dagster_project.lib.workbooks.shaanxi import title_for

WIDTH = 6
T14_FOOTNOTE = (
    "备注: 1、绩效指标可选择填写。"
    " 2、根据需要可往下续表。"
    " 3、市县扶贫资金项目的绩效目标必须公开。"
    " 4、市县部门也应公开。"
)
T15_FOOTNOTE = (
    "备注：1、年度绩效指标可选择填写。"
    "2、部门应公开本部门整体预算绩效。"
    "3、市县根据本级部门预算绩效管理工作推进情况，统一部署，积极推进。"
)
T16_FOOTNOTE = (
    "备注: 1、绩效指标可选择填写。"
    " 2、不管理本级专项资金的主管部门, 应公开空表并说明。"
    " 3、市县根据本级部门预算绩效管理工作推进情况, 统一部署, 积极推进。"
)


@dataclass
class Indicator:
    level1: str
    level2: str
    content: str
    value: str
    note: str | None = None


@dataclass
class ProjectGoal:
    """One 表14 block; funds in 万元."""

    name: str
    department_name: str
    total_funds: Decimal | None
    fiscal_funds: Decimal | None
    other_funds: Decimal | None
    overall_goal: str
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Task:
    """One 表15 task line; amounts in 万元."""

    name: str
    content: str
    total: Decimal | None
    fiscal: Decimal | None
    other: Decimal | None


def _indicator_attributes(ind: Indicator, project: str | None = None) -> dict[str, str]:
    attrs = {
        "indicator_level1": ind.level1,
        "indicator_level2": ind.level2,
        "indicator_content": ind.content,
        "indicator_value": ind.value,
    }
    if ind.note:
        attrs["note"] = ind.note
    if project:
        attrs["project_name"] = project
    return attrs


def _merge_runs(
    body: list[list[CellValue]], merges: list[Merge], first: int, last: int, col: int
) -> None:
    """Merge a column's empty cells into the non-empty cell above them (rows first..last)."""
    start = first
    for r in range(first + 1, last + 2):
        if r > last or body[r][col] not in (None, ""):
            if r - 1 > start:
                merges.append(Merge(start, col, r - 1, col))
            start = r


def build_project_performance(
    year: int, projects: list[ProjectGoal], table_label: str | None = "表14"
) -> Grid:
    body: list[list[CellValue]] = []
    meta: list[list[RowTruth]] = []
    merges: list[Merge] = []
    for p in projects:
        top = len(body)
        body += [
            ["项目名称", None, p.name, None, None, None],
            ["主管部门", None, p.department_name, None, None, None],
            ["资金金额 (万元)", None, "实施期资金总额:", None, p.total_funds, None],
            [None, None, "其中:财政拨款", None, p.fiscal_funds, None],
            [None, None, "其他资金", None, p.other_funds, None],
            ["总体目标", None, p.overall_goal, None, None, None],
            ["年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],
        ]
        funds = RowTruth(
            "funds",
            None,
            p.name,
            "line",
            {
                "total_funds": p.total_funds,
                "fiscal_funds": p.fiscal_funds,
                "other_funds": p.other_funds,
            },
            {
                "project_name": p.name,
                "department_name": p.department_name,
                "overall_goal": p.overall_goal,
            },
        )
        meta += [[], [], [funds], [], [], [], []]
        merges += [
            Merge(top, 0, top, 1),
            Merge(top, 2, top, 5),
            Merge(top + 1, 0, top + 1, 1),
            Merge(top + 1, 2, top + 1, 5),
            Merge(top + 2, 0, top + 4, 1),
            Merge(top + 5, 0, top + 5, 1),
            Merge(top + 5, 2, top + 5, 5),
        ]
        for r in range(top + 2, top + 5):
            merges += [Merge(r, 2, r, 3), Merge(r, 4, r, 5)]
        first_ind = len(body)
        previous = None
        for ind in p.indicators:
            body.append(
                [
                    None,
                    ind.level1 if ind.level1 != previous else None,
                    ind.level2,
                    ind.content,
                    ind.value,
                    ind.note,
                ]
            )
            previous = ind.level1
            meta.append(
                [
                    RowTruth(
                        "indicators",
                        None,
                        ind.content,
                        "line",
                        {},
                        _indicator_attributes(ind, p.name),
                    )
                ]
            )
        last = len(body) - 1
        if last > first_ind - 1:
            merges.append(Merge(first_ind - 1, 0, last, 0))
            _merge_runs(body, merges, first_ind, last, 1)
    return Grid(
        title=title_for("T14", year),
        header_rows=[],
        body=body,
        body_meta=meta,
        body_merges=merges,
        table_label=table_label,
        footnotes=[T14_FOOTNOTE],
        table_id="T14",
    )


def build_overall_performance(
    year: int,
    department_name: str | None,
    tasks: list[Task],
    totals: tuple[Decimal | None, Decimal | None, Decimal | None],
    overall_goal: str,
    indicators: list[Indicator],
    table_label: str | None = None,
) -> Grid:
    body: list[list[CellValue]] = [
        ["部门（单位）名称", None, department_name, None, None, None],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", None, None],
        [None, None, None, "总额", "财政拨款", "其他资金"],
    ]
    meta: list[list[RowTruth]] = [[], [], []]
    merges = [
        Merge(0, 0, 0, 1),
        Merge(0, 2, 0, 5),
        Merge(1, 3, 1, 5),
        Merge(1, 1, 2, 1),
        Merge(1, 2, 2, 2),
    ]
    for t in tasks:
        body.append([None, t.name, t.content, t.total, t.fiscal, t.other])
        meta.append(
            [
                RowTruth(
                    "tasks",
                    None,
                    t.name,
                    "line",
                    {"total": t.total, "fiscal": t.fiscal, "other": t.other},
                    {"task_name": t.name, "task_content": t.content},
                )
            ]
        )
    merges.append(Merge(1, 0, len(body) - 1, 0))
    body.append(["金额合计", None, None, *totals])
    meta.append(
        [
            RowTruth(
                "tasks",
                None,
                "金额合计",
                "total",
                {"total": totals[0], "fiscal": totals[1], "other": totals[2]},
            )
        ]
    )
    merges.append(Merge(len(body) - 1, 0, len(body) - 1, 2))
    body.append(["年度总体目标", overall_goal, None, None, None, None])
    meta.append([])
    merges.append(Merge(len(body) - 1, 1, len(body) - 1, 5))
    head = len(body)
    body.append(["年度绩效指标", "一级指标", "二级指标", "指标内容", None, "指标值"])
    meta.append([])
    merges.append(Merge(head, 3, head, 4))
    previous: tuple[str, str] | None = None
    for ind in indicators:
        same1 = previous is not None and previous[0] == ind.level1
        same2 = same1 and previous is not None and previous[1] == ind.level2
        body.append(
            [
                None,
                None if same1 else ind.level1,
                None if same2 else ind.level2,
                ind.content,
                None,
                ind.value,
            ]
        )
        previous = (ind.level1, ind.level2)
        meta.append(
            [RowTruth("indicators", None, ind.content, "line", {}, _indicator_attributes(ind))]
        )
        merges.append(Merge(len(body) - 1, 3, len(body) - 1, 4))
    if len(body) - 1 > head:
        merges.append(Merge(head, 0, len(body) - 1, 0))
        _merge_runs(body, merges, head + 1, len(body) - 1, 1)
        _merge_runs(body, merges, head + 1, len(body) - 1, 2)
    return Grid(
        title=title_for("T15", year),
        header_rows=[],
        body=body,
        body_meta=meta,
        body_merges=merges,
        table_label=table_label,
        footnotes=[T15_FOOTNOTE],
        table_id="T15",
    )


_T16_INDICATOR_GROUPS = [
    ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
    ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
    ("满意度指标", ["服务对象满意度指标"]),
]


def build_special_fund_performance_blank(year: int, table_label: str | None = None) -> Grid:
    """表16 as departments publish it when they manage no special fund: the empty form."""
    body: list[list[CellValue]] = [
        ["项目名称", None, None, None, None, None],
        ["主管部门", None, None, "实施期限", None, None],
        ["资金金额 (万元)", None, "实施期资金总额:", None, "年度资金总额:", None],
        [None, None, "其中:财政拨款", None, "其中:财政拨款", None],
        [None, None, "其他资金", None, "其他资金", None],
        ["总体目标", "实施期总目标", None, None, "年度目标", None],
        [None, "目标1: 目标2: 目标3:", None, None, "目标1: 目标2: 目标3:", None],
        ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],
    ]
    merges = [
        Merge(0, 0, 0, 1),
        Merge(0, 2, 0, 5),
        Merge(1, 0, 1, 1),
        Merge(2, 0, 4, 1),
        Merge(5, 0, 6, 0),
        Merge(5, 1, 5, 3),
        Merge(6, 1, 6, 3),
        Merge(5, 4, 5, 5),
        Merge(6, 4, 6, 5),
    ]
    first = len(body)
    for level1, level2s in _T16_INDICATOR_GROUPS:
        l1_start = len(body)
        for level2 in level2s:
            for k, content in enumerate(["指标1:", "指标2:", "……"]):
                body.append(
                    [
                        None,
                        level1 if len(body) == l1_start else None,
                        level2 if k == 0 else None,
                        content,
                        None,
                        None,
                    ]
                )
            merges.append(Merge(len(body) - 3, 2, len(body) - 1, 2))
        merges.append(Merge(l1_start, 1, len(body) - 1, 1))
    merges.append(Merge(first - 1, 0, len(body) - 1, 0))
    return Grid(
        title=title_for("T16", year),
        header_rows=[],
        body=body,
        body_meta=[[] for _ in body],
        body_merges=merges,
        table_label=table_label,
        footnotes=[T16_FOOTNOTE],
        table_id="T16",
    )
