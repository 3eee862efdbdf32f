"""notify.toml: who is told what, when, and through which channel (docs/notify.md).

Read and checked like every other input: a problem is one DataFileError naming the file, the
place (line and table) and the fix. Secrets and SMTP credentials are never in the file: the
file names the environment variables that hold them (``*_env``), read here, once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args

import attrs

from obligations.base.errors import DataFileError, Said, said
from obligations.base.identifiers import shorten
from obligations.base.toml import Locator, check_keys, expect, read_toml, TOP_LEVEL
from obligations.org.hierarchy import Hierarchy

Event = Literal["due_soon", "overdue", "conflict", "deadline_changed", "delivered"]
EVENTS: tuple[Event, ...] = get_args(Event)
Lang = Literal["vi", "en"]

# bounds that keep a typo from meaning "remind every day for a year"
MAX_BEFORE_WORKING = 60
MAX_BEFORE_DAYS = 90
MAX_TRIES = 10
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@attrs.frozen
class Timing:
    """When to tell: ``before`` working days before the deadline; ``before_days`` calendar days
    before it (a day off then moves the reminder to the working day before); ``escalate_after``
    working days overdue with no extension recorded (None: never escalate)."""

    before: tuple[int, ...] = (5, 1)
    before_days: tuple[int, ...] = ()
    escalate_after: int | None = 3


@attrs.frozen
class Webhook:
    url: str
    secret: str = attrs.field(repr=False)
    events: frozenset[Event]
    place: str                                   # where the file declares it, for messages


@attrs.frozen
class Subscriber:
    """The addresses and webhooks of one unit, the language of its e-mails, its own timing."""

    unit: str
    emails: tuple[str, ...]
    webhooks: tuple[Webhook, ...]
    lang: Lang
    timing: Timing | None


@attrs.frozen
class Smtp:
    host: str
    port: int
    sender: str
    starttls: bool
    ssl: bool
    username: str | None = attrs.field(repr=False)
    password: str | None = attrs.field(repr=False)
    timeout: float


@attrs.frozen
class Delivery:
    """Webhook retries: ``tries`` attempts, waiting ``backoff`` seconds, doubled each time."""

    tries: int = 4
    backoff: float = 2.0
    timeout: float = 10.0


@attrs.frozen
class NotifyConfig:
    path: Path
    smtp: Smtp | None
    delivery: Delivery
    timing: Timing
    kinds: Mapping[str, Timing]
    units: Mapping[str, Subscriber]
    letters_dir: Path | None
    catch_up_days: int
    lookback_days: int

    def timing_for(self, unit: str, kind: str) -> Timing:
        """The unit's own timing, else its duty kind's, else the file's default."""
        own = self.units.get(unit)
        if own is not None and own.timing is not None:
            return own.timing
        return self.kinds.get(kind, self.timing)


_TIMING_KEYS = ("before", "before_days", "escalate_after")


def _ints(value: Any, loc: Locator, line: int | None, place: str, what: str, top: int) -> tuple[int, ...]:
    expect(value, list, loc, line=line, place=place, what=what)
    for n in value:
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= top:
            raise loc.error(said("notify:ints", "{what} must list whole numbers from 0 to {top}, not {value}", what=what,
                                 top=top, value=shorten(n)), line=line,
                            place=place, fix=said("notify:ints-fix", "write {what} = [5, 1]", what=what))
    return tuple(sorted(set(value), reverse=True))


