"""The published JSON Schemas (docs/schemas/) and the JSON documents that must satisfy them:
every JSON output of the command line and of the HTTP API validates against its schema, on the
bundled data and the test fixtures, with a log holding a late delivery, a replaced record, an
extension and an event; the schemas are valid and refuse wrong documents; ``to_dict(lang)`` is
the command line's JSON."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from obligations.base import paths

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

ROOT = Path(__file__).resolve().parent.parent
CONFLICT = str(ROOT / "tests" / "fixtures" / "rules_conflict")
SHAPES = str(ROOT / "tests" / "fixtures" / "shapes")
BOTH = ("--rules", str(ROOT / "rules"), "--rules", str(ROOT / "tests" / "fixtures" / "amend"))
CELL_REPORT = "76-KH-DU/chi-bo-bao-cao-hang-nam"      # chibo-1's yearly report, due 28/11/2025
CELL_REVIEW = "76-KH-DU/chi-bo-so-ket"                 # chibo-1's interim review, due 31/10/2025
COMMUNE_REPORT = "76-KH-DU/dang-uy-bao-cao-hang-nam"   # xa-X's yearly report, due 28/11/2025
KONTUM = "CV-BTVTU-KonTum/bao-cao-hang-nam"            # amended by tests/fixtures/amend


def test_schemas_dir_is_the_checkouts_docs_schemas():
    # In a checkout (these tests run in one) the schemas are docs/schemas/ at the top of the
    # repository; an installed wheel carries the same files in obligations/_bundled/schemas.
    folder = paths.schemas_dir()
    assert folder == paths._PACKAGE.parent / "docs" / "schemas"
    common = json.loads((folder / "common.json").read_text(encoding="utf-8"))
    assert common["$id"] == "urn:obligations:schema:common"


# -- the schemas ---------------------------------------------------------------------------

def _load_schemas() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(paths.schemas_dir().glob("*.json"))}


SCHEMAS = _load_schemas()


def validator(name: str):
    from referencing import Registry, Resource

    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values())
    return jsonschema.Draft202012Validator(SCHEMAS[name], registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, doc: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:300] for e in validator(name).iter_errors(doc)]


def test_every_schema_is_a_valid_draft_2020_12_schema_with_an_id_title_and_description():
    assert {"common", "due", "due-under", "explain", "status", "count", "export", "calendar", "extract", "submission",
            "extension", "event", "error"} <= set(SCHEMAS)
    ids = set()
    for name, schema in SCHEMAS.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"urn:obligations:schema:{name}" and schema["title"] and schema["description"], name
        ids.add(schema["$id"])
        if name not in ("common", "error"):      # a document: closed, versioned (an error body is open)
            assert schema["additionalProperties"] is False and "schema_version" in schema["required"], name
    assert len(ids) == len(SCHEMAS)


def test_closed_vocabularies_are_the_codes_vocabulary():
    from obligations.base import vocabulary
    from obligations.base.version import SCHEMA_VERSION
    from obligations.status.engine import BACKENDS

    defs = SCHEMAS["common"]["$defs"]
    assert defs["status"]["enum"] == list(vocabulary.STATUSES)
    assert defs["duty_kind"]["enum"] == list(vocabulary.DUTY_KINDS)
    assert defs["roll_policy"]["enum"] == list(vocabulary.ROLL_POLICIES)
    assert defs["engine"]["enum"] == [b for b in BACKENDS if b != "auto"]
    assert defs["schema_version"]["const"] == SCHEMA_VERSION


# -- the documents ---------------------------------------------------------------------------

def cli(*argv: str) -> tuple[int, str, str]:
    from obligations.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def cli_doc(*argv: str) -> dict:
    code, out, err = cli(*argv)
    assert code == 0, (argv, err)
    return json.loads(out)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A log with a late delivery, a replaced record, an extension and an event."""
    path = str(tmp_path_factory.mktemp("schemas") / "log.sqlite3")
    for argv in (
            # late: due Friday 28/11/2025, delivered Tuesday 2/12
            ("submit", "--unit", "chibo-1", "--duty", CELL_REPORT, "--period", "2025", "--on", "2025-12-02",
             "--ref", "05-BC/CB"),
            # on time, then corrected: the first record stays as history
            ("submit", "--unit", "chibo-1", "--duty", CELL_REVIEW, "--period", "2025", "--on", "2025-10-20"),
            ("submit", "--unit", "chibo-1", "--duty", CELL_REVIEW, "--period", "2025", "--on", "2025-10-24",
             "--replace", "--reason", "sửa ngày nộp"),
            ("extend", "--unit", "xa-X", "--duty", COMMUNE_REPORT, "--period", "2025", "--until", "2025-12-15",
             "--ref", "99-CV/H"),
            ("event", "--unit", "don-vi-A", "--event", "nhan-ke-hoach", "--on", "2025-03-03", "--rules", SHAPES),
            ("event", "--unit", "don-vi-A", "--event", "nhan-ke-hoach", "--on", "2025-03-05", "--rules", SHAPES,
             "--replace", "--reason", "nhận ngày 5/3")):
        code, _, err = cli(*argv, "--db", path)
        assert code == 0, (argv, err)
    return path


