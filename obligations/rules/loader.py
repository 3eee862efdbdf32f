"""Reading directive rule files (``rules/*.toml``) into frozen model objects.

Every problem names the file, the line and the table it is in, and says what to do;
problems in different files are all collected, so one run of `check` shows them all.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


from obligations.base.dates import FIRST_YEAR, LAST_YEAR
from obligations.base.vocabulary import ROLL_POLICIES
from obligations.base import places
from obligations.base.errors import DataFileError, ObligationsError, Problems, Said, said
from obligations.rules.model import (DUTY_KINDS, REGIME_FIELDS, DeclaredEvent, Directive, Duty, Example, Policy,
                                     Regime, RegimeField, Source, Undated)
from obligations.rules.schedules.parse import AnySchedule, parse_schedule
from obligations.base.toml import Locator, as_date, check_keys, expect, read_toml, TOP_LEVEL
from obligations.base.identifiers import shorten
from obligations.rules.ruleset import RuleSet as RuleSet

HIERARCHY_FILE = "hierarchy.toml"

_DIRECTIVE_KEYS = {"id", "number", "kind", "issuer", "unit", "title", "issued", "implements",
                   "source_document", "note", "secondary_source", "secondary_source_en"}
_DUTY_KEYS = {"id", "section", "source", "kind", "title_vi", "title_en", "performers", "recipient",
              "body", "schedule", "valid", "policy", "see_also", "note", "example", "feeds", "draft", "assumed", "assumed_en",
              "regime"}
_DUTY_REQUIRED = {"id", "section", "source", "kind", "title_vi", "performers",
                  "recipient", "schedule", "valid"}
_POLICY_VALUES = {
    "before": ("exclusive", "inclusive"),
    "roll": ROLL_POLICIES,
    "opens": ("period_start", "validity_start"),
}


class _Ctx:
    def __init__(self, loc: Locator, line: int | None, place: builtins.str | Said) -> None:
        self.loc, self.line, self.place = loc, line, place

    def error(self, message: Said, fix: Said | None = None) -> DataFileError:
        return self.loc.error(message, line=self.line, place=self.place, fix=fix)

    def keys(self, table: dict[str, Any], allowed: Iterable[str], required: Iterable[str]) -> None:
        check_keys(table, allowed, required, self.loc, line=self.line, place=self.place)

    def str(self, value: Any, what: builtins.str) -> builtins.str:
        expect(value, str, self.loc, line=self.line, place=self.place, what=what)
        if not value.strip():
            raise self.error(said("rule:empty", "{what} is empty", what=what))
        text: builtins.str = value
        return text

    def int(self, value: Any, what: builtins.str) -> builtins.int:
        number: builtins.int = expect(value, int, self.loc, line=self.line, place=self.place, what=what)
        return number

    def date(self, value: Any, what: builtins.str) -> dt.date:
        """A date the calendar can place (1900-2100, as the schema bounds its own date fields):
        every date of every schedule form comes through here, so none can reach date
        arithmetic near the year 9999 (an OverflowError, not a message)."""
        day = as_date(value, self.loc, line=self.line, place=self.place, what=what)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise self.error(said("rule:date-years", "{what} {day} is outside the years {first}-{last} the calendar can "
                                  "place", what=what, day=day, first=FIRST_YEAR, last=LAST_YEAR),
                             fix=said("rule:date-years-fix", "give the date the text states (a year such as 2025)"))
        return day


def _policy(raw: Any, schedule: AnySchedule, ctx: _Ctx) -> tuple[Policy, frozenset[str]]:
    raw = {} if raw is None else raw
    expect(raw, dict, ctx.loc, line=ctx.line, place=ctx.place, what="policy")
    ctx.keys(raw, set(_POLICY_VALUES) | {"due_soon_days", "track"}, ())
    if "track" in raw and not isinstance(raw["track"], bool):
        raise ctx.error(said("rule:track", "policy.track must be true or false, not {value}", value=shorten(raw["track"])))
    for key, allowed in _POLICY_VALUES.items():
        if key in raw and raw[key] not in allowed:
            raise ctx.error(said("rule:policy-unknown", "policy.{key} {value} is not known", key=key, value=shorten(raw[key])),
                            fix=said("schema:use-one-of", "use one of: {choices}", choices=", ".join(allowed)))
    if "due_soon_days" in raw and ctx.int(raw["due_soon_days"], "policy.due_soon_days") < 0:
        raise ctx.error(said("rule:due-soon-negative", "policy.due_soon_days must not be negative"))
    # Defaults that depend on the schedule: an activity tied to a day is not moved, a
    # period counted in days after an event ends by the Civil Code rule (Art. 148), and
    # "trước ngày D" opens when the duty takes effect.
    values: dict[str, Any] = {"roll": schedule.default_roll, "opens": schedule.default_opens}
    values.update(raw)
    return Policy(**values), frozenset(raw)


def _selectors(raw: Any, ctx: _Ctx) -> tuple[str, ...]:
    from obligations.base.vocabulary import LEVELS

    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not values:
        raise ctx.error(said("rule:performers", "performers must list who does the duty"),
                        fix=said("rule:performers-fix", 'e.g. performers = ["level:cell"]'))
    for value in values:
        ok = value in ("self", "children") or (
            isinstance(value, str) and (value.startswith("level:") and value[6:] in LEVELS
                                        or value.startswith("unit:") and len(value) > 5))
        if not ok:
            raise ctx.error(said("rule:unknown-performer", "unknown performer {value}", value=shorten(value)),
                            fix=said("rule:unknown-performer-fix", 'use "self", "children", "level:<{levels}>" or '
                                     '"unit:<unit id>"', levels="|".join(LEVELS)))
    return tuple(values)


def _sources(raw: Any, directive: str, location: str, ctx: _Ctx) -> tuple[Source, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ctx.error(said("rule:see-also", "see_also must be a list of {{ section, text }}"))
    result = []
    for item in raw:
        expect(item, dict, ctx.loc, line=ctx.line, place=ctx.place, what="see_also entry")
        ctx.keys(item, {"section", "text"}, {"section", "text"})
        result.append(Source(directive, ctx.str(item["section"], "section"), ctx.str(item["text"], "text"), location))
    return tuple(result)


def _todo_fields(table: dict[str, Any], prefix: str = "") -> list[str]:
    """Fields a draft left for a person to fill in (the extractor writes "TODO")."""
    found = []
    for key, value in table.items():
        if key == "draft":
            continue
        name = f"{prefix}{key}"
        if value == "TODO" or (isinstance(value, list) and "TODO" in value):
            found.append(name)
        elif isinstance(value, dict):
            found += _todo_fields(value, name + ".")
    return found


def _refuse_todo(doc: dict[str, Any], loc: Locator) -> None:
    """A draft's TODO fields, all of them at once, one line per table."""
    problems: list[ObligationsError] = []
    fix = said("rule:todo-fix", "fill these in from the text (docs/extract.md)")
    head = doc.get("directive")
    if isinstance(head, dict) and _todo_fields(head):
        problems.append(loc.error(said("rule:todo", "still marked TODO: {fields}", fields=", ".join(_todo_fields(head))),
                                  line=loc.key_line("number"), place="[directive]", fix=fix))
    duties = doc.get("duty", [])
    for index, raw in enumerate(duties if isinstance(duties, list) else []):
        if isinstance(raw, dict) and _todo_fields(raw):
            problems.append(loc.error(said("rule:todo", "still marked TODO: {fields}", fields=", ".join(_todo_fields(raw))),
                                      line=loc.table_line("duty", index), place=places.duty(raw.get("id")), fix=fix))
    if problems:
        raise Problems(problems)


