"""The reporting-regime catalogue (report/catalogue.py) in words: one row per regime with the ten
fields of Nghị định 09/2019/NĐ-CP, Điều 7, each with its source (document, section, sentence),
in Vietnamese or English; as a table, CSV, an .xlsx workbook or JSON (docs/schemas/catalogue.json)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from obligations.org.hierarchy import Hierarchy
from obligations.render.day_text import day
from obligations.render.emphasis import plain
from obligations.render.labels import Labels, pmsg
from obligations.render.messages import pick
from obligations.render.sheets import Column
from obligations.report.catalogue import CatalogueEntry, CatalogueField
from obligations.rules.model import REGIME_FIELDS, Duty

_w = Labels([
    pmsg("regime.name", "Report name"),
    pmsg("regime.content", "Content required"),
    pmsg("regime.reporter", "Who reports"),
    pmsg("regime.receiver", "Who receives"),
    pmsg("regime.method", "How it is sent and received"),
    pmsg("regime.deadline", "Deadline"),
    pmsg("regime.frequency", "Frequency"),
    pmsg("regime.cutoff", "Data cut-off"),
    pmsg("regime.template", "Outline template"),
    pmsg("regime.forms", "Data forms"),
    pmsg("regime.not_stated", "not stated"),
    pmsg("regime.from_duty", "from the duty"),
    pmsg("regime.head", "Reporting regimes that apply to {unit} and the units below it ({n} regimes)"),
    pmsg("regime.none", "No reporting regime applies to {unit} or the units below it."),
    pmsg("regime.row", "{n}. {duty} ({document}, section {section}; {issued}; units: {units})"),
    pmsg("regime.issued", "issued {date}"),
    pmsg("regime.field", "   {field}: {value}"),
    pmsg("regime.source", "   [{n}] {document}, section {section}: “{text}”"),
    pmsg("regime.no_date", "date of issue not stated"),
    pmsg("regime.sel.self", "{issuer} itself"),
    pmsg("regime.sel.children", "the units directly under {issuer}"),
    pmsg("regime.sel.level", "every {level} under {issuer}"),
    pmsg("regime.sel.unit", "{unit}"),
    pmsg("regime.to_parent", "the unit directly above"),
    pmsg("regime.every.year", "yearly"), pmsg("regime.every.month", "monthly"), pmsg("regime.every.quarter", "quarterly"),
    pmsg("regime.every.half", "every half-year"), pmsg("regime.every.nine_months", "every nine months"),
    pmsg("regime.every.week", "weekly"), pmsg("regime.every.once", "once"),
    pmsg("regime.col.number", "No."), pmsg("regime.col.directive", "Document"), pmsg("regime.col.section", "Section"), pmsg("regime.col.duty", "Duty"),
    pmsg("regime.col.units", "Units"), pmsg("regime.col.source", "Sources"),
])


def field_label(name: str, lang: str) -> str:
    return _w(f"regime.{name}", lang)


def _derived_value(name: str, duty: Duty, entry: CatalogueEntry, hierarchy: Hierarchy, lang: str) -> str:
    """A field the duty states: who reports (performers), who receives (recipient), the deadline
    and the frequency (schedule), in the language's words."""
    issuer = hierarchy.name(entry.directive.unit)
    if name == "reporter":
        from obligations.render.messages import policy_word

        parts = []
        for selector in duty.performers:
            if selector == "self":
                parts.append(_w("regime.sel.self", lang, issuer=issuer))
            elif selector == "children":
                parts.append(_w("regime.sel.children", lang, issuer=issuer))
            elif selector.startswith("level:"):
                parts.append(_w("regime.sel.level", lang, level=policy_word("level", selector[6:], lang), issuer=issuer))
            else:
                parts.append(_w("regime.sel.unit", lang, unit=hierarchy.name(selector[5:])))
        return "; ".join(parts)
    if name == "receiver":
        who = (issuer if duty.recipient == "issuer" else _w("regime.to_parent", lang) if duty.recipient == "parent"
               else hierarchy.name(duty.recipient))
        return f"{who} ({duty.body})" if duty.body and duty.body.startswith("qua ") else who
    description = duty.schedule.describe()
    if name == "deadline":
        from obligations.render.schedule_text import text

        return text(description, lang)
    every = dict(description.params).get("every")
    return _w(f"regime.every.{every}" if description.code.startswith("periodic.") else "regime.every.once", lang)


def _source(entry: CatalogueEntry, field: CatalogueField) -> dict[str, str] | None:
    if field.stated is not None:
        return {"document": entry.directive.number, "section": field.stated.section, "text": field.stated.source}
    if field.derived:
        src = entry.duty.source
        return {"document": src.directive, "section": src.section, "text": src.text}
    return None


