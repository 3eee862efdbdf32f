"""The versions of a duty in `explain`: JSON and text, in Vietnamese and English."""

from __future__ import annotations

from typing import Any

from obligations.render.day_text import day_iso, period_text
from obligations.render.emphasis import plain, sentence_fields
from obligations.render.labels import Labels, pmsg
from obligations.render.schedule_text import text as schedule_text
from obligations.report.history import History
from obligations.rules.model import Change
from obligations.rules.versions import Version

_t = Labels([
    pmsg("head", "8. Versions of the duty ({known})"),
    pmsg("known", "as known on {date}: documents issued by then"),
    pmsg("all", "every loaded document counts"),
    pmsg("rule", "   The version that governs a period: the newest one in effect on the last allowed day it "
                 "computes itself."),
    pmsg("written", "as written"),
    pmsg("amend", "amended"),
    pmsg("revoke", "revoked"),
    pmsg("replace", "replaced"),
    pmsg("reinstate", "reinstated"),
    pmsg("postpone", "postponed"),
    pmsg("line", "   [{n}] {state}{mark}: {document}, issued {issued}, in effect from {effective}"),
    pmsg("here", " ← governs this period"),
    pmsg("fields", "       changes: {fields}"),
    pmsg("unknown", "   Not counted (issued after {date}): {state} by {document} of {issued}, in effect from {effective}"),
    pmsg("postponed", "   Period {period} postponed to {to} ({incl}) by {document} of {issued}"),
    pmsg("incl", "that day allowed"),
    pmsg("excl", "before that day"),
    pmsg("unknown_date", "unknown"),
    pmsg("field.schedule", "schedule"), pmsg("field.valid", "valid"),
    pmsg("field.policy", "policy"), pmsg("field.title_vi", "title_vi"),
    pmsg("field.title_en", "title_en"), pmsg("field.body", "body"),
    pmsg("field.recipient", "recipient"), pmsg("field.performers", "performers"),
    pmsg("field.kind", "kind"),
    pmsg("src", "       section {section} ({file}): “{text}”"),
])


def _value(value: object) -> object:
    if hasattr(value, "as_table"):
        return value.as_table()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _change(change: Change, lang: str) -> dict[str, Any]:
    return {"kind": change.kind, "state": _t(change.kind, lang), "document": change.source.directive,
            "document_id": change.directive, "issued": change.issued.isoformat(),
            "effective": change.effective.isoformat(),
            "source": {"section": change.source.section, **sentence_fields(change.source.text), "file": change.source.location},
            "changes": {name: _value(value) for name, value in change.fields},
            "by": change.by, "period": change.period, "to": change.to.isoformat() if change.to else None,
            "inclusive": change.inclusive if change.kind == "postpone" else None}


def _version(n: int, version: Version, in_force: bool, lang: str) -> dict[str, Any]:
    duty = version.duty
    out: dict[str, Any] = {
        "version": n, "effective": version.effective.isoformat() if version.effective else None,
        "in_force": in_force, "revoked": duty is None,
        "schedule": duty.schedule.as_table() if duty is not None else None,
        "rule_text": schedule_text(duty.schedule.describe(), lang) if duty is not None else None,
        "valid": ({"from": duty.valid_from.isoformat(), "until": duty.valid_until.isoformat() if duty.valid_until
                   else None} if duty is not None else None)}
    if version.change is None:
        out.update(kind="written", state=_t("written", lang))
        if duty is not None:
            out["source"] = {"document": duty.source.directive, "section": duty.source.section,
                             **sentence_fields(duty.source.text), "file": duty.source.location}
    else:
        out.update(_change(version.change, lang))
    return out


def history_json(h: History | None, lang: str) -> dict[str, Any] | None:
    if h is None:
        return None
    return {"as_known_on": h.known_on.isoformat() if h.known_on else None,
            "rule": _t("rule", lang).strip(),
            "versions": [_version(n, v, n == h.in_force, lang) for n, v in enumerate(h.versions)],
            "postponed": _change(h.postponed, lang) if h.postponed else None,
            "not_counted": [_change(c, lang) for c in h.unknown]}


def history_text(doc: dict[str, Any] | None, lang: str) -> list[str]:
    if doc is None:
        return []
    known = _t("known", lang, date=day_iso(doc["as_known_on"], lang)) if doc["as_known_on"] else _t("all", lang)
    out = [_t("head", lang, known=known), _t("rule", lang)]
    for v in doc["versions"]:
        source = v.get("source") or {}
        out.append(_t("line", lang, n=v["version"], state=v["state"], mark=_t("here", lang) if v["in_force"] else "",
                      document=source.get("document") or v.get("document"),
                      issued=day_iso(v.get("issued"), lang) or _t("unknown_date", lang),
                      effective=day_iso(v["effective"] or (v["valid"] or {}).get("from"), lang) or "—"))
        if source:
            out.append(_t("src", lang, section=source["section"], file=source["file"], text=plain(source["text"])))
        if v.get("changes") and lang == "en":    # the rule file's notation, for those who write rules
            out.append(_t("fields", lang, fields="; ".join(f"{k} = {val}" for k, val in v["changes"].items())))
        elif v.get("changes"):                     # Vietnamese: what changed in words, the schedule as text
            out.append(_t("fields", lang, fields="; ".join(
                (_t(f"field.{k}", lang) if f"field.{k}" in _t else k)
                + (f": {v['rule_text']}" if k == "schedule" and v.get("rule_text") else "")
                for k in v["changes"])))
    p = doc["postponed"]
    if p:
        out.append(_t("postponed", lang, period=period_text(p["period"], lang), to=day_iso(p["to"], lang), document=p["document"],
                      issued=day_iso(p["issued"], lang),
                      incl=_t("incl" if p["inclusive"] else "excl", lang)))
        out.append(f"       “{plain(p['source']['text'])}” ({p['source']['file']})")
    for c in doc["not_counted"]:
        out.append(_t("unknown", lang, date=day_iso(doc["as_known_on"], lang), state=c["state"], document=c["document"],
                      issued=day_iso(c["issued"], lang), effective=day_iso(c["effective"], lang)))
    return out