def _validate(doc: dict[str, Any], loc: Locator) -> None:
    """Every field of the directive, its duties and undated items, checked against the schema."""
    from obligations.base.schema import raise_all
    from obligations.rules.rule_schema import validate_rule_doc

    raise_all(validate_rule_doc(doc, loc))


def _duty(raw: dict[str, Any], directive: dict[str, Any], ctx: _Ctx, examples_seen: list[int], rel: str,
          events: dict[str, tuple[dt.date, ...]]) -> Duty:
    if isinstance(raw.get("id"), str):
        ctx.place = places.duty(raw["id"])

    ctx.keys(raw, _DUTY_KEYS, _DUTY_REQUIRED)
    local_id = ctx.str(raw["id"], "id")
    ctx.place = places.duty(local_id)
    if "/" in local_id:
        raise ctx.error(said("rule:duty-slash", "duty id {id} contains '/'", id=repr(local_id)),
                        fix=said("rule:duty-slash-fix", "use letters, digits and '-'"))
    kind = raw["kind"]
    if kind not in DUTY_KINDS:
        raise ctx.error(said("rule:unknown-kind", "unknown duty kind {value}", value=shorten(kind)),
                        fix=said("schema:use-one-of", "use one of: {choices}", choices=", ".join(DUTY_KINDS)))
    recipient = ctx.str(raw["recipient"], "recipient")
    schedule = parse_schedule(raw["schedule"], ctx, events)
    valid = raw["valid"]
    expect(valid, dict, ctx.loc, line=ctx.line, place=ctx.place, what="valid")
    ctx.keys(valid, {"from", "until"}, {"from"})
    valid_from = ctx.date(valid["from"], "valid.from")
    valid_until = ctx.date(valid["until"], "valid.until") if "until" in valid else None
    if valid_until is not None and valid_until < valid_from:
        raise ctx.error(said("rule:ends-before", "the duty ends ({end}) before it starts ({start})", end=valid_until,
                             start=valid_from), fix=said("rule:ends-before-fix", "swap valid.from and valid.until"))
    policy, overrides = _policy(raw.get("policy"), schedule, ctx)
    location = f"{rel}:{ctx.line}"
    number = directive["number"]
    duty_id = f"{directive['id']}/{local_id}"
    examples = []
    for item in raw.get("example", []):
        line = ctx.loc.table_line("duty.example", examples_seen[0])
        examples_seen[0] += 1
        ex = _Ctx(ctx.loc, line, f"example of duty {local_id!r}")
        ex.keys(item, {"unit", "period", "window_start", "deadline"}, {"unit", "period", "window_start", "deadline"})
        examples.append(Example(unit=ex.str(item["unit"], "unit"), period=str(item["period"]),
                                window_start=ex.date(item["window_start"], "window_start"),
                                deadline=ex.date(item["deadline"], "deadline"), location=f"{rel}:{line}"))
    feeds = raw.get("feeds", [])
    if not isinstance(feeds, list) or not all(isinstance(f, str) and f.count("/") == 1 for f in feeds):
        raise ctx.error(said("rule:feeds", "feeds must list duty ids as \"<directive id>/<duty id>\""),
                        fix=said("rule:feeds-fix", 'e.g. feeds = ["CV-BTVTU-KonTum/bao-cao-hang-nam"]'))
    assumed = raw.get("assumed", [])
    assumed = [assumed] if isinstance(assumed, str) else assumed
    if not isinstance(assumed, list) or not all(isinstance(a, str) and a.strip() for a in assumed):
        raise ctx.error(said("rule:assumed", "assumed must be a sentence or a list of sentences saying what the text "
                             "does not give"),
                        fix=said("rule:assumed-fix", 'e.g. assumed = ["The plan gives no width for a peak: 14 days before '
                                 'the day."]'))
    english = raw.get("assumed_en", [])
    english = [english] if isinstance(english, str) else english
    if not isinstance(english, list) or not all(isinstance(a, str) and a.strip() for a in english) \
            or (english and len(english) != len(assumed)):
        raise ctx.error(said("rule:assumed-en", "assumed_en must give each sentence of assumed in English, in the same "
                             "order"),
                        fix=said("rule:assumed-en-fix", "write {n} English sentence(s) in assumed_en, or leave assumed_en "
                                 "out", n=len(assumed)))
    return Duty(
        regime=_regime(raw.get("regime"), kind, str(raw["section"]), location, ctx),
        assumed=tuple(a.strip() for a in assumed),
        assumed_en=tuple(a.strip() for a in english),
        feeds=tuple(feeds),
        id=duty_id, directive=directive["id"], kind=kind,
        title_vi=ctx.str(raw["title_vi"], "title_vi"),
        title_en=ctx.str(raw["title_en"], "title_en") if "title_en" in raw else None,
        performers=_selectors(raw["performers"], ctx), recipient=recipient,
        body=raw.get("body"), schedule=schedule, valid_from=valid_from, valid_until=valid_until,
        policy=policy, policy_overrides=overrides,
        source=Source(number, ctx.str(str(raw["section"]), "section"), ctx.str(raw["source"], "source").strip(), location),
        see_also=_sources(raw.get("see_also"), number, location, ctx),
        note=raw.get("note"), examples=tuple(examples))


