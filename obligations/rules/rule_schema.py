"""The schema of a rule file's ``[directive]``, ``[[duty]]`` and ``[[undated]]`` tables.

The schedule table is described by the schedule language (rules/loader.py ``_schedule``);
here only its kind key is required to be a text, so a list or a number there is reported
with the rest instead of failing later.
"""

from __future__ import annotations

from typing import Any

from obligations.base.errors import DataFileError, said
from obligations.base.schema import Field, Table, validate, validate_tables
from obligations.base.toml import Locator, TOP_LEVEL
from obligations.base.vocabulary import ROLL_POLICIES
from obligations.rules.model import DUTY_KINDS, REGIME_FIELDS

# Working days before a deadline from which a duty counts as due soon: a working year at most.
DUE_SOON_MAX = 250
LEVEL_SELECTORS = said("fix:rule:selectors", 'use "self", "children", "level:<central|province|district|commune|cell>" or '
                       '"unit:<unit id>"')

POLICY_SCHEMA = Table((
    Field("before", "str", choices=("exclusive", "inclusive")),
    Field("roll", "str", choices=ROLL_POLICIES),
    Field("opens", "str", choices=("period_start", "validity_start")),
    Field("due_soon_days", "int", low=0, high=DUE_SOON_MAX, fix=said("fix:working-days", "a number of working days from 0 to {high}", high=DUE_SOON_MAX)),
    Field("track", "bool", fix=said("fix:rule:track", "track = true: past occurrences of an activity count as overdue when not recorded")),
))
_SCHEDULE_HEAD = Table((Field("type", "str"), Field("every", "str")), open=True)
_EXAMPLE = Table((Field("unit", "id", required=True), Field("period", "scalar", required=True),
                  Field("window_start", "date", required=True), Field("deadline", "date", required=True)))
_SEE_ALSO = Table((Field("section", "scalar", required=True), Field("text", "str", required=True)))

DIRECTIVE_SCHEMA = Table((
    Field("id", "id", required=True, fix=said("fix:rule:id", 'e.g. id = "76-KH-DU"')),
    Field("number", "str", required=True, fix=said("fix:rule:number", 'the number as printed, e.g. number = "76-KH/ĐU"')),
    Field("kind", "str", required=True), Field("issuer", "str", required=True),
    Field("unit", "id", required=True, fix=said("fix:rule:unit", "the id of the issuing unit in the hierarchy")),
    Field("title", "str", required=True), Field("issued", "date"),
    Field("implements", "str_list", non_empty=False, fix=said("fix:rule:implements", 'e.g. implements = ["105-KH/HU"]')),
    Field("source_document", "str"), Field("note", "str"),
    Field("secondary_source", "str", fix=said("fix:rule:secondary_source", "say in Vietnamese where the directive is known from, e.g. a news article and its date")),
    Field("secondary_source_en", "str", fix=said("fix:rule:secondary_source_en", "the same in English")),
))
# A reporting regime (Nghị định 09/2019/NĐ-CP, Điều 7): each field the document states, with the
# sentence that states it; a field it does not state is left out (docs/rules.md, "Reporting regimes").
_REGIME_FIELD = Table((
    Field("value", "str", required=True, fix=said("fix:rule:value", "the field as the document states it, in its words")),
    Field("source", "str", required=True, fix=said("fix:rule:source", "quote the sentence of the document that states this field")),
    Field("section", "scalar", fix=said("fix:rule:section", "the section of that sentence, when it is not the duty's own")),
))
REGIME_SCHEMA = Table(tuple(Field(name, "table", schema=_REGIME_FIELD,
                                  fix=said("fix:rule:regime-field", 'write it as {name} = {{ value = "...", source = "the sentence" }}', name=name))
                            for name in REGIME_FIELDS))
DUTY_SCHEMA = Table((
    Field("id", "id", required=True), Field("section", "scalar", required=True),
    Field("source", "str", required=True, fix=said("fix:rule:source-2", "quote the sentence of the directive")),
    Field("kind", "str", required=True, choices=DUTY_KINDS),
    Field("title_vi", "str", required=True),
    Field("title_en", "str", fix=said("fix:rule:title_en", "an English title, or leave title_en out: English outputs then show title_vi")),
    Field("performers", "text_or_list", required=True, fix=LEVEL_SELECTORS),
    Field("recipient", "id", required=True, fix=said("fix:rule:recipient", '"issuer", "parent" or a unit id')),
    Field("body", "str"),
    Field("schedule", "table", required=True, schema=_SCHEDULE_HEAD),
    Field("valid", "table", required=True, schema=Table((Field("from", "date", required=True),
                                                         Field("until", "date")))),
    Field("policy", "table", schema=POLICY_SCHEMA),
    Field("see_also", "tables", schema=_SEE_ALSO, non_empty=False),
    Field("note", "str"),
    Field("example", "tables", schema=_EXAMPLE, non_empty=False),
    Field("feeds", "str_list", non_empty=False, fix=said("fix:rule:feeds", 'e.g. feeds = ["CV-BTVTU-KonTum/bao-cao-hang-nam"]')),
    Field("draft", "any"),
    Field("assumed", "text_or_list", fix=said("fix:rule:assumed", "a sentence (or a list) saying in Vietnamese what the text does not give")),
    Field("assumed_en", "text_or_list", fix=said("fix:rule:assumed_en", "the sentences of assumed in English, in the same order")),
    Field("regime", "table", schema=REGIME_SCHEMA,
          fix=said("fix:rule:regime", "the fields of the reporting regime the document states: {fields}",
                   fields=", ".join(REGIME_FIELDS))),
))
UNDATED_SCHEMA = Table((Field("section", "scalar", required=True), Field("text", "str", required=True),
                        Field("note", "str", required=True)))
