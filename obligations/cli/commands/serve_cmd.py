"""`serve`: the web service (JSON API, calendar feed, office page, timeline) under uvicorn.

The only command that imports the web framework; it is an optional extra
(``pip install "obligations[web]"``), so a missing install is a usage error with the fix.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TextIO

from obligations.base.errors import InputError, Number, said


def run(args: argparse.Namespace, out: TextIO) -> int:
    try:
        import uvicorn

        from obligations.web.app import create_app, is_loopback
    except ImportError as exc:
        raise InputError(said("serve:not-installed", "the web service needs packages that are not installed ({name})",
                              name=str(exc.name)),
                         fix=said("serve:not-installed-fix", 'pip install "obligations[web]"'), code="not-installed") from None
    from obligations.web.auth import load_tokens
    from obligations.web.data import Service
    from obligations.web.limits import MAX_BODY, MAX_BODY_RANGE

    if not 0 < args.port < 65536:
        raise InputError(said("serve:port", "--port {port} is not a port number", port=args.port),
                         fix=said("serve:port-fix", "give 1..65535, e.g. 8000"))
    max_body = MAX_BODY if args.max_body is None else args.max_body
    low, high = MAX_BODY_RANGE
    if not low <= max_body <= high:
        raise InputError(said("serve:max-body", "--max-body {size} is outside {low}..{high} bytes", size=max_body,
                              low=Number(low), high=Number(high)),
                         fix=said("serve:max-body-fix", "give a number of bytes in that range (default {size}, 64 KiB)",
                                  size=Number(MAX_BODY)))
    from obligations.cli import environment

    # the data and the tokens first: a bad tokens file is refused whatever the port
    service = Service.load(environment.db_path(args.db), args.rules, args.org, args.calendars,
                           environment.engine_name(args.engine), environment.cache_dir())
    tokens = load_tokens(args.tokens, service.is_unit_id)
    import socket

    try:   # one clear message now, rather than uvicorn's log line
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as exc:
        from obligations.base.files import os_reason

        raise InputError(said("serve:listen", "cannot listen on {host}:{port}: {why}", host=args.host, port=args.port,
                              why=os_reason(exc)),
                         fix=said("serve:listen-fix", "choose another --port (or stop what uses it) or another --host")) from None
    open_reads = is_loopback(args.host)
    app = create_app(service, tokens, open_reads=open_reads, max_body=max_body)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    reads = "open to this machine" if open_reads else "need a token"
    print(f"obligations: serving http://{args.host}:{args.port}/ (reads {reads}; {len(tokens.entries)} "
          f"token(s); bodies up to {max_body:,} bytes; log {service.db})", file=sys.stderr, flush=True)
    # uvicorn's access log prints query strings, which may carry a feed's token: ours does not.
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")
    return 0