def _timing(table: Mapping[str, Any], loc: Locator, line: int | None, place: str, base: Timing) -> Timing:
    before = base.before if "before" not in table else _ints(table["before"], loc, line, place, "before",
                                                             MAX_BEFORE_WORKING)
    days = base.before_days if "before_days" not in table else _ints(table["before_days"], loc, line, place,
                                                                     "before_days", MAX_BEFORE_DAYS)
    escalate = base.escalate_after
    if "escalate_after" in table:
        value = table["escalate_after"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_BEFORE_WORKING:
            raise loc.error(said("notify:escalate", "escalate_after must be a whole number of working days from 0 to "
                                 "{top}, not {value}", top=MAX_BEFORE_WORKING, value=shorten(value)), line=line, place=place,
                            fix=said("notify:escalate-fix", "write escalate_after = 3, or leave it out to use the default"))
        escalate = value
    return Timing(before, days, escalate)


def _env(name: Any, env: Mapping[str, str], loc: Locator, line: int | None, place: str, what: str) -> str:
    expect(name, str, loc, line=line, place=place, what=what)
    if not _ENV_NAME.fullmatch(name):
        raise loc.error(said("notify:env-name", "{what} must be the name of an environment variable, not {value}",
                             what=what, value=shorten(name)), line=line, place=place,
                        fix=said("notify:env-name-fix", "write {what} = \"OBLIGATIONS_...\" and put the value in that variable",
                                 what=what))
    value = env.get(name, "")
    if not value:
        raise loc.error(said("notify:env-unset", "the environment variable {name} named by {what} is not set", name=name,
                             what=what), line=line, place=place,
                        fix=said("notify:env-unset-fix", "set {name} in the environment of the notify run (never in the file)",
                                 name=name))
    return value


def _number(table: Mapping[str, Any], key: str, default: float, low: float, high: float, loc: Locator,
            line: int | None, place: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise loc.error(said("notify:number", "{key} must be a number from {low} to {high}, not {value}", key=key,
                             low=f"{low:g}", high=f"{high:g}", value=shorten(value)), line=line,
                        place=place, fix=said("notify:number-fix", "write {key} = {default}", key=key, default=f"{default:g}"))
    return float(value)


def _smtp(table: Any, env: Mapping[str, str], loc: Locator) -> Smtp:
    line = loc.header_line("smtp")
    expect(table, dict, loc, line=line, place="[smtp]", what="smtp")
    check_keys(table, ("host", "port", "sender", "starttls", "ssl", "username_env", "password_env", "timeout"),
               ("host", "sender"), loc, line=line, place="[smtp]")
    host = expect(table["host"], str, loc, line=line, place="[smtp]", what="host").strip()
    port = table.get("port", 587)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise loc.error(said("notify:port", "port must be a port number (1-65535), not {value}", value=shorten(port)),
                        line=line, place="[smtp]", fix=said("notify:port-fix", "write port = 587 (STARTTLS) or 465 (ssl = true)"))
    sender = expect(table["sender"], str, loc, line=line, place="[smtp]", what="sender")
    if not _ADDRESS.fullmatch(sender):
        raise loc.error(said("notify:sender", "sender {value} is not an e-mail address", value=shorten(sender)),
                        line=loc.key_line("sender", line),
                        place="[smtp]", fix=said("notify:sender-fix", "write sender = \"nhac-han@example.gov.vn\""))
    flags = {k: expect(table.get(k, False), bool, loc, line=line, place="[smtp]", what=k) for k in ("starttls", "ssl")}
    if flags["starttls"] and flags["ssl"]:
        raise loc.error(said("notify:tls-both", "starttls and ssl are both true"), line=line, place="[smtp]",
                        fix=said("notify:tls-both-fix", "ssl = true for a server that speaks TLS from the start (port 465), "
                                                        "else starttls = true"))
    user = _env(table["username_env"], env, loc, line, "[smtp]", "username_env") if "username_env" in table else None
    password = _env(table["password_env"], env, loc, line, "[smtp]", "password_env") \
        if "password_env" in table else None
    if (user is None) != (password is None):
        raise loc.error(said("notify:login-half", "only one of username_env and password_env is given"), line=line,
                        place="[smtp]", fix=said("notify:login-half-fix", "give both (a server that needs a login) or neither"))
    return Smtp(host, port, sender, flags["starttls"], flags["ssl"], user, password,
                _number(table, "timeout", 30, 1, 300, loc, line, "[smtp]"))


def _webhooks(value: Any, unit: str, env: Mapping[str, str], loc: Locator) -> tuple[Webhook, ...]:
    name = f"units.{unit}.webhooks"
    expect(value, list, loc, line=loc.header_line(f"units.{unit}"), place=f"[units.{unit}]", what="webhooks")
    found = []
    for i, hook in enumerate(value):
        line = loc.table_line(name, i) or loc.table_line(f'units."{unit}".webhooks', i)
        place = f"[[units.{unit}.webhooks]] #{i + 1}"
        expect(hook, dict, loc, line=line, place=place, what=said("notify:a-webhook", "a webhook"))
        check_keys(hook, ("url", "secret_env", "events"), ("url",), loc, line=line, place=place)
        url = expect(hook["url"], str, loc, line=line, place=place, what="url")
        if not re.fullmatch(r"https?://[^\s/?#]+[^\s]*", url):
            raise loc.error(said("notify:url", "url {value} is not an http(s) address", value=shorten(url)), line=line,
                            place=place, fix=said("notify:url-fix", "write url = \"https://app.example.vn/hooks/obligations\""))
        if "secret_env" not in hook:
            raise loc.error(said("notify:no-secret", "the webhook has no secret (secret_env)"), line=line, place=place,
                            fix=said("notify:no-secret-fix", "add secret_env = \"NAME\" and put the subscriber's secret in "
                                     "that environment variable: every POST is signed with it"))
        secret = _env(hook["secret_env"], env, loc, line, place, "secret_env")
        events = hook.get("events", list(EVENTS))
        expect(events, list, loc, line=line, place=place, what="events")
        for e in events:
            if e not in EVENTS:
                raise loc.error(said("notify:unknown-event", "unknown event {value}", value=shorten(e)), line=line, place=place,
                                fix=said("notify:events-are", "events are: {events}", events=", ".join(EVENTS)))
        found.append(Webhook(url, secret, frozenset(events), place))
    return tuple(found)


def _unit(unit: str, table: Any, hierarchy: Hierarchy, env: Mapping[str, str], base: Timing,
          loc: Locator) -> Subscriber:
    line = loc.header_line(f"units.{unit}") or loc.header_line(f'units."{unit}"')
    place = f"[units.{unit}]"
    if unit not in hierarchy.units:
        raise loc.error(said("notify:unknown-unit", "unknown unit {value}", value=shorten(unit)), line=line, place=place,
                        fix=said("notify:unknown-unit-fix", "use a unit id of the hierarchy (python -m obligations due "
                                                            "--unit ID answers for it)"))
    expect(table, dict, loc, line=line, place=place, what=place)
    check_keys(table, ("emails", "webhooks", "lang", *_TIMING_KEYS), (), loc, line=line, place=place)
    emails = expect(table.get("emails", []), list, loc, line=line, place=place, what="emails")
    for address in emails:
        if not isinstance(address, str) or not _ADDRESS.fullmatch(address):
            raise loc.error(said("notify:address", "{value} is not an e-mail address", value=shorten(address)),
                            line=loc.key_line("emails", line),
                            place=place, fix=said("notify:address-fix", "write emails = [\"van-phong@example.gov.vn\"]"))
    lang = table.get("lang", "vi")
    if lang not in ("vi", "en"):
        raise loc.error(said("notify:lang", "lang must be \"vi\" or \"en\", not {value}", value=shorten(lang)), line=line,
                        place=place, fix=said("notify:lang-fix", "write lang = \"vi\""))
    timing = _timing(table, loc, line, place, base) if any(k in table for k in _TIMING_KEYS) else None
    hooks = _webhooks(table.get("webhooks", []), unit, env, loc)
    return Subscriber(unit, tuple(dict.fromkeys(a.lower() for a in emails)), hooks, lang, timing)


def load_config(path: str | Path, hierarchy: Hierarchy, env: Mapping[str, str]) -> NotifyConfig:
    """notify.toml at ``path``, checked against ``hierarchy``; ``env``: where ``*_env`` names are read."""
    path = Path(path)
    doc, text = read_toml(path)
    loc = Locator(path, text)
    check_keys(doc, ("notify", "timing", "smtp", "webhooks", "units"), ("units",), loc, line=None, place=TOP_LEVEL)
    top = expect(doc.get("notify", {}), dict, loc, line=loc.header_line("notify"), place="[notify]", what="notify")
    line = loc.header_line("notify")
    check_keys(top, ("letters_dir", "catch_up_days", "lookback_days"), (), loc, line=line, place="[notify]")
    letters = top.get("letters_dir")
    if letters is not None:
        expect(letters, str, loc, line=line, place="[notify]", what="letters_dir")
        letters_dir: Path | None = (path.parent / letters) if not Path(letters).is_absolute() else Path(letters)
    else:
        letters_dir = None
    timing_table = expect(doc.get("timing", {}), dict, loc, line=loc.header_line("timing"), place="[timing]",
                          what="timing")
    check_keys(timing_table, (*_TIMING_KEYS, "kinds"), (), loc, line=loc.header_line("timing"), place="[timing]")
    timing = _timing(timing_table, loc, loc.header_line("timing"), "[timing]", Timing())
    kinds = {}
    for kind, table in expect(timing_table.get("kinds", {}), dict, loc, line=None, place="[timing.kinds]",
                              what="kinds").items():
        kline, kplace = loc.header_line(f"timing.kinds.{kind}"), f"[timing.kinds.{kind}]"
        expect(table, dict, loc, line=kline, place=kplace, what=kplace)
        check_keys(table, _TIMING_KEYS, (), loc, line=kline, place=kplace)
        kinds[kind] = _timing(table, loc, kline, kplace, timing)
    hooks = expect(doc.get("webhooks", {}), dict, loc, line=loc.header_line("webhooks"), place="[webhooks]",
                   what="webhooks")
    hline = loc.header_line("webhooks")
    check_keys(hooks, ("tries", "backoff", "timeout"), (), loc, line=hline, place="[webhooks]")
    delivery = Delivery(int(_number(hooks, "tries", 4, 1, MAX_TRIES, loc, hline, "[webhooks]")),
                        _number(hooks, "backoff", 2.0, 0, 600, loc, hline, "[webhooks]"),
                        _number(hooks, "timeout", 10, 0.1, 120, loc, hline, "[webhooks]"))
    units_table = expect(doc["units"], dict, loc, line=loc.header_line("units"), place="[units]", what="units")
    units = {u: _unit(u, t, hierarchy, env, timing, loc) for u, t in units_table.items()}
    smtp = _smtp(doc["smtp"], env, loc) if "smtp" in doc else None
    if smtp is None and any(s.emails for s in units.values()):
        raise loc.error(said("notify:no-smtp", "e-mail addresses are given but no [smtp] server"), line=None,
                        place="[smtp]", fix=said("notify:no-smtp-fix", "add an [smtp] table with host and sender (docs/notify.md)"))
    return NotifyConfig(path, smtp, delivery, timing, kinds, units, letters_dir,
                        int(_number(top, "catch_up_days", 7, 0, 60, loc, line, "[notify]")),
                        int(_number(top, "lookback_days", 30, 1, 366, loc, line, "[notify]")))

