"""The reminder letter laid out in its parts, with their words and emphasis: what the plain-text
writer (letter_text.py) and the .docx writer (letter_docx.py) both draw.

Two layouts (docs/letter.md cites them):

- ``state``: Nghị định 30/2020/NĐ-CP, Phụ lục I (công văn): left of the header the issuing body
  (upper case, bold), "Số: …/…-…" and the trích yếu "V/v …"; right the Quốc hiệu (upper case,
  bold) and the Tiêu ngữ (bold), then the place and date (italic); "Kính gửi:", the body; at the
  foot "Nơi nhận:" (bold italic) left and the signer's authority and title (upper case, bold) right.
- ``party``: Hướng dẫn 36-HD/VPTW (2018): left the committee (upper case, bold) with a star
  beneath, "Số …-CV/…" and the trích yếu (italic); right "ĐẢNG CỘNG SẢN VIỆT NAM" (upper case,
  bold, underlined), then the place and date (italic); "Kính gửi", the body; at the foot
  "Nơi nhận:" (underlined) left and "T/M …" with the title (upper case, bold) right.

Number, date, place and signer are left to fill ("…"): the program never issues a document.
"""

from __future__ import annotations

from typing import Literal

import attrs

from obligations.render.day_text import day, day_long
from obligations.render.labels import Labels, npmsg, number, pmsg
from obligations.render.messages import assumption_text
from obligations.report.reminder_letter import LateUnit, OverdueItem, ReminderLetter

Align = Literal["left", "center", "right", "justify"]

_t = Labels([
    pmsg("letter.draft", "DRAFT"),
    pmsg("letter.layout_unknown", "Note: the hierarchy does not tell whether {unit} is a Party body or a state "
                                  "body; this draft uses the layout of state bodies (Decree 30/2020/NĐ-CP): "
                                  "change it if the sender is a Party committee."),
    pmsg("letter.assumptions", "For the drafter (remove before issuing): the items below depend on what no "
                               "document gives, as the data marks it:"),
    pmsg("letter.party_title", "COMMUNIST PARTY OF VIETNAM"),
    pmsg("letter.nation", "SOCIALIST REPUBLIC OF VIETNAM"),
    pmsg("letter.motto", "Independence - Freedom - Happiness"),
    pmsg("letter.number_state", "No.: …/…-…"),
    pmsg("letter.number_party", "No. …-CV/…"),
    pmsg("letter.place_date", "…, day … month … year …"),
    pmsg("letter.subject", "Re: reminder to carry out overdue duties"),
    pmsg("letter.to", "To:"),
    pmsg("letter.to_one", "- {name};"),
    pmsg("letter.to_last", "- {name}."),
    pmsg("letter.intro", "According to the tracking record, as of {date} the duties below, set by the documents "
                         "cited, have passed their deadline and no delivery has been recorded:"),
    pmsg("letter.unit_head", "{n}. {name}"),
    pmsg("letter.none", "No duty of this unit is overdue as of {date}."),
    pmsg("letter.item_head", "{n}.{m}. {title} (period {period})"),
    pmsg("letter.document", "Document: {kind} No. {number}{issued}, “{title}”"),
    pmsg("letter.document_issued", " of {date}"),
    pmsg("letter.quote", "Section {section}: “{text}”"),
    pmsg("letter.quote_other", "Section {section} of {number}: “{text}”"),
    pmsg("letter.deadline", "Deadline: {date}"),
    pmsg("letter.deadline_time", "Deadline: {time} on {date}"),
    pmsg("letter.own_deadline", "(the effective deadline, after reconciliation with the deadlines of the levels "
                                "above; the document's own: {date})"),
    pmsg("letter.successor", "{name} (which took over from {ended})"),
    npmsg("letter.late", "Overdue by {n} working day ({days} calendar days).",
          "Overdue by {n} working days ({days} calendar days)."),
    pmsg("letter.send_to", "To be delivered to: {name}"),
    pmsg("letter.request", "The units named above are requested to carry out these duties without delay and to "
                           "deliver the results to the receivers the documents name./."),
    pmsg("letter.copies", "Recipients:"),
    pmsg("letter.copies_above_state", "- As above;"),
    pmsg("letter.copies_file_state", "- Filed: Clerical office, …."),
    pmsg("letter.copies_above_party", "- As above,"),
    pmsg("letter.copies_file_party", "- Filed at the office …."),
    pmsg("letter.on_behalf", "ON BEHALF OF {body}"),
    # the collective body a Party signer stands for (org/kinds.py)
    pmsg("committee.dang_uy", "THE PARTY COMMITTEE"), pmsg("committee.tinh_uy", "THE PROVINCIAL PARTY COMMITTEE"),
    pmsg("committee.thanh_uy", "THE CITY PARTY COMMITTEE"), pmsg("committee.huyen_uy", "THE DISTRICT PARTY COMMITTEE"),
    pmsg("committee.thi_uy", "THE TOWN PARTY COMMITTEE"), pmsg("committee.quan_uy", "THE URBAN DISTRICT PARTY COMMITTEE"),
    pmsg("committee.chi_bo", "THE PARTY CELL"), pmsg("committee.dang_bo", "THE PARTY ORGANISATION"),
    pmsg("committee.bch_trung_uong", "THE CENTRAL COMMITTEE"),
    pmsg("committee.ban_thuong_vu", "THE STANDING COMMITTEE"),
    # the kinds of documents the rule files name (free text: one not listed here is not named)
    pmsg("doc.plan", "plan"), pmsg("doc.guide", "guidance"), pmsg("doc.directive", "directive"),
    pmsg("doc.resolution", "resolution"), pmsg("doc.notice", "notice"), pmsg("doc.decision", "decision"),
    pmsg("doc.circular", "circular"), pmsg("doc.decree", "decree"), pmsg("doc.programme", "programme"),
    pmsg("doc.letter", "official letter"), pmsg("doc.conclusion", "conclusion"),
    pmsg("doc.regulation", "regulation"), pmsg("doc.scheme", "scheme"), pmsg("doc.document", "document"),
    pmsg("letter.on_behalf_blank", "ON BEHALF OF …"),
    pmsg("letter.signer_title", "(TITLE OF THE SIGNER)"),
    pmsg("letter.signer_authority", "AUTHORITY AND TITLE OF THE SIGNER"),
    pmsg("letter.signature", "(Signature, seal)"),
    pmsg("letter.signer_name", "Full name"),
])


