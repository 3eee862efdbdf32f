"""The two channels: e-mail over SMTP (smtplib) and signed webhooks (urllib).

Each send answers an ``Outcome`` instead of raising: one unreachable server must never stop
the others (the run reports it and exits 1, docs/notify.md).

Webhook signature (docs/notify.md, "Verifying a webhook"): the headers
``X-Obligations-Timestamp: <unix seconds>`` and
``X-Obligations-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">``, with
the subscriber's secret as the key; ``X-Obligations-Event-Id`` repeats the body's ``id``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping, Sequence
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import attrs

from obligations.notify.config import Delivery, Smtp, Webhook


@attrs.frozen
class Outcome:
    ok: bool
    tries: int
    detail: str | None = None


@attrs.frozen
class Mail:
    to: str
    subject: str
    text: str
    html: str
    message_id: str
    attachments: tuple[Path, ...] = ()


def build_message(smtp: Smtp, mail: Mail, now: dt.datetime) -> EmailMessage:
    from email.utils import format_datetime

    msg = EmailMessage()
    msg["From"] = smtp.sender
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = mail.message_id
    msg["Auto-Submitted"] = "auto-generated"      # RFC 3834: no vacation replies to a robot
    msg.set_content(mail.text)
    msg.add_alternative(mail.html, subtype="html")
    for path in mail.attachments:
        kind = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document") \
            if path.suffix == ".docx" else ("text", "plain")
        data = path.read_bytes()
        if kind[0] == "text":
            msg.add_attachment(data.decode("utf-8"), filename=path.name)
        else:
            msg.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=path.name)
    return msg


def send_mails(smtp: Smtp, mails: Sequence[Mail], now: dt.datetime, done: Callable[[int, Outcome], None]) -> None:
    """Send over one connection, calling ``done(index, outcome)`` as soon as each message is
    accepted or refused (the caller records it then: a run killed later does not send it again);
    a connection that cannot be made fails every message."""
    import smtplib
    import ssl

    if not mails:
        return
    try:
        context = ssl.create_default_context()
        server: smtplib.SMTP = (smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
                                if smtp.ssl else smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout))
    except (OSError, smtplib.SMTPException) as exc:
        why = f"SMTP server {smtp.host}:{smtp.port} unreachable: {type(exc).__name__}: {exc}"
        for i in range(len(mails)):
            done(i, Outcome(False, 1, why))
        return
    answered = 0
    try:
        server.ehlo()
        if smtp.starttls:
            server.starttls(context=context)
            server.ehlo()
        if smtp.username is not None and smtp.password is not None:
            server.login(smtp.username, smtp.password)
        for i, mail in enumerate(mails):
            try:
                server.send_message(build_message(smtp, mail, now), smtp.sender, [mail.to])
                outcome = Outcome(True, 1)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
                outcome = Outcome(False, 1, f"{type(exc).__name__}: {exc}")      # this message only
            answered += 1
            done(i, outcome)
    except (OSError, smtplib.SMTPException) as exc:
        why = f"SMTP server {smtp.host}:{smtp.port}: {type(exc).__name__}: {exc}"
        for i in range(answered, len(mails)):
            done(i, Outcome(False, 1, why))
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            pass


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """hex HMAC-SHA256 of ``<timestamp>.<body>`` under ``secret``."""
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def event_body(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def post(hook: Webhook, body: bytes, event_id: str, event: str, delivery: Delivery,
         now: Callable[[], dt.datetime], sleep: Callable[[float], None]) -> Outcome:
    """POST with ``delivery.tries`` attempts, waiting ``backoff`` seconds doubled after each failure;
    each attempt is signed afresh (its own timestamp)."""
    import urllib.error
    import urllib.request

    detail = None
    for attempt in range(1, delivery.tries + 1):
        stamp = int(now().timestamp())
        request = urllib.request.Request(hook.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "obligations-notify",
            "X-Obligations-Event": event,
            "X-Obligations-Event-Id": event_id,
            "X-Obligations-Timestamp": str(stamp),
            "X-Obligations-Signature": f"t={stamp},v1={signature(hook.secret, stamp, body)}",
        })
        try:
            with urllib.request.urlopen(request, timeout=delivery.timeout) as answer:   # noqa: S310 (http(s) only)
                answer.read(65536)
                return Outcome(True, attempt)
        except urllib.error.HTTPError as exc:
            detail = f"HTTP {exc.code} from {hook.url}"
        except (OSError, ValueError) as exc:
            detail = f"{hook.url} unreachable: {type(exc).__name__}: {exc}"
        if attempt < delivery.tries:
            sleep(delivery.backoff * 2 ** (attempt - 1))
    return Outcome(False, delivery.tries, detail)
