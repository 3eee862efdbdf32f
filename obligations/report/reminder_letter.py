"""The reminder letter ("công văn đôn đốc"): what a level above writes to units that are late.

``build_letter`` gathers, for each late unit, its overdue items on the day asked about, from the
same computation as ``due`` (``Workspace.due``: the effective deadline after reconciliation, the
submissions log's deliveries and extensions), each with its source: the document's number, title
and date of issue, the section and the sentence, verbatim. Nothing is added that the data does
not hold: the letter's number, date, place and signer are left for the clerk to fill.

Whether the sender writes as a Party body (Hướng dẫn 36-HD/VPTW) or a state body (Nghị định
30/2020/NĐ-CP) comes from the hierarchy (org/kinds.py); when it cannot be told, the state layout
is used and the letter says so (``layout_known``). The words and the layout are rendering's
(render/letter_text.py, render/letter_docx.py); see docs/letter.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from obligations.base.errors import InputError, said
from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.base.vocabulary import HORIZON_MAX, Kind
from obligations.occurrences.model import Assumption
from obligations.org.kinds import BodyKind, Committee, body_kind, committee_word
from obligations.status.assess import Item

if TYPE_CHECKING:
    from obligations.log.store import SubmissionLog
    from obligations.workspace import Workspace

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


@record
@attrs.frozen(repr=False)
class Quote:
    """One sentence of the document the duty comes from, verbatim, with its section."""

    directive: str      # the document's number as the rule file writes it ("76-KH/ĐU")
    section: str
    text: str


@record
@attrs.frozen(repr=False)
class OverdueItem:
    """One overdue occurrence of a late unit: what (``title_vi``/``title_en``, ``period``), the
    document (``number``, ``document_title``, ``document_kind``, ``issued``, ``issuer``), the
    sentences (``quotes``: the duty's own first, then the others the rule file gives), the
    effective ``deadline`` and how late on the letter's day (``working_days_late``, ``days_late``),
    and to whom it is delivered (``recipient``, ``recipient_name``; None when not placed), and,
    when that unit had ended by the letter's day, the unit that succeeded it (``recipient_successor``);
    ``assumptions``: what the item depends on that no document gives (the data marks it), said to
    the drafter."""

    unit: str
    duty: str
    period: str
    kind: Kind
    title_vi: str
    title_en: str | None
    number: str
    document_title: str
    document_kind: str
    issued: dt.date | None
    issuer: str
    quotes: tuple[Quote, ...]
    deadline: dt.date
    own_deadline: dt.date
    deadline_time: str | None
    working_days_late: int
    days_late: int
    recipient: str | None
    recipient_name: str | None
    recipient_successor: str | None = None       # when the recipient no longer exists on the letter's day
    recipient_successor_name: str | None = None
    assumptions: tuple[Assumption, ...] = ()     # what the item depends on that no document gives


@record
@attrs.frozen(repr=False)
class LateUnit:
    """A unit the letter is addressed to, with its overdue items (oldest deadline first)."""

    unit: str
    name: str
    items: tuple[OverdueItem, ...]


@record
@attrs.frozen(repr=False)
class ReminderLetter:
    """A draft reminder letter from ``sender`` to the ``late`` units on day ``on``.

    ``layout``: ``party`` (Hướng dẫn 36-HD/VPTW) or ``state`` (Nghị định 30/2020/NĐ-CP, Phụ lục I);
    ``layout_known`` False when the sender's kind could not be told from the hierarchy (the state
    layout is then used, and every rendering says so). ``committee``: for a Party sender, the
    collective body of its signature (``dang_uy``: "T/M ĐẢNG ỦY"), None when its name does not
    say. ``backend``: the rules engine that gave the statuses. ``lang``: the language asked for
    when it was built (the renderers take their own)."""

    sender: str
    sender_name: str
    layout: BodyKind
    layout_known: bool
    committee: Committee | None
    on: dt.date
    late: tuple[LateUnit, ...]
    backend: str
    lang: Lang = "vi"

    @property
    def items(self) -> tuple[OverdueItem, ...]:
        """Every overdue item of the letter, unit by unit."""
        return tuple(i for unit in self.late for i in unit.items)

    @property
    def assumptions(self) -> tuple[Assumption, ...]:
        """What the letter's items depend on that no document gives, each once, in order of appearance."""
        return tuple(dict.fromkeys(a for i in self.items for a in i.assumptions))


