"""Reading what a document does to the duties of others: ``[[amend]]``, ``[[replace]]``,
``[[revoke]]``, ``[[reinstate]]`` and ``[[postpone]]`` tables (docs/rules.md section 9).

Each table becomes a ``Change`` dated twice: the changing document's date of issue (when
it becomes known) and the table's own date of effect. A change whose document has no
legible date of issue cannot be placed in time, so such a file is refused here; rules/
versions.py turns the changes into dated versions of each duty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from obligations.base import places
from obligations.base.errors import Said, said
from obligations.base.toml import Locator
from obligations.rules.model import Change, Source
from obligations.rules.schedules.base import Reporter
from obligations.rules.schedules.parse import parse_schedule


class Ctx(Reporter, Protocol):
    """The loader's context (file, line, place), which reports a problem where it is."""

    place: str | Said


# The loader's context and performer check, passed in: this module must not import the loader.
MakeCtx = Callable[[Locator, int | None, str | Said], Ctx]
Selectors = Callable[[Any, Any], tuple[str, ...]]

CHANGE_KINDS = ("amend", "replace", "revoke", "reinstate", "postpone")
# The fields of a duty an amendment may give anew; the rest (id, kind, source) name the duty itself.
AMENDABLE = ("schedule", "performers", "recipient", "body", "title_vi", "title_en", "valid", "policy")


def _target(raw: dict[str, Any], ctx: Ctx) -> tuple[str, bool]:
    if "duty" in raw:
        target = ctx.str(raw["duty"], "duty")
        if target.count("/") != 1:
            raise ctx.error(said("change:duty", "duty {target} does not name a duty of a directive", target=repr(target)),
                            fix=said("change:duty-fix", 'write it as "<directive id>/<duty id>", e.g. '
                                     '"CV-BTVTU-KonTum/bao-cao-hang-nam"'))
        return target, False
    return ctx.str(raw["directive"], "directive"), True


def _fields(raw: dict[str, Any], ctx: Ctx, events: Mapping[str, tuple[dt.date, ...]],
            selectors: Selectors) -> tuple[tuple[str, object], ...]:
    found: list[tuple[str, object]] = []
    for name in AMENDABLE:
        if name not in raw:
            continue
        value = raw[name]
        if name == "schedule":
            found.append((name, parse_schedule(value, ctx, events)))
        elif name == "performers":
            found.append((name, selectors(value, ctx)))
        elif name == "valid":
            if not value:
                raise ctx.error(said("change:valid-empty", "valid is empty"),
                                fix=said("change:valid-empty-fix", "give valid.from, valid.until or both"))
            found += [(f"valid.{key}", ctx.date(value[key], f"valid.{key}")) for key in ("from", "until")
                      if key in value]
        elif name == "policy":
            found.append((name, tuple(sorted(value.items()))))
        else:
            found.append((name, ctx.str(value, name)))
    if not found:
        raise ctx.error(said("change:nothing", "the amendment changes nothing"),
                        fix=said("change:nothing-fix", "give the new value of a field: {names}", names=", ".join(f"`{n}`" for n in AMENDABLE)))
    return tuple(found)


def read_changes(doc: dict[str, Any], head: dict[str, Any], issued: dt.date | None, loc: Locator, rel: str,
                 events: Mapping[str, tuple[dt.date, ...]], make_ctx: MakeCtx,
                 selectors: Selectors) -> tuple[Change, ...]:
    """The change tables of one rule file (already checked against rule_schema)."""
    changes: list[Change] = []
    for kind in CHANGE_KINDS:
        for index, raw in enumerate(doc.get(kind, [])):
            line = loc.table_line(kind, index)
            ctx = make_ctx(loc, line, places.numbered(kind, index + 1))
            if issued is None:
                raise ctx.error(said("change:no-issued", "[[{kind}]] needs the date of issue of {number}", kind=kind,
                                     number=head["number"]),
                                fix=said("change:no-issued-fix", "add issued = YYYY-MM-DD to [directive]: a change is "
                                         "known from that day"))
            target, on_directive = _target(raw, ctx)
            ctx.place = places.change(kind, target)
            effective = ctx.date(raw["effective"], "effective")
            source = Source(head["number"], ctx.str(str(raw["section"]), "section"),
                            ctx.str(raw["source"], "source").strip(), f"{rel}:{line}")
            extra: dict[str, Any] = {}
            if kind == "amend":
                extra["fields"] = _fields(raw, ctx, events, selectors)
            elif kind == "replace" and "by" in raw:
                extra["by"] = ctx.str(raw["by"], "by")
            elif kind == "postpone":
                extra.update(period=str(raw["period"]), to=ctx.date(raw["to"], "to"), inclusive=raw["inclusive"])
            changes.append(Change(kind, target, on_directive, source, head["id"], issued, effective, **extra))
    return tuple(changes)