DUE = [("--unit", "xa-X", "--on", "2026-11-23"),
       ("--unit", "xa-X", "--on", "2025-12-20"),                                 # extended: until 15/12
       ("--unit", "chibo-1", "--on", "2025-12-20", "--lookback", "90"),         # overdue, delivered late
       ("--unit", "tinh-quang-ngai", "--on", "2026-01-05", "--horizon", "120"),
       ("--unit", "tw", "--on", "2025-11-20"),
       ("--unit", "xa-C", "--on", "2025-11-03", "--rules", CONFLICT),           # a conflict
       ("--unit", "chibo-K", "--on", "2025-11-03", "--rules", CONFLICT),
       ("--unit", "xa-X", "--on", "2026-12-01", *BOTH),
       ("--unit", "don-vi-A", "--on", "2025-03-10", "--rules", SHAPES),        # counted from an event
       ("--unit", "tinh-kon-tum", "--on", "2026-11-23")]                         # ended: not_active


def due_docs(db):
    for args in DUE:
        for lang in ("vi", "en"):
            yield args, lang, cli_doc("due", *args, "--lang", lang, "--format", "json", "--db", db)


def test_due_documents_validate_and_cover_what_they_should(db):
    seen: set[str] = set()
    for args, lang, doc in due_docs(db):
        assert not errors("due", doc), (args, lang, errors("due", doc)[:3])
        if doc["not_active"]:
            seen.add("not_active")
        for item in doc["items"]:
            seen.add(item["status"])
            seen.update(k for k in ("anchor", "submission") if item.get(k))
            seen.update("conflict" for _ in item["conflicts"])
            seen.update(c["kind"] for c in item["decided_by"])
    # the cases above reach what the schema describes (else a field's schema went untested)
    assert {"overdue", "done", "due_soon", "window_open", "upcoming", "conflict", "anchor", "submission",
            "extension", "not_active"} <= seen, seen


def test_due_under_streams_a_document_that_validates(db):
    for args in (("--under", "xa-X", "--on", "2025-12-20"), ("--under", "tinh-P", "--on", "2025-11-03", "--rules", CONFLICT)):
        doc = cli_doc("due", *args, "--format", "json", "--db", db)
        assert not errors("due-under", doc), errors("due-under", doc)[:3]
        assert len(doc["units"]) >= 2 and doc["units"][0]["unit"] == args[1]


EXPLAIN = [("--unit", "chibo-1", "--duty", CELL_REPORT, "--period", "2025"),   # delivered late
           ("--unit", "chibo-1", "--duty", CELL_REVIEW, "--period", "2025"),   # a replaced record
           ("--unit", "xa-X", "--duty", COMMUNE_REPORT, "--period", "2025"),   # extended
           ("--unit", "chibo-1", "--duty", "76-KH-DU/cao-diem-ky-niem", "--period", "2025-12-22"),   # a peak
           ("--unit", "xa-C", "--duty", "C-1/so-ket", "--period", "2025", "--on", "2025-11-03", "--rules", CONFLICT),
           ("--unit", "xa-X", "--duty", KONTUM, "--period", "2026", "--on", "2026-12-01", *BOTH)]   # versions


def test_explain_documents_validate(db):
    seen = set()
    for args in EXPLAIN:
        for lang in ("vi", "en"):
            doc = cli_doc("explain", *args, "--lang", lang, "--format", "json", "--db", db)
            assert not errors("explain", doc), (args, errors("explain", doc)[:3])
            seen.update(k for k in ("submission", "extension", "replaced", "anchor", "conflicts", "history") if doc[k])
    assert seen == {"submission", "extension", "replaced", "anchor", "conflicts", "history"}