# Duties a reporting regime may belong to: what is sent up (Nghị định 09/2019/NĐ-CP is about reports).
REGIME_KINDS = ("report", "review")


def _regime(raw: Any, kind: str, section: str, location: str, ctx: _Ctx) -> Regime | None:
    """A duty's ``regime`` table (the schema has checked each field's value and source)."""
    if raw is None:
        return None
    if not raw:
        raise ctx.error(said("rule:regime-empty", "regime is empty: give the fields of the reporting regime the "
                             "document states"),
                        fix=said("rule:regime-empty-fix", "add e.g. name = {{ value = \"...\", source = \"the sentence\" "
                                 "}}, or leave regime out"))
    if kind not in REGIME_KINDS:
        raise ctx.error(said("rule:regime-kind", "a reporting regime belongs to a report, not to a duty of kind {kind}",
                             kind=repr(kind)),
                        fix=said("rule:regime-kind-fix", "move regime to the report duty it describes, or remove it"))
    fields = tuple((name, RegimeField(ctx.str(raw[name]["value"], f"regime.{name}.value").strip(),
                                      ctx.str(raw[name]["source"], f"regime.{name}.source").strip(),
                                      str(raw[name].get("section", section))))
                   for name in REGIME_FIELDS if name in raw)
    return Regime(fields, location)