def _value(entry: CatalogueEntry, field: CatalogueField, hierarchy: Hierarchy, lang: str) -> str | None:
    if field.stated is not None:
        return field.stated.value
    if field.derived:
        return _derived_value(field.name, entry.duty, entry, hierarchy, lang)
    return None


def entry_dict(entry: CatalogueEntry, hierarchy: Hierarchy, lang: str) -> dict[str, object]:
    """One row of the JSON document: the duty, its document, the units, and the ten fields."""
    return {
        "duty": entry.duty.id,
        "title": pick(lang, entry.duty.title_vi, entry.duty.title_en),
        "document": {"id": entry.directive.id, "number": entry.directive.number,
                     "issued": entry.directive.issued.isoformat() if entry.directive.issued else None,
                     "issuer": entry.directive.issuer},
        "units": list(entry.units),
        "fields": {f.name: {"label": field_label(f.name, lang),
                            "value": _value(entry, f, hierarchy, lang),
                            "stated": f.stated is not None, "derived": f.derived,
                            "source": _source(entry, f)} for f in entry.fields},
        "missing": [f.name for f in entry.fields if f.missing],
        "location": entry.regime.location,
    }


def to_json(entries: Sequence[CatalogueEntry], hierarchy: Hierarchy, under: str, lang: str) -> dict[str, object]:
    from obligations.base.version import SCHEMA_VERSION

    return {"schema_version": SCHEMA_VERSION, "under": under, "lang": "en" if lang == "en" else "vi",
            "fields": list(REGIME_FIELDS),
            "regimes": [entry_dict(e, hierarchy, lang) for e in entries]}


def table(entries: Sequence[CatalogueEntry], hierarchy: Hierarchy, under: str, lang: str) -> str:
    """The catalogue for people: each regime, its ten fields, each marked with the number of the
    sentence that states it ([1], [2] …), and the sentences quoted once below the fields."""
    if not entries:
        return _w("regime.none", lang, unit=hierarchy.name(under)) + "\n"
    lines = [_w("regime.head", lang, unit=hierarchy.name(under), n=len(entries))]
    for index, entry in enumerate(entries, start=1):
        issued = (_w("regime.issued", lang, date=day(entry.directive.issued, lang)) if entry.directive.issued
                  else _w("regime.no_date", lang))
        lines += ["", _w("regime.row", lang, n=index, duty=pick(lang, entry.duty.title_vi, entry.duty.title_en),
                         document=entry.directive.number, section=entry.duty.source.section, issued=issued,
                         units=", ".join(entry.units))]
        sources: list[tuple[str, str, str]] = []
        for f in entry.fields:
            value = _value(entry, f, hierarchy, lang)
            shown = value if value is not None else _w("regime.not_stated", lang)
            src = _source(entry, f)
            if src is not None:
                key = (src["document"], src["section"], src["text"])
                if key not in sources:
                    sources.append(key)
                shown += f" [{sources.index(key) + 1}]"
            if f.derived:
                shown += f" ({_w('regime.from_duty', lang)})"
            lines.append(_w("regime.field", lang, field=field_label(f.name, lang), value=shown))
        for number, (document, section, text) in enumerate(sources, start=1):
            lines.append(_w("regime.source", lang, n=number, document=document, section=section, text=plain(text)))
    return "\n".join(lines) + "\n"


@attrs.frozen
class _Col(Column):
    """A column of the catalogue, its header from this module's words."""

    def header(self, lang: str) -> str:
        return field_label(self.key, lang) if self.key in REGIME_FIELDS else _w(f"regime.col.{self.key}", lang)


# As provinces publish their lists of regimes: a number, the ten fields in the decree's order; then
# where each regime comes from and who reports under it.
COLUMNS: tuple[Column, ...] = (_Col("number", "number"), *(_Col(name) for name in REGIME_FIELDS), _Col("directive"),
                               _Col("section"), _Col("duty"), _Col("units"), _Col("source"))


def sheet_rows(entries: Sequence[CatalogueEntry], hierarchy: Hierarchy, lang: str) -> list[dict[str, object]]:
    """One row per regime for CSV and xlsx: the ten fields (\"not stated\" in words) and, in one cell,
    the source of each field as "field: document section: sentence"."""
    rows = []
    for number, entry in enumerate(entries, start=1):
        row: dict[str, object] = {"number": number, "directive": entry.directive.number, "section": entry.duty.source.section,
                                  "duty": entry.duty.id, "units": ", ".join(entry.units)}
        sources = []
        for f in entry.fields:
            value = _value(entry, f, hierarchy, lang)
            row[f.name] = value if value is not None else _w("regime.not_stated", lang)
            src = _source(entry, f)
            if src is not None:
                sources.append(f"{field_label(f.name, lang)}: {src['document']} {src['section']}: {plain(src['text'])}")
        row["source"] = " | ".join(sources)
        rows.append(row)
    return rows