EVENT_SCHEMA = Table((Field("id", "id", required=True), Field("source", "str", required=True),
                      Field("date", "date"), Field("note", "str")))
# What a later document does to another's duties (rules/lifecycle.py; docs/rules.md section 9)
_CHANGE_HEAD = (Field("section", "scalar", required=True),
                Field("source", "str", required=True, fix=said("fix:rule:source-3", "quote the sentence of the changing document")),
                Field("effective", "date", required=True,
                      fix=said("fix:rule:effective", "the day the change takes effect (the issue date when the text says \"kể từ ngày ký\")")),
                Field("note", "str"))
_TARGET_FIX = said("fix:rule:target", 'a duty as "<directive id>/<duty id>", e.g. "CV-BTVTU-KonTum/bao-cao-hang-nam"')
_DUTY_TARGET = Field("duty", "str", required=True, fix=_TARGET_FIX)
_EITHER = (Field("duty", "str", fix=_TARGET_FIX), Field("directive", "id", fix=said("fix:rule:directive", 'a directive id, e.g. "76-KH-DU"')))
AMEND_SCHEMA = Table((_DUTY_TARGET, *_CHANGE_HEAD,
                      Field("schedule", "table", schema=_SCHEDULE_HEAD),
                      Field("performers", "text_or_list", fix=LEVEL_SELECTORS),
                      Field("recipient", "id", fix=said("fix:rule:recipient-2", '"issuer", "parent" or a unit id')),
                      Field("body", "str"), Field("title_vi", "str"), Field("title_en", "str"),
                      Field("valid", "table", schema=Table((Field("from", "date"), Field("until", "date")))),
                      Field("policy", "table", schema=POLICY_SCHEMA)))
REPLACE_SCHEMA = Table((*_EITHER, *_CHANGE_HEAD, Field("by", "str", fix=said("fix:rule:by", "the duty or directive id that takes over"))),
                       one_of=(("duty", "directive"),))
REVOKE_SCHEMA = Table((*_EITHER, *_CHANGE_HEAD), one_of=(("duty", "directive"),))
POSTPONE_SCHEMA = Table((_DUTY_TARGET, *_CHANGE_HEAD,
                         Field("period", "scalar", required=True, fix=said("fix:rule:period", 'the period moved, e.g. period = "2025"')),
                         Field("to", "date", required=True, fix=said("fix:rule:to", "the day the text moves it to")),
                         Field("inclusive", "bool", required=True,
                               fix=said("fix:rule:inclusive", 'true for "đến ngày D", "chậm nhất ngày D"; false for "trước ngày D"'))))
CHANGE_SCHEMAS = {"amend": AMEND_SCHEMA, "replace": REPLACE_SCHEMA, "revoke": REVOKE_SCHEMA,
                  "reinstate": REVOKE_SCHEMA, "postpone": POSTPONE_SCHEMA}

# [[not_drafted]]: what `extract` saw in the text and did not draft, with the reason; kept in the
# reviewed file as a record of that review, never read as rules.
FILE_SCHEMA = Table((Field("directive", "table", required=True), Field("duty", "tables", non_empty=False),
                     Field("undated", "tables", non_empty=False), Field("event", "tables", non_empty=False),
                     Field("not_drafted", "tables", non_empty=False),
                     *(Field(kind, "tables", non_empty=False) for kind in CHANGE_SCHEMAS)))


def validate_rule_doc(doc: dict[str, Any], loc: Locator) -> list[DataFileError]:
    """Every violation of the rule-file schema, all at once (the schedule's own keys excepted)."""
    problems = validate(doc, FILE_SCHEMA, loc, line=None, place=TOP_LEVEL)
    if problems:
        return problems
    problems += validate(doc["directive"], DIRECTIVE_SCHEMA, loc, line=loc.header_line("directive"),
                         place="[directive]")
    problems += validate_tables(doc, "duty", DUTY_SCHEMA, loc, place="duty")
    problems += validate_tables(doc, "undated", UNDATED_SCHEMA, loc, place="undated")
    problems += validate_tables(doc, "event", EVENT_SCHEMA, loc, place="event")
    for kind, schema in CHANGE_SCHEMAS.items():
        problems += validate_tables(doc, kind, schema, loc, place=kind)
    return problems