def load_rule_file(path: Path, rel: str | None = None) -> Directive:
    path = Path(path)
    rel = rel or path.name
    doc, text = read_toml(path)
    loc = Locator(path, text)
    from obligations.rules.lifecycle import CHANGE_KINDS, read_changes

    check_keys(doc, {"directive", "duty", "undated", "event", "not_drafted", *CHANGE_KINDS}, {"directive"}, loc, line=None,
               place=TOP_LEVEL)
    head = doc["directive"]
    line = loc.key_line("number")
    ctx = _Ctx(loc, line, "[directive]")
    expect(head, dict, loc, line=line, place="[directive]", what="[directive]")
    _refuse_todo(doc, loc)
    _validate(doc, loc)
    ctx.keys(head, _DIRECTIVE_KEYS, {"id", "number", "kind", "issuer", "unit", "title"})
    for key in ("id", "number", "kind", "issuer", "unit", "title"):
        ctx.str(head[key], key)
    if "/" in head["id"]:
        raise ctx.error(said("rule:directive-slash", "directive id {id} contains '/'", id=repr(head["id"])),
                        fix=said("rule:directive-slash-fix", "e.g. id = \"76-KH-DU\""))
    issued = ctx.date(head["issued"], "issued") if "issued" in head else None
    implements = head.get("implements", [])
    if not isinstance(implements, list) or not all(isinstance(i, str) for i in implements):
        raise ctx.error(said("rule:implements", "implements must list directive numbers"),
                        fix=said("rule:implements-fix", 'e.g. implements = ["105-KH/HU"]'))

    declared = _events(doc.get("event", []), loc, rel)
    events: dict[str, tuple[dt.date, ...]] = {e.id: ((e.date,) if e.date else ()) for e in declared}
    duties = []
    seen: dict[str, int] = {}
    examples_seen = [0]
    for index, raw in enumerate(doc.get("duty", [])):
        dline = loc.table_line("duty", index)
        dctx = _Ctx(loc, dline, f"duty #{index + 1}")
        expect(raw, dict, loc, line=dline, place=dctx.place, what="[[duty]]")
        duty = _duty(raw, head, dctx, examples_seen, rel, events)
        if duty.id in seen:
            raise loc.error(said("rule:duty-twice", "duty id {id} is used twice (also at line {line})",
                                 id=repr(duty.local_id), line=seen[duty.id]),
                            line=dline, place=places.duty(duty.local_id),
                            fix=said("rule:duty-twice-fix", "give each duty its own id"))
        seen[duty.id] = dline or 0
        duties.append(duty)
    undated = []
    for index, raw in enumerate(doc.get("undated", [])):
        uline = loc.table_line("undated", index)
        uctx = _Ctx(loc, uline, f"undated #{index + 1}")
        uctx.keys(raw, {"section", "text", "note"}, {"section", "text", "note"})
        undated.append(Undated(uctx.str(str(raw["section"]), "section"), uctx.str(raw["text"], "text"),
                               uctx.str(raw["note"], "note"), f"{rel}:{uline}"))
    return Directive(id=head["id"], number=head["number"], kind=head["kind"], issuer=head["issuer"],
                     unit=head["unit"], title=head["title"], issued=issued,
                     implements=tuple(implements), file=rel, note=head.get("note"),
                     source_document=head.get("source_document"),
                     secondary_source=head.get("secondary_source"),
                     secondary_source_en=head.get("secondary_source_en"),
                     duties=tuple(sorted(duties, key=lambda d: d.id)), undated=tuple(undated),
                     events=declared, changes=read_changes(doc, head, issued, loc, rel, events, _Ctx, _selectors))


