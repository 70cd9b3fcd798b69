"""Render deploy/nginx.conf.template into an nginx.conf for a set of replicas.

    python -m deploy.render --listen 0.0.0.0:80 \\
        --upstream 127.0.0.1:8001 --upstream 127.0.0.1:8002 --output /srv/nginx/nginx.conf

The body-size limit and the upstream keep-alive come from the app's own settings (the
same ACCORDLINE_* environment the replicas get), so nginx and the app cannot disagree.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from server.settings import Settings

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

# When a replica counts as down. Only a refused or broken connection counts (the
# template's proxy_next_upstream is `error http_502`): never a 503, 429 or slow answer,
# which mean "busy", so a crowd cannot get both replicas taken out of rotation. Every
# such failure is retried on the other replica anyway; being marked down only saves the
# attempt. So: 3 failures within 5 s (one stray reset is not a dead process) take a
# replica out for 5 s, short enough that one restarting (about 2 s) is soon back;
# then one request tries it again. nginx's own 502 says Retry-After: FAIL_TIMEOUT.
MAX_FAILS = 3
FAIL_TIMEOUT = 5  # seconds


class RenderError(ValueError):
    pass


def render(
    upstreams: list[str],
    *,
    listen: str = "127.0.0.1:8080",
    client_timeout: str = "10s",
    user: str | None = None,
    settings: Settings | None = None,
) -> str:
    """The nginx.conf text. ``user`` is needed only when nginx's master runs as root."""
    settings = settings or Settings.from_env()
    if not upstreams:
        raise RenderError("no upstream given: pass --upstream HOST:PORT once per replica")
    if settings.timeout_keep_alive < 2:
        raise RenderError(
            f"ACCORDLINE_TIMEOUT_KEEP_ALIVE={settings.timeout_keep_alive} is too short to sit "
            "behind nginx: use 2 seconds or more"
        )
    values = {
        "user": f"user {user};" if user else "",
        "listen": listen,
        "upstream_servers": "\n        ".join(
            f"server {up} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}s;" for up in upstreams
        ),
        "fail_timeout": str(FAIL_TIMEOUT),
        # nginx lets an idle upstream connection go a second before uvicorn would.
        "upstream_keepalive_timeout": f"{settings.timeout_keep_alive - 1}s",
        "max_body_bytes": str(settings.max_body_bytes),
        "client_timeout": client_timeout,
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    unknown = set(PLACEHOLDER.findall(template)) - values.keys()
    if unknown:
        raise RenderError(f"{TEMPLATE.name} has placeholders render() does not fill: {unknown}")
    return PLACEHOLDER.sub(lambda match: values[match[1]], template)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.render", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT")
    parser.add_argument("--listen", default="127.0.0.1:8080", help="nginx's listen address")
    parser.add_argument(
        "--client-timeout",
        default="10s",
        help="client_header_timeout, client_body_timeout and send_timeout (default 10s)",
    )
    parser.add_argument("--user", help="the workers' user, when nginx is started as root")
    parser.add_argument("--output", "-o", type=Path, help="where to write (default stdout)")
    args = parser.parse_args(argv)
    try:
        text = render(
            args.upstream, listen=args.listen, client_timeout=args.client_timeout, user=args.user
        )
    except ValueError as error:  # RenderError, or a bad ACCORDLINE_* value
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