def test_status_documents_validate(db):
    results = set()
    for args in (("--unit", "chibo-1", "--year", "2025"), ("--unit", "xa-X", "--on", "2026-01-10"),
                 ("--unit", "xa-X", "--year", "2026", "--on", "2026-12-01", *BOTH),
                 ("--unit", "don-vi-A", "--year", "2025", "--on", "2025-12-31", "--rules", SHAPES)):
        for lang in ("vi", "en"):
            doc = cli_doc("status", *args, "--lang", lang, "--format", "json", "--db", db)
            assert not errors("status", doc), (args, errors("status", doc)[:3])
            results.update(r["result"] for r in doc["items"])
            results.update("event" for _ in doc["events"])
            results.update("replaced" for r in doc["items"] if r["replaced"])
    assert {"late", "on_time", "missing", "event", "replaced"} <= results, results


def test_count_documents_validate(db):
    # status --under: every grouping, both languages, the bundled data with the log above and a
    # conflict fixture (its conflicted occurrence counted apart)
    seen = set()
    for args in (("--under", "xa-X", "--from", "2025-01-01", "--to", "2026-12-31", "--on", "2026-01-10"),
                 ("--under", "tinh-P", "--from", "2025-01-01", "--to", "2025-12-31", "--on", "2025-12-05",
                  "--rules", CONFLICT)):
        for by in ("unit", "directive", "duty"):
            for lang in ("vi", "en"):
                doc = cli_doc("status", *args, "--by", by, "--lang", lang, "--format", "json", "--db", db)
                assert not errors("count", doc), (args, by, errors("count", doc)[:3])
                seen.update(o["category"] for g in doc["groups"] for o in g["occurrences"])
    assert {"on_time", "late", "overdue", "conflict"} <= seen, seen
    doc = cli_doc("status", "--under", "xa-X", "--on", "2026-01-10", "--format", "json", "--db", db)
    assert errors("count", {**doc, "total": {**doc["total"], "overdue": -1}})
    assert errors("count", {**doc, "by": "province"})
    assert errors("count", {**doc, "groups": [{**doc["groups"][0], "counts": {"done": 1}}]})


