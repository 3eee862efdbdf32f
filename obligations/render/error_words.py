"""The edges' words for an error, chosen by its code (and the parameter its fix asks for).

The library's fix is neutral (it names no command-line flag and no JSON field: an app calls
``ws.extend(..., ref=...)``); each edge names the input in its own words here: the command
line its flags ("--ref"), the JSON API its fields ("ref"), the office page a sentence in the
page's language. A key is "code:param" or "code"; a missing key keeps the library's fix.
Templates take the error's ``data`` and ``{fix}`` (the library's fix), ``{flag}`` ("--" and
the parameter) and ``{param}``. The page's table is in the style of render/messages.py
(Vietnamese, English); the command line's and the API's are English, as their refusals.
"""

from __future__ import annotations

import datetime as dt

from obligations.base.errors import Both, Number, ObligationsError, Said
from obligations.render import catalogue
from obligations.render.day_text import day_iso
from obligations.render.labels import Labels, pmsg

# -- the command line: its flags, in the language of the command's --lang (the gettext catalogues:
# the key "cli:code:param" or "cli:code" is the msgctxt, the English the msgid)
_CLI = Labels([
    pmsg("cli:missing-value:ref", 'give --ref "số văn bản"'),
    pmsg("cli:missing-value:reason", 'give --reason "why", e.g. "sửa ngày nộp"; nothing was written'),
    pmsg("cli:bad-input:replace", "add --replace to replace the record, or leave --reason out; nothing was written"),
    pmsg("cli:bad-range:until", "give a later --until date; nothing was written"),
    pmsg("cli:no-record:replace", "record it without --replace and --reason; nothing was written"),
    pmsg("cli:already-recorded:replace", 'if the new one corrects it, record it again with --replace --reason "why"; '
                                         "the record replaced is kept as history"),
    pmsg("cli:unit-not-active", "{fix} ({flag} {last})"),
    pmsg("cli:event-not-recorded", "record it: python -m obligations event --unit {unit} --event {event} "
                                   "--on YYYY-MM-DD [--db FILE], then ask again with the same --db"),
    pmsg("cli:log-file:db", "{fix} (the log is the file of --db)"),
    pmsg("cli:data-file:rules", "{fix}, with {flag}"),
    pmsg("cli:data-file:org", "{fix}, with {flag}"),
    pmsg("cli:data-file:calendars", "{fix}, with {flag}"),
    pmsg("cli:calendar-range:calendars", "{fix}, with {flag}"),
    pmsg("cli:engine:engine", "re-run with --engine python and report this"),
    pmsg("cli:not-installed:engine", "use --engine python"),
    pmsg("cli:not-installed:format", 'pip install "obligations[sheets]" (or use --format csv --excel)'),
])

# -- every code in a few words: what a refusal is about when its message has no words of the
# language asked for (a message not yet given as ``said``: render/refusal.py says so)
CODE_WORDS = Labels([
    pmsg("code:bad-input", "a value given is not acceptable"),
    pmsg("code:bad-date", "a date is not valid"),
    pmsg("code:bad-range", "a span or a number of days does not fit"),
    pmsg("code:missing-value", "a required value is missing"),
    pmsg("code:too-long", "a text is too long"),
    pmsg("code:unknown-unit", "the unit is not known"),
    pmsg("code:ambiguous-unit", "the name fits several units"),
    pmsg("code:unknown-duty", "the duty or period is not known for the unit"),
    pmsg("code:unknown-event", "the event is not known"),
    pmsg("code:unknown-option", "the option is not known"),
    pmsg("code:unit-not-active", "the unit did not exist on the day asked about"),
    pmsg("code:event-not-recorded", "the date of the event is not recorded"),
    pmsg("code:calendar-range", "the date lies outside the calendar data"),
    pmsg("code:already-recorded", "the item already has a different record"),
    pmsg("code:no-record", "there is no record to replace"),
    pmsg("code:log-file", "the log cannot be used"),
    pmsg("code:output-file", "the output file cannot be written"),
    pmsg("code:data-file", "a data file has an error"),
    pmsg("code:several-problems", "there are several problems"),
    pmsg("code:document", "the document cannot be read"),
    pmsg("code:not-installed", "an optional package is not installed"),
    pmsg("code:engine", "the rules engine failed (a bug: please report it)"),
    pmsg("code:unauthorized", "the token is missing or not known"),
    pmsg("code:forbidden", "the token is for another unit"),
    pmsg("code:not-found", "there is no such page"),
    pmsg("code:method-not-allowed", "the page does not take this method"),
    pmsg("code:too-large", "the request is too large"),
    pmsg("code:unsupported-media", "the request is not in the form the page takes"),
    pmsg("code:invalid-request", "the request has fields or values the page does not take"),
    pmsg("code:internal", "an internal error"),
    pmsg("code:untranslated", "{what} (the message in English: {english})"),
])