def build_letter(ws: Workspace, *, sender: str, late_units: Sequence[str], on: dt.date, lang: Lang,
                 log: SubmissionLog | None = None, only: Collection[OccurrenceKey] | None = None
                 ) -> ReminderLetter:
    """The draft reminder letter ``sender`` writes on ``on`` to ``late_units`` (ids or names, as
    ``Workspace.resolve_unit`` reads them), listing every item of each that ``due`` finds overdue
    on ``on`` (however old), judged against ``log`` (deliveries, extensions); ``only``: these
    occurrences alone (an escalation names the ones it is about).

    Raises InputError: an unknown unit (``unknown-unit``), no late unit, the sender not above a
    late unit on ``on`` (``bad-input``), a language other than vi or en (``unknown-option``)."""
    if lang not in LANGS:
        raise InputError(said("letter:no-lang", "no language {lang} for the letter", lang=repr(lang)),
                         fix=said("letter:no-lang-fix", "give vi or en"), code="unknown-option", param="lang")
    if not late_units:
        raise InputError(said("letter:no-late-unit", "a reminder letter needs at least one late unit"),
                         fix=said("letter:no-late-unit-fix", "name the unit the letter goes to"),
                         code="missing-value", param="to")
    ws, sender_id = ws.resolve_unit(sender)
    resolved: list[str] = []
    for query in late_units:
        ws, unit_id = ws.resolve_unit(query)
        if unit_id not in resolved:
            resolved.append(unit_id)
    hierarchy = ws.hierarchy
    hierarchy.require_on(sender_id, on)
    for unit_id in resolved:
        hierarchy.require_on(unit_id, on)
        if sender_id not in hierarchy.ancestors(unit_id, on):
            above = hierarchy.ancestors(unit_id, on)
            raise InputError(said("letter:not-above", "{sender} ({name}) is not above {unit} on {day}: a reminder letter "
                                  "comes from a level above the late unit", sender=sender_id,
                                  name=hierarchy.name(sender_id), unit=unit_id, day=on),
                             fix=said("letter:not-above-fix", "give as the sender one of the units above it: {units}",
                                      units=", ".join(above) or said("calendar:none", "none")),
                             # no more precise code applies: the units exist, their places do not fit
                             code="bad-input", param="sender", data={"unit": unit_id, "sender": sender_id})
    sender_unit = hierarchy.unit(sender_id)
    kind = body_kind(sender_unit)
    late, backend = [], ws.engine.backend
    for unit_id in resolved:
        report = ws.due(unit_id, on, horizon=0, lookback=HORIZON_MAX, log=log)
        backend = report.backend
        overdue = sorted((i for i in report.items if i.status == "overdue" and (only is None or i.occurrence.key in only)),
                         key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
        late.append(LateUnit(unit_id, hierarchy.name(unit_id), tuple(_item(ws, i, on) for i in overdue)))
    return ReminderLetter(sender=sender_id, sender_name=sender_unit.name, layout=kind or "state",
                          layout_known=kind is not None,
                          committee=committee_word(sender_unit) if kind == "party" else None,
                          on=on, late=tuple(late), backend=backend, lang=lang)


def _item(ws: Workspace, item: Item, on: dt.date) -> OverdueItem:
    occurrence = item.occurrence
    duty = occurrence.duty
    directive = ws.rules.directive(duty.directive)
    recipient = occurrence.recipient_unit
    heir = None
    if recipient and recipient in ws.hierarchy.units and not ws.hierarchy.unit(recipient).exists_on(on):
        heir, _ = ws.hierarchy.successor_on(recipient, on)     # the merged units of 1/7/2025
    return OverdueItem(
        unit=occurrence.unit, duty=duty.id, period=occurrence.period, kind=duty.kind, title_vi=duty.title_vi,
        title_en=duty.title_en, number=directive.number, document_title=directive.title,
        document_kind=directive.kind, issued=directive.issued, issuer=directive.issuer,
        quotes=tuple(Quote(s.directive, s.section, s.text) for s in (duty.source, *duty.see_also)),
        deadline=item.deadline, own_deadline=item.own_deadline, deadline_time=occurrence.time,
        # working_days_left counts the working days from the deadline to the day asked (negative once past)
        working_days_late=-item.working_days_left, days_late=-item.days_left,
        recipient=recipient, recipient_name=ws.hierarchy.name(recipient) if recipient else None,
        recipient_successor=heir, recipient_successor_name=ws.hierarchy.name(heir) if heir else None,
        assumptions=occurrence.assumptions)
