"""The arguments of `notify` (kept apart: cli/main.py is near its size limit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from obligations.cli.help_text import hmsg


def add_notify(sub: Any, text: Callable[[str], str], data: Callable[[Any], None],
               db: Callable[[Any], None]) -> None:
    ntf = sub.add_parser("notify",
                         help=hmsg("help:cmd:notify", "send the reminders, overdue notices and escalations of a day "
                                                      "(e-mail and webhooks, each once; for cron or a systemd "
                                                      "timer)"))
    ntf.add_argument("--under", type=text, required=True, metavar="UNIT",
                     help=hmsg("help:notify:under", "this unit and every unit below it"))
    ntf.add_argument("--config", required=True, metavar="FILE",
                     help=hmsg("help:notify:config", "notify.toml: subscribers, addresses, webhooks, lead times "
                                                     "(docs/notify.md)"))
    ntf.add_argument("--on", type=text, metavar="DATE",
                     help=hmsg("help:notify:on", "the day to send for, YYYY-MM-DD or DD/MM/YYYY (default: today in "
                                                 "Vietnam)"))
    ntf.add_argument("--dry-run", action="store_true", dest="dry_run",
                     help=hmsg("help:notify:dry-run", "list what would be sent; send and record nothing"))
    ntf.add_argument("--letters", metavar="DIR",
                     help=hmsg("help:notify:letters", "folder for the draft reminder letters (công văn đôn đốc, "
                                                      ".docx and .txt) of escalations (default: letters_dir of "
                                                      "notify.toml)"))
    ntf.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:notify:lang", "language of the listing (default: vi)"))
    data(ntf)
    db(ntf)
    ntf.set_defaults(run="obligations.cli.commands.notify_cmd:run")