# -- the JSON API: its fields and query parameters
_API: dict[str, str] = {
    "missing-value:ref": 'send "ref": the number of the document that grants it ("số văn bản")',
    "missing-value:reason": 'send "reason": why, e.g. "sửa ngày nộp"; nothing was written',
    "bad-input:replace": 'send "replace": true to replace the record, or leave "reason" out; nothing was written',
    "bad-range:until": 'send a later "until"; nothing was written',
    "no-record:replace": 'send it without "replace" and "reason"; nothing was written',
    "already-recorded:replace": 'if the new one corrects it, send it again with "replace": true and "reason": '
                                '"why"; the record replaced is kept as history',
    "unit-not-active": "{fix} ({param}={last})",
    "event-not-recorded": 'record the event first (POST to the events of unit {unit} with "event": "{event}" '
                          'and "on"), then ask again',
}

# -- the office page: what went wrong and the fix, in the page's language, from the code and its data
_PAGE = Labels([
    pmsg("unknown-unit", "There is no unit «{unit}» in the list of units."),
    pmsg("unknown-unit_fix", "Pick the unit from the list of units."),
    pmsg("ambiguous-unit", "{n} units are named «{unit}»: {shown}."),
    pmsg("ambiguous-unit_fix", "Give the unit's id, or its name and province after a comma (e.g. Lâm Bình, Tuyên Quang)."),
    pmsg("unit-not-active", "The unit «{unit}» did not exist on the day asked about."),
    pmsg("unit-not-active_fix", "Pick its successor, or ask about a day when the unit existed ({last})."),
    pmsg("bad-date", "The date entered is not valid."),
    pmsg("bad-date_fix", "Enter the date as DD/MM/YYYY or YYYY-MM-DD, e.g. 23/11/2026."),
    pmsg("bad-range", "The dates entered do not fit (the end comes before the start)."),
    pmsg("bad-range_fix", "Enter a later date, then send again."),
    pmsg("missing-value", "A required field is empty."),
    pmsg("missing-value_fix", "Fill in the required fields (e.g. the document number), then send again."),
    pmsg("too-long", "A text entered is too long."),
    pmsg("too-long_fix", "Shorten the note or the reference, then send again."),
    pmsg("unknown-duty", "This duty or period is not found for the unit."),
    pmsg("unknown-duty_fix", "Go back to the page of what is due and pick it again from the list."),
    pmsg("unknown-event", "This event is not known."),
    pmsg("unknown-event_fix", "Pick an event the directives declare."),
    pmsg("event-not-recorded", "This deadline counts from an event whose date is not recorded."),
    pmsg("event-not-recorded_fix", "Record the date of the event first, then look again."),
    pmsg("calendar-range", "The year {year} lies outside the calendar data ({first}–{last})."),
    pmsg("calendar-range_fix", "Ask about a nearer day, or ask the administrator to add calendar data."),
    pmsg("already-recorded", "This item already has a different record in the log."),
    pmsg("already-recorded_fix", "To correct the record, use the API with replace and reason (see the service documentation)."),
    pmsg("no-record", "There is no record to replace."),
    pmsg("no-record_fix", "Record it as a new record."),
    pmsg("log-file", "The service's log cannot be used."),
    pmsg("log-file_fix", "Tell the administrator of the service."),
    pmsg("data-file", "The service's data has an error."),
    pmsg("data-file_fix", "Tell the administrator of the service."),
    pmsg("engine", "The service failed while working out a status."),
    pmsg("engine_fix", "Tell the administrator of the service."),
])


def _values(exc: ObligationsError) -> dict[str, object]:
    param = exc.param or ""
    return {**exc.data, "fix": exc.fix or "", "param": param, "flag": f"--{param}"}


def _said(table: dict[str, str], exc: ObligationsError) -> str | None:
    for key in (f"{exc.code}:{exc.param}", exc.code):
        if key in table:
            try:
                return table[key].format(**_values(exc))
            except (KeyError, IndexError):      # a template whose value this error lacks: the library's words
                return None
    return None