def draft_marks() -> tuple[str, ...]:
    """The words a letter's text begins with, in each language: a file that begins so is one we wrote."""
    return tuple(_t("letter.draft", lang) for lang in ("vi", "en"))


@attrs.frozen
class Line:
    """One paragraph of the letter with its emphasis and size in points (the decrees' sizes)."""

    text: str
    align: Align = "left"
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float = 14
    indent: bool = False       # the body's first-line indent
    marked: bool = False       # quotes a rule file's sentence with its emphasis marks (render/emphasis.py)


@attrs.frozen
class Parts:
    """The letter in the order of its layout: a note above (draft, and what could not be told),
    the two columns of the header, the addressees, the body, the two columns of the foot."""

    above: tuple[Line, ...]
    header_left: tuple[Line, ...]
    header_right: tuple[Line, ...]
    addressees: tuple[Line, ...]
    body: tuple[Line, ...]
    foot_left: tuple[Line, ...]
    foot_right: tuple[Line, ...]
    subject: str               # the trích yếu, also the document's title


def parts(letter: ReminderLetter, lang: str) -> Parts:
    """The letter's parts in ``lang`` (vi or en): the layout's words translated, the data as it is."""
    party = letter.layout == "party"
    above = [Line(_t("letter.draft", lang), "right", bold=True, size=12)]
    if not letter.layout_known:
        above.append(Line(_t("letter.layout_unknown", lang, unit=letter.sender_name), italic=True, size=12))
    if letter.assumptions:
        above.append(Line(_t("letter.assumptions", lang), italic=True, size=12))
        above.extend(Line("- " + assumption_text(a, lang), italic=True, size=12) for a in letter.assumptions)
    name = letter.sender_name.upper()
    left: tuple[Line, ...]
    right: tuple[Line, ...]
    if party:
        left = (Line(name, "center", bold=True, size=14), Line("*", "center", size=14),
                Line(_t("letter.number_party", lang), "center", size=14),
                Line(_t("letter.subject", lang), "center", italic=True, size=12))
        right = (Line(_t("letter.party_title", lang), "center", bold=True, underline=True, size=15),
                 Line(_t("letter.place_date", lang), "center", italic=True, size=14))
    else:
        left = (Line(name, "center", bold=True, size=13), Line(_t("letter.number_state", lang), "center", size=13),
                Line(_t("letter.subject", lang), "center", size=12))
        right = (Line(_t("letter.nation", lang), "center", bold=True, size=13),
                 Line(_t("letter.motto", lang), "center", bold=True, underline=True, size=14),
                 Line(_t("letter.place_date", lang), "center", italic=True, size=14))
    return Parts(tuple(above), left, right, _addressees(letter, lang), _body(letter, lang),
                 _copies(party, lang), _signature(letter, party, lang), _t("letter.subject", lang))


