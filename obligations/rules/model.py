"""The domain of rule files: directives, their duties, schedules and policies.

All classes are frozen attrs classes: values that can be shared between engines and
threads, hashed, and compared in tests.
"""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.records import record
from obligations.base.vocabulary import DUTY_KINDS as DUTY_KINDS
from obligations.base.vocabulary import STATUSES as STATUSES
from obligations.base.vocabulary import Kind
from obligations.rules.schedules.parse import AnySchedule

# A duty's schedule: one of the typed kinds of the schedule language (rules/schedules/).
Schedule = AnySchedule


@record
@attrs.frozen(repr=False)
class Source:
    """Where a duty comes from: the exact sentence, its directive and section, and file:line."""

    directive: str
    section: str
    text: str
    location: str


@record
@attrs.frozen(repr=False)
class Policy:
    """How the window and the deadline are derived; each field is a named policy.

    before:  "exclusive" (trước ngày D: the last allowed day is D-1) | "inclusive"
    roll:    "previous" | "next" | "none" (see VietnamCalendar.roll)
    opens:   "period_start" (the year or month the occurrence belongs to) |
             "validity_start" (the day the duty takes effect)
    due_soon_days: working days before the deadline when an item becomes due_soon
    track:   an activity's past occurrences are overdue when not recorded (reports always are)
    """

    before: str = "exclusive"
    roll: str = "previous"
    opens: str = "period_start"
    due_soon_days: int = 5
    track: bool = False


@record
@attrs.frozen(repr=False)
class Example:
    """An expected occurrence written by hand in a rule file; `check` verifies it."""

    unit: str
    period: str
    window_start: dt.date
    deadline: dt.date
    location: str


# The ten fields of a reporting regime (chế độ báo cáo) that Điều 7 of Nghị định 09/2019/NĐ-CP
# lists, in its order (docs/rules.md, "Reporting regimes"): tên báo cáo, nội dung yêu cầu báo cáo,
# đối tượng thực hiện, cơ quan nhận, phương thức gửi nhận, thời hạn gửi, tần suất, thời gian chốt số
# liệu, mẫu đề cương, biểu mẫu số liệu.
REGIME_FIELDS: tuple[str, ...] = ("name", "content", "reporter", "receiver", "method", "deadline", "frequency",
                                  "cutoff", "template", "forms")
# Fields the duty already states (performers, recipient, schedule): taken from it when the regime
# does not give them in the document's own words.
DERIVED_FIELDS: tuple[str, ...] = ("reporter", "receiver", "deadline", "frequency")


@record
@attrs.frozen(repr=False)
class RegimeField:
    """One field of a reporting regime as the document states it: the value, the sentence that
    states it, and that sentence's section."""

    value: str
    source: str
    section: str


@record
@attrs.frozen(repr=False)
class Regime:
    """A duty's reporting regime (Nghị định 09/2019/NĐ-CP, Điều 7): the fields the document states;
    a field it does not state is absent (never guessed), and ``location`` is the rule file's line."""

    fields: tuple[tuple[str, RegimeField], ...]
    location: str

    def get(self, name: str) -> RegimeField | None:
        return next((f for n, f in self.fields if n == name), None)


@record
@attrs.frozen(repr=False)
class Duty:
    """One dated duty of a directive: what (``kind``: a :data:`obligations.Kind`, titles), who
    (``performers``, ``recipient``), when (``schedule``, ``valid_from``/``valid_until``,
    ``policy``) and where the directive says so (``source``: the sentence, its section and file)."""

    id: str                       # "<directive id>/<duty id>", unique in a rule set
    directive: str                # the directive's id
    kind: Kind
    title_vi: str
    title_en: str | None          # optional: outputs in English fall back to title_vi
    performers: tuple[str, ...]   # "self", "children", "level:<level>", "unit:<unit id>"
    recipient: str                # "issuer", "parent", or a unit id
    body: str | None
    schedule: AnySchedule
    valid_from: dt.date
    valid_until: dt.date | None
    policy: Policy
    policy_overrides: frozenset[str]
    source: Source
    see_also: tuple[Source, ...] = ()
    note: str | None = None
    examples: tuple[Example, ...] = ()
    feeds: tuple[str, ...] = ()   # duties of the same flow at this or the receiving unit
    assumed: tuple[str, ...] = () # what the text does not give and the rule assumes, said in every output (Vietnamese)
    assumed_en: tuple[str, ...] = ()  # the same sentences in English, one for each (or none)
    amended_by: tuple[Source, ...] = ()   # the later sentences that made this version (rules/versions.py)
    regime: Regime | None = None  # the Nghị định 09/2019 fields the document states (docs/rules.md)

    @property
    def local_id(self) -> str:
        return self.id.split("/", 1)[1]


@record
@attrs.frozen(repr=False)
class Undated:
    """An obligation the directive states without any date: kept visible, never guessed."""

    section: str
    text: str
    note: str
    location: str


@record
@attrs.frozen(repr=False)
class DeclaredEvent:
    """An event duties are counted from (`[[event]]`): its date when the directive gives
    one, else each unit records the day it happened (the `event` command)."""

    id: str
    source: str
    location: str
    date: dt.date | None = None
    note: str | None = None


@record
@attrs.frozen(repr=False)
class Change:
    """What a later document does to a duty or a directive of another (`[[amend]]`,
    `[[replace]]`, `[[revoke]]`, `[[reinstate]]`, `[[postpone]]`; rules/lifecycle.py reads
    them, rules/versions.py turns them into dated versions of each duty).

    ``fields`` holds an amendment's new values, already checked: a schedule object, a
    tuple of performers, texts, dates, and ``policy`` as (key, value) pairs."""

    kind: str                     # amend | replace | revoke | reinstate | postpone
    target: str                   # "<directive id>/<duty id>", or a directive id
    on_directive: bool            # the target is a whole directive
    source: Source                # the sentence of the changing document, its number, file:line
    directive: str                # the id of the changing document
    issued: dt.date               # its date of issue: it counts for answers known on or after this day
    effective: dt.date            # the day the change takes effect
    fields: tuple[tuple[str, object], ...] = ()
    by: str | None = None         # replace: the duty or directive that takes over (for explain and cycles)
    period: str | None = None     # postpone: the occurrence moved
    to: dt.date | None = None     # postpone: the day it is moved to
    inclusive: bool = True        # postpone: is `to` itself allowed ("đến ngày" yes, "trước ngày" no)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.fields)


@record
@attrs.frozen(repr=False)
class Directive:
    """A directive (kế hoạch, chỉ thị, công văn …) as its rule file states it: its number, issuer,
    date of issue, the directives it implements, and its dated ``duties``."""

    id: str
    number: str
    kind: str                     # the directive kind as the document names it (kế hoạch, công văn …)
    issuer: str
    unit: str
    title: str
    issued: dt.date | None
    implements: tuple[str, ...]
    file: str
    note: str | None = None
    source_document: str | None = None
    secondary_source: str | None = None   # known only from a secondary source (a news article): said in every output
    secondary_source_en: str | None = None    # the same in English (optional)
    duties: tuple[Duty, ...] = ()
    undated: tuple[Undated, ...] = ()
    events: tuple[DeclaredEvent, ...] = ()
    changes: tuple[Change, ...] = ()