def say(text: str | Said | None, lang: str) -> str | None:
    """A text given with its values (``said``) in ``lang``: the catalogue's template, each value
    said in the same language (a date as the language writes it: 30/11/2026, 2026-11-30); a
    plain text as it is (English: the messages not yet given as ``said``)."""
    if not isinstance(text, Said):
        return text
    from obligations.render.catalogue import text as catalogue_text
    from obligations.render.day_text import day

    from obligations.render.labels import number

    values = {k: say(v, lang) if isinstance(v, Said) else day(v, lang) if isinstance(v, dt.date)
              else number(int(v), lang) if isinstance(v, Number)
              else v.vi if isinstance(v, Both) and catalogue.language(lang) == "vi" else str(v)
              for k, v in text.values.items()}
    count = text.values.get("n")
    if not text.key:                                            # no key: a joint
        template = text.english
    elif text.plural is not None and isinstance(count, int):   # said_n: the language's plural form for n
        template = catalogue_text(lang, text.key, text.english, text.plural, count)
    else:
        template = catalogue_text(lang, text.key, text.english)
    return template.format(**values)


def is_said(exc: ObligationsError) -> bool:
    """Whether the message has words in every language (given as ``said``)."""
    return exc.said_message is not None


def cli_fix(exc: ObligationsError, lang: str = "en") -> str | None:
    """The fix as the command line says it (its flags) in ``lang``, else the library's."""
    for key in (f"cli:{exc.code}:{exc.param}", f"cli:{exc.code}"):
        if key in _CLI:
            values = {**_values(exc), "fix": say(exc.said_fix, lang) or exc.fix or ""}
            values = {k: day_iso(v, lang) if k == "last" else v for k, v in values.items()}
            try:
                return _CLI(key, lang, **values)
            except (KeyError, IndexError):      # a template whose value this error lacks: the library's words
                break
    return say(exc.said_fix, lang) or exc.fix


def cli_text(exc: ObligationsError, lang: str = "en") -> str:
    """The one-line refusal of the command line: the library's message, the command line's fix,
    in ``lang`` where the message is given as ``said`` (render/refusal.py says the others)."""
    from obligations.base.errors import Problems

    if isinstance(exc, Problems):
        return "\n".join(cli_text(p, lang) for p in exc.problems)
    where = ":".join(str(p) for p in (exc.file, say(exc.said_place, lang) or exc.place) if p)
    fix = cli_fix(exc, lang)
    if exc.said_message is None and catalogue.language(lang) != "en":
        # a message not yet given as ``said``: the code's words in the language asked for, and the
        # English kept whole (its file, place, values), marked as such rather than mixed in silently
        english_fix = cli_fix(exc, "en")
        said_words = CODE_WORDS("code:untranslated", lang, what=CODE_WORDS(f"code:{exc.code}", lang),
                                english=exc.message + (f" ({english_fix})" if english_fix else ""))
        return f"{where}: {said_words}" if where else said_words
    message = say(exc.said_message, lang) or exc.message
    text = f"{where}: {message}" if where else message
    return f"{text} ({fix})" if fix else text


def api_fix(exc: ObligationsError) -> str | None:
    """The fix as the JSON API says it (its fields), else the library's."""
    return _said(_API, exc) or exc.fix


def page_detail(exc: ObligationsError, lang: str) -> str:
    """The detail under an error page's words: the library's own text (English) only on the
    English page; a Vietnamese page names just the file and the place."""
    if lang == "en":
        return exc.render()
    return ":".join(str(p) for p in (exc.file, say(exc.said_place, "vi") or exc.place) if p)


def page_said(exc: ObligationsError, lang: str) -> tuple[str, str] | None:
    """What went wrong and its fix in the page's language, from the code and its data; None
    when the code has no words of its own (the page then speaks from the HTTP status)."""
    lang = "en" if lang == "en" else "vi"
    if exc.code not in _PAGE or f"{exc.code}_fix" not in _PAGE:
        return None
    values = {k: day_iso(v, lang) if k == "last" else v for k, v in _values(exc).items()}   # dates as people write them
    try:
        return _PAGE(exc.code, lang, **values), _PAGE(f"{exc.code}_fix", lang, **values)
    except (KeyError, IndexError):
        return None