def test_export_calendar_and_extract_documents_validate(db):
    for args in (("--unit", "xa-X", "--from", "2026-01-01", "--to", "2026-12-31"),
                 ("--unit", "chibo-1", "--from", "2025-01-01", "--to", "2025-12-31", "--lang", "en")):
        doc = cli_doc("export", *args, "--format", "json", "--db", db)
        assert doc["items"] and not errors("export", doc), errors("export", doc)[:3]
    for year in ("2025", "2026"):
        doc = cli_doc("calendar", "--year", year, "--format", "json")
        assert not errors("calendar", doc), errors("calendar", doc)[:3]
    seed = next((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
    doc = cli_doc("extract", str(seed), "--format", "json")
    assert doc["duty"] and not errors("extract", doc), errors("extract", doc)[:3]


def test_the_apis_documents_validate(tmp_path):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx2")
    from web_helpers import make_client, write_tokens

    token = "xa-token-for-schemas-0123456789"
    auth = {"Authorization": f"Bearer {token}"}
    client, _ = make_client(tmp_path / "log.sqlite3", write_tokens(tmp_path / "tokens.toml", {token: "xa-X"}))
    with client:
        posted = [("submission", client.post("/api/units/xa-X/submissions", headers=auth,
                                             json={"duty": COMMUNE_REPORT, "period": "2024", "on": "2024-12-03"})),
                  ("extension", client.post("/api/units/xa-X/extensions", headers=auth,
                                            json={"duty": COMMUNE_REPORT, "period": "2025", "until": "2025-12-15",
                                                  "ref": "99-CV/H"}))]
        for name, r in posted:
            assert r.status_code == 201 and not errors(name, r.json()), (name, r.text, errors(name, r.json()))
        for lang in ("vi", "en"):
            for path, name in ((f"/api/units/xa-X/due?on=2025-12-20&lang={lang}", "due"),
                               (f"/api/units/chibo-1/due?on=2025-12-20&lookback=90&lang={lang}", "due"),
                               (f"/api/units/xa-X/explain?duty={COMMUNE_REPORT}&period=2025&lang={lang}", "explain"),
                               (f"/api/units/xa-X/explain?duty={COMMUNE_REPORT}&period=2024&lang={lang}", "explain"),
                               (f"/api/calendar/2026?lang={lang}", "calendar")):
                r = client.get(path)
                assert r.status_code == 200 and not errors(name, r.json()), (path, errors(name, r.json())[:3])
        for path, status in (("/api/units/khong-co/due", 404), ("/api/units/xa-X/due?on=2026-02-30", 400),
                             ("/api/units/xa-X/due?horizon=99999", 422), ("/api/units/xa-X/explain", 422)):
            r = client.get(path)
            assert r.status_code == status and not errors("error", r.json()), (path, r.status_code, r.text)
        r = client.post("/api/units/xa-X/submissions", json={"duty": COMMUNE_REPORT, "period": "2024"})
        assert r.status_code == 401 and not errors("error", r.json()), r.text
        r = client.post("/api/units/xa-X/extensions", headers=auth, json={"duty": COMMUNE_REPORT, "period": "2025",
                                                                          "until": "2025-12-20", "ref": "100-CV/H"})
        assert r.status_code == 409 and not errors("error", r.json()), r.text
    token = "don-vi-token-for-schemas-0123456789"
    client, _ = make_client(tmp_path / "log2.sqlite3", write_tokens(tmp_path / "tokens2.toml", {token: "don-vi-A"}),
                            rules=[SHAPES])
    with client:
        r = client.post("/api/units/don-vi-A/events", headers={"Authorization": f"Bearer {token}"},
                        json={"event": "nhan-ke-hoach", "on": "2025-03-03"})
        assert r.status_code == 201 and not errors("event", r.json()), errors("event", r.json())


# -- wrong documents are refused -------------------------------------------------------------

def test_wrong_documents_are_refused(db):
    doc = cli_doc("due", "--unit", "xa-C", "--on", "2025-11-03", "--rules", CONFLICT, "--format", "json", "--db", db)
    item = doc["items"][0]
    wrong = {
        "a status not in the vocabulary": {**doc, "items": [{**item, "status": "overdu"}]},
        "a deadline not an ISO date": {**doc, "items": [{**item, "deadline": "03/11/2025"}]},
        "an impossible date": {**doc, "items": [{**item, "deadline": "2025-02-30"}]},
        "a field the shape does not have": {**doc, "deadlines": []},
        "a required field missing": {k: v for k, v in doc.items() if k != "hidden_overdue"},
        "another schema version": {**doc, "schema_version": "2"},
        "a conflict without its constraints": {**doc, "items": [{**item, "conflicts": [
            {k: v for k, v in item["conflicts"][0].items() if k != "constraints"}]}]},
        "a constraint of an unknown kind": {**doc, "items": [{**item, "decided_by": [
            {**item["decided_by"][0], "kind": "guess"}]}]},
    }
    assert item["conflicts"] and not errors("due", doc)
    for why, instance in wrong.items():
        assert errors("due", instance), why
    status = cli_doc("status", "--unit", "chibo-1", "--year", "2025", "--format", "json", "--db", db)
    row = status["items"][0]
    assert errors("status", {**status, "items": [{**row, "result": "early"}]})
    assert errors("status", {**status, "totals": {**status["totals"], "late": -1}})
    # the acceptance check's nonsense: every top-level field replaced
    for name, instance in (("due", doc), ("status", status)):
        nonsense = {k: (12345 if isinstance(v, dict) else {"unexpected": True}) for k, v in instance.items()}
        assert errors(name, nonsense)


# -- to_dict is the command line's JSON --------------------------------------------------------

def test_to_dict_is_the_command_lines_json(db):
    import datetime as dt

    import obligations
    from obligations.log.store import SubmissionLog
    from obligations.report.explain import explain
    from obligations.report.status_report import status_report

    log = SubmissionLog(Path(db))
    bundled, conflict = obligations.load(), obligations.load(rules=CONFLICT)
    for ws, rules, unit, on in ((bundled, (), "xa-X", "2026-11-23"), (bundled, (), "chibo-1", "2025-12-20"),
                                (conflict, ("--rules", CONFLICT), "xa-C", "2025-11-03")):
        day = dt.date.fromisoformat(on)
        for lang in ("vi", "en"):
            report = ws.due(unit, day, log=log)
            assert report.to_dict(lang) == cli_doc("due", "--unit", unit, "--on", on, *rules, "--lang", lang,
                                                   "--format", "json", "--db", db)
            for item in report.items[:3]:
                occ = item.occurrence
                found = explain(ws, unit, occ.duty.id, occ.period, day, log=log)
                assert found.to_dict(lang) == cli_doc("explain", "--unit", unit, "--duty", occ.duty.id, "--period",
                                                      occ.period, "--on", on, *rules, "--lang", lang,
                                                      "--format", "json", "--db", db)
    for lang in ("vi", "en"):
        report = status_report(bundled, "chibo-1", dt.date(2026, 1, 10), 2025, log)
        assert report.to_dict(lang) == cli_doc("status", "--unit", "chibo-1", "--year", "2025", "--on", "2026-01-10",
                                               "--lang", lang, "--format", "json", "--db", db)


def test_to_dict_renders_alone_in_either_language_with_the_names_it_captured():
    # Written by hand from tests/fixtures/rules_conflict/hierarchy.toml and the fixture's rules:
    # the commune xa-C must deliver the province's P-1/so-ket no later than 14/11/2025 while its
    # own C-1/so-ket window opens 15/11 (see docs/reconciliation.md): a conflict whose advice asks
    # the province's committee, named as the hierarchy names it.
    import datetime as dt
    import pickle

    import obligations

    ws = obligations.load(rules=CONFLICT)
    report = ws.due("xa-C", dt.date(2025, 11, 3))
    alone = pickle.loads(pickle.dumps(report))      # no workspace travels with it
    assert hash(alone) == hash(report)              # hashable as before the names were captured
    vi, en = alone.to_dict("vi"), alone.to_dict("en")
    assert vi["schema_version"] == en["schema_version"] == "1"
    assert vi["unit_name"] == en["unit_name"] == ws.hierarchy.name("xa-C") != "xa-C"
    conflicted = [i for i in en["items"] if i["conflicts"]]
    assert conflicted and conflicted[0]["status"] == "conflict"
    province = ws.hierarchy.name("tinh-P")
    assert province != "tinh-P" and any(province in line for line in conflicted[0]["conflicts"][0]["advice"])
    # the same codes and dates in both languages; the words differ
    assert [(i["id"], i["status"], i["deadline"]) for i in vi["items"]] == \
        [(i["id"], i["status"], i["deadline"]) for i in en["items"]]
    assert vi["items"][0]["conflicts"][0]["message"] != en["items"][0]["conflicts"][0]["message"]


@pytest.mark.parametrize("rules, org, days", [
    ((), None, ("2025-11-20", "2025-12-20", "2026-11-23")),
    ((CONFLICT,), None, ("2025-11-03", "2025-12-20")),
    ((str(ROOT / "rules"), str(ROOT / "tests" / "fixtures" / "amend")), None, ("2026-12-01",)),
    ((), str(ROOT / "tests" / "fixtures" / "internal_lead" / "hierarchy.toml"), ("2025-11-20", "2025-12-20")),
])
def test_a_report_captures_every_name_its_document_prints(rules, org, days):
    # The report keeps only the names of the units it mentions; rendered instead with every
    # name of the hierarchy, each document must come out the same (a unit left out of the
    # capture would be printed as its id: a conflict's issuer, an internal target's receiver).
    import datetime as dt

    import attrs

    import obligations
    from obligations.base.errors import ObligationsError
    from obligations.report.explain import explain

    ws = obligations.load(rules=list(rules) or None, org=org)
    every = {u: ws.hierarchy.name(u) for u in ws.hierarchy.units}
    compared = 0
    for unit in ws.hierarchy.units:
        for on in days:
            day = dt.date.fromisoformat(on)
            try:
                report = ws.due(unit, day, horizon=60, lookback=60)
            except ObligationsError:
                continue                                   # a unit not in force that day
            full = attrs.evolve(report, context=attrs.evolve(report.context, unit_names=every))
            for lang in ("vi", "en"):
                assert report.to_dict(lang) == full.to_dict(lang), (unit, on, lang)
            for item in report.items[:4]:
                found = explain(ws, unit, item.occurrence.duty.id, item.occurrence.period, day)
                whole = attrs.evolve(found, context=attrs.evolve(found.context, unit_names=every))
                assert found.to_dict("en") == whole.to_dict("en"), (unit, on, item.occurrence.key)
            compared += 1
    assert compared >= 4