def _events(raw: Any, loc: Locator, rel: str) -> tuple[DeclaredEvent, ...]:
    """`[[event]]`: the events this file's duties are counted from."""
    if not isinstance(raw, list):
        raise loc.error(said("rule:event-list", "event must be a list of [[event]] tables"), place="[[event]]")
    found: dict[str, DeclaredEvent] = {}
    for index, item in enumerate(raw):
        line = loc.table_line("event", index)
        ctx = _Ctx(loc, line, f"event #{index + 1}")
        expect(item, dict, loc, line=line, place=ctx.place, what="[[event]]")
        ctx.keys(item, {"id", "source", "date", "note"}, {"id", "source"})
        event_id = ctx.str(item["id"], "id")
        if event_id in found:
            raise ctx.error(said("rule:event-twice", "event {id} is declared twice", id=repr(event_id)),
                            fix=said("rule:event-twice-fix", "declare each event once"))
        if not all(c.isalnum() or c in "-_" for c in event_id):
            raise ctx.error(said("rule:event-chars", "event id {id} has other characters than letters, digits, '-' and "
                                 "'_'", id=repr(event_id)), fix=said("rule:event-chars-fix", 'e.g. id = "nhan-ke-hoach"'))
        found[event_id] = DeclaredEvent(event_id, ctx.str(item["source"], "source").strip(), f"{rel}:{line}",
                                        ctx.date(item["date"], "date") if "date" in item else None,
                                        item.get("note"))
    return tuple(found.values())


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).glob("*.toml") if p.name != HIERARCHY_FILE)


def misnamed_rule_files(directory: Path) -> list[DataFileError]:
    """Files whose suffix differs from ``.toml`` only in case: they would be skipped unseen."""
    return [DataFileError(said("rule:suffix", "the suffix {suffix} is not '.toml', so this rule file is skipped",
                               suffix=repr(p.suffix)), file=str(p), fix=said("file:rename", "rename it to {name}.toml",
                                                                             name=p.stem))
            for p in sorted(Path(directory).iterdir())
            if p.suffix.lower() == ".toml" and p.suffix != ".toml"]
