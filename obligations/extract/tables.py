"""Task tables: an annex or a plan that lists its tasks as rows, with the meaning of each column.

"TT | Nội dung (nhiệm vụ) | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành" is the
common form (the names vary: "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ", "Sản phẩm").
A table is read as a task table when its first row names a task column and a time column;
every other table (a header laid out in a table, a list of members) is read as text.
"""

from __future__ import annotations

import re

import attrs

from obligations.base.records import record

from .sources.model import Line

I = re.IGNORECASE
_ROLES = [
    ("number", re.compile(r"^(?:TT|STT|Số\s+TT|Số\s+thứ\s+tự)\.?$", I)),
    ("deadline", re.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ|hoàn\s+thành|thời\s+điểm|lộ\s+trình", I)),
    ("support", re.compile(r"phối\s+hợp", I)),
    ("lead", re.compile(r"chủ\s+trì|thực\s+hiện|đơn\s+vị\s+thực|cơ\s+quan\s+thực|trách\s+nhiệm|phụ\s+trách", I)),
    ("content", re.compile(r"nội\s+dung|nhiệm\s+vụ|công\s+việc|tên\s+(?:nhiệm|đề|báo|văn)|hoạt\s+động|giải\s+pháp", I)),
    ("product", re.compile(r"sản\s+phẩm|kết\s+quả|hình\s+thức", I)),
]


@record
@attrs.frozen(repr=False)
class TaskTable:
    header_row: int                     # the place of the header row (it is not a task)
    columns: tuple[str, ...]            # role of each column: number, content, lead, support, deadline, product, ""
    completion: bool = False            # the time column says when it is done ("hoàn thành", "thời hạn")
    carried: bool = False               # it says when the task is carried out ("Thời gian thực hiện")
    catalogue: bool = False             # a list of administrative procedures and their processing times

    def roles(self, cells: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        pairs = [("completion", "yes")] if self.completion else [("carried", "yes")] if self.carried else []
        if self.catalogue:
            pairs.append(("catalogue", "yes"))
        for role, cell in zip(self.columns, cells):
            if role:      # a cell's paragraphs (a .docx) or " / " (a text copy) are kept apart the same way
                parts = [" ".join(p.split()) for p in cell.replace(" / ", "\n").split("\n")]
                pairs.append((role, " / ".join(p for p in parts if p)))
        return tuple(pairs)


def task_table(header: Line) -> TaskTable | None:
    """The table's column roles, if its first row is the header of a task table."""
    cells = header.cells or ()
    columns: list[str] = []
    for cell in cells:
        text = " ".join(cell.split())
        role = next((name for name, pattern in _ROLES if pattern.search(text)), "") if len(text) < 80 else ""
        if role in columns:
            role = ""
        columns.append(role)
    if "deadline" in columns and ("content" in columns or "lead" in columns):
        time = cells[columns.index("deadline")]
        catalogue = any(_PROCEDURE.search(" ".join(cell.split())) for cell in cells)
        return TaskTable(header.place, tuple(columns), bool(_COMPLETION.search(time)) and not catalogue,
                         bool(_CARRIED.search(time)), catalogue)
    return None


# A span of years under "Thời gian hoàn thành" is done by the end of its last year; under a plain
# "Thời gian" it is when the work goes on, and states no deadline. Under "Thời gian thực hiện" a
# span of at most two calendar years ("Quý IV/2025 - Quý II/2026") is the window a one-off task is
# carried out in; a longer one ("2025 - 2030") is a phase of the plan, when the work goes on.
_COMPLETION = re.compile(r"hoàn\s+thành|thời\s+hạn|hạn\s+chót", I)
_CARRIED = re.compile(r"thực\s+hiện|triển\s+khai", I)
# "Tên thủ tục hành chính | Thời hạn giải quyết | Địa điểm thực hiện | …": a decision that announces
# procedures lists how long each takes once a file is received (a service standard of the
# procedure), not a task it sets with a deadline: its rows are listed as not drafted, with why
_PROCEDURE = re.compile(r"thủ\s+tục\s+hành\s+chính|thời\s+hạn\s+giải\s+quyết", I)
