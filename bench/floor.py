"""The floor: the same six workloads with hand-written SQL and json, no GraphQL.

A minimal Starlette + aiosqlite app using the server's connection approach (a couple of
read-only, immutable connections handed out through an asyncio.Queue). POST /W1 … /W6
with the workload's GraphQL variables as the JSON body; the answer is shaped like the
GraphQL answer, so the runner can check both agree. It shows how fast this machine can
serve the same data with no framework work; accordline ÷ floor is the price of GraphQL.

    python -m bench.floor --db STORE --port P

The answers themselves, one per workload, are in bench/floor_answers.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from pathlib import Path
from urllib.parse import quote

import aiosqlite
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .floor_answers import HANDLERS


class Pool:
    """A few read-only, immutable connections, each lent to one query at a time."""

    def __init__(self, path: Path, readers: int = 2):
        self.path, self.readers = path, readers
        self.queue: asyncio.Queue = asyncio.Queue()
        self.connections: list[aiosqlite.Connection] = []

    async def open(self) -> None:
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro&immutable=1"
        for _ in range(self.readers):
            connection = await aiosqlite.connect(uri, uri=True, check_same_thread=False)
            await connection.execute("PRAGMA query_only = 1")
            self.connections.append(connection)
            self.queue.put_nowait(connection)

    async def close(self) -> None:
        for connection in self.connections:
            await connection.close()

    async def rows(self, sql: str, params=()) -> list[tuple]:
        connection = await self.queue.get()
        try:
            return list(await connection.execute_fetchall(sql, params))
        finally:
            self.queue.put_nowait(connection)


def create_floor(path: Path, readers: int = 2) -> Starlette:
    pool = Pool(Path(path), readers)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.open()
        try:
            yield
        finally:
            await pool.close()

    async def endpoint(request: Request) -> Response:
        handler = HANDLERS[request.path_params["workload"]]
        variables = json.loads(await request.body())
        body = json.dumps(
            {"data": await handler(pool, variables)}, ensure_ascii=False, separators=(",", ":")
        )
        return Response(body, media_type="application/json")

    async def healthz(request: Request) -> Response:
        return Response('{"status":"ok"}', media_type="application/json")

    return Starlette(
        routes=[Route("/healthz", healthz), Route("/{workload}", endpoint, methods=["POST"])],
        lifespan=lifespan,
    )


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="the benchmark's floor server")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    # log_level "info" as the real server has it: the access log costs both the same.
    # No access log, like accordline in the benchmark: logging each request would be a
    # large share of the cheapest answers' cost, on both sides.
    uvicorn.run(
        create_floor(args.db),
        host=args.host,
        port=args.port,
        log_level="info",
        access_log=False,
    )


if __name__ == "__main__":
    main()
