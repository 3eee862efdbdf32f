"""The draft reminder letters ("công văn đôn đốc") of a run's escalations.

One letter per level above and day, naming every late unit escalated to it that day, written
by the letter builder (obligations/report/reminder_letter.py, obligations/render/letter_*.py)
as .docx and .txt into ``letters_dir`` of notify.toml. The e-mail to the level above carries
the .docx; a letter that cannot be written is said in that e-mail, and the escalation still goes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from obligations.base.errors import ObligationsError
from obligations.base.keys import OccurrenceKey
from obligations.log.store import SubmissionLog
from obligations.notify.config import NotifyConfig
from obligations.notify.plan import Notice
from obligations.workspace import Workspace


@attrs.frozen
class Letters:
    files: Mapping[str, tuple[Path, ...]]        # level above -> (.docx, .txt)
    problems: Mapping[str, str]                  # level above -> why no letter


def letter_name(sender: str, on: dt.date) -> str:
    return f"cong-van-don-doc-{sender}-{on.isoformat()}"


def write_letters(ws: Workspace, config: NotifyConfig, log: SubmissionLog, escalations: Sequence[Notice],
                  on: dt.date, dry_run: bool) -> Letters:
    by_sender: dict[str, set[str]] = {}
    keys: dict[str, set[OccurrenceKey]] = {}
    for n in escalations:
        by_sender.setdefault(n.to, set()).add(n.item.occurrence.unit)
        keys.setdefault(n.to, set()).add(n.key)
    files: dict[str, tuple[Path, ...]] = {}
    problems: dict[str, str] = {}
    if dry_run or not by_sender:
        return Letters(files, problems)
    if config.letters_dir is None:
        return Letters({}, {s: f"no letters_dir in {config.path}" for s in by_sender})
    from obligations.render.letter_docx import write_letter_docx
    from obligations.render.letter_text import render_letter
    from obligations.report.reminder_letter import build_letter
    try:
        config.letters_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return Letters({}, {s: f"cannot create {config.letters_dir}: {exc.strerror}" for s in by_sender})
    for sender, late in sorted(by_sender.items()):
        lang = config.units[sender].lang
        base = config.letters_dir / letter_name(sender, on)
        try:
            letter = build_letter(ws, sender=sender, late_units=sorted(late), on=on, lang=lang, log=log,
                                  only=keys[sender])
            docx, text = base.with_suffix(".docx"), base.with_suffix(".txt")
            write_letter_docx(letter, docx, lang)
            text.write_text(render_letter(letter, lang), encoding="utf-8")
            files[sender] = (docx, text)
        except OSError as exc:
            problems[sender] = f"cannot write {base}: {exc.strerror}"
        except ObligationsError as exc:      # e.g. the level above is not above the late unit on the day
            problems[sender] = exc.render()
    return Letters(files, problems)