def _addressees(letter: ReminderLetter, lang: str) -> tuple[Line, ...]:
    names = [unit.name for unit in letter.late]
    if len(names) == 1:
        return (Line(f"{_t('letter.to', lang)} {names[0]}", "center", size=14),)
    lines = [Line(_t("letter.to", lang), "center", size=14)]
    lines += [Line(_t("letter.to_last" if n == len(names) - 1 else "letter.to_one", lang, name=name), size=14)
              for n, name in enumerate(names)]
    return tuple(lines)


def _body(letter: ReminderLetter, lang: str) -> tuple[Line, ...]:
    lines = [Line(_t("letter.intro", lang, date=day(letter.on, lang)), "justify", indent=True)]
    for n, unit in enumerate(letter.late, 1):
        lines.append(Line(""))
        lines.extend(_unit(unit, n, letter, lang))
    lines.append(Line(""))
    lines.append(Line(_t("letter.request", lang), "justify", indent=True))
    return tuple(lines)


def _unit(unit: LateUnit, n: int, letter: ReminderLetter, lang: str) -> list[Line]:
    lines = [Line(_t("letter.unit_head", lang, n=str(n), name=unit.name), "justify", bold=True, indent=True)]
    if not unit.items:
        return lines + [Line(_t("letter.none", lang, date=day(letter.on, lang)), "justify", indent=True)]
    for m, item in enumerate(unit.items, 1):
        lines.extend(_item(item, n, m, lang))
    return lines


def _item(item: OverdueItem, n: int, m: int, lang: str) -> list[Line]:
    title = (item.title_en or item.title_vi) if lang == "en" else item.title_vi
    issued = _t("letter.document_issued", lang, date=day(item.issued, lang)) if item.issued else ""
    kind = f"doc.{item.document_kind}"
    kind = _t(kind if kind in _t else "doc.document", lang)
    lines = [Line(_t("letter.item_head", lang, n=str(n), m=str(m), title=title, period=item.period), "justify",
                  italic=True, indent=True),
             Line("- " + _t("letter.document", lang, kind=kind, number=item.number, issued=issued,
                            title=item.document_title), "justify", indent=True)]
    for quote in item.quotes:
        # verbatim, as the rule file keeps it: its ** marks the words that set the deadline, bold in a
        # .docx, dropped in text (render/emphasis.py)
        key, other = ("letter.quote", "") if quote.directive == item.number else ("letter.quote_other", quote.directive)
        lines.append(Line("- " + _t(key, lang, section=quote.section, number=other, text=quote.text), "justify",
                          indent=True, marked=True))
    when = day_long(item.deadline, lang)
    deadline = (_t("letter.deadline_time", lang, time=item.deadline_time, date=when) if item.deadline_time
                else _t("letter.deadline", lang, date=when))
    if item.own_deadline != item.deadline:
        deadline += " " + _t("letter.own_deadline", lang, date=day(item.own_deadline, lang))
    lines.append(Line("- " + deadline, "justify", indent=True))
    lines.append(Line("- " + _t("letter.late", lang, n=item.working_days_late, days=number(item.days_late, lang)),
                      "justify", indent=True))
    if item.recipient_name:
        name = item.recipient_name
        if item.recipient_successor_name:     # the receiver named then has ended: its successor receives
            name = _t("letter.successor", lang, name=item.recipient_successor_name, ended=item.recipient_name)
        lines.append(Line("- " + _t("letter.send_to", lang, name=name), "justify", indent=True))
    return lines


def _copies(party: bool, lang: str) -> tuple[Line, ...]:
    if party:
        return (Line(_t("letter.copies", lang), underline=True, size=14),
                Line(_t("letter.copies_above_party", lang), size=12),
                Line(_t("letter.copies_file_party", lang), size=12))
    return (Line(_t("letter.copies", lang), bold=True, italic=True, size=12),
            Line(_t("letter.copies_above_state", lang), size=11),
            Line(_t("letter.copies_file_state", lang), size=11))


def _signature(letter: ReminderLetter, party: bool, lang: str) -> tuple[Line, ...]:
    head: tuple[Line, ...]
    if party:
        on_behalf = (_t("letter.on_behalf", lang, body=_t(f"committee.{letter.committee}", lang)) if letter.committee
                     else _t("letter.on_behalf_blank", lang))
        head = (Line(on_behalf, "center", bold=True), Line(_t("letter.signer_title", lang), "center", bold=True))
    else:
        head = (Line(_t("letter.signer_authority", lang), "center", bold=True),)
    return head + (Line(_t("letter.signature", lang), "center", italic=True), Line(""), Line(""),
                   Line(_t("letter.signer_name", lang), "center", bold=True))
