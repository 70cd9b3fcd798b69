"""One waiter's cancellation never cancels a batch other waiters share (issue #9, item 4).

GraphQL cancels a field's siblings when an error nulls their parent, and a timeout
cancels whatever is waiting; a batch loader's batch is shared by every field that asked
during its turn, so neither may reach it.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc

import hypothesis
import pytest
from hypothesis import strategies as st

from server.api.execution.batching import BatchLoader

from .helpers import nodes


def value(key: int) -> str:
    return f"value of {key}"


class Store:
    """A batch function that records each call's keys and answers only when released."""

    def __init__(self, error: Exception | None = None):
        self.calls: list[list] = []
        self.release = asyncio.Event()
        self.error = error

    async def __call__(self, keys: list) -> list:
        self.calls.append(list(keys))
        await self.release.wait()
        if self.error is not None:
            raise self.error
        return [value(key) for key in keys]


async def ask(loader: BatchLoader, keys: list, how: str) -> list:
    """A whole level (the fast path) or one resolver per key (Strawberry's path)."""
    if how == "load_many":
        return await loader.load_many(keys)
    return list(await asyncio.gather(*(loader.load(key) for key in keys)))


@contextlib.contextmanager
def loop_errors():
    """What the running loop reports: InvalidStateError in a batch task, and futures or
    tasks whose exception was never retrieved (reported when they are collected)."""
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    reported: list[dict] = []
    loop.set_exception_handler(lambda _, context: reported.append(context))
    try:
        yield reported
        gc.collect()
    finally:
        loop.set_exception_handler(previous)


async def started(store: Store, calls: int, tasks: list) -> None:
    """Run the loop until the batch has been called (and waits) or every waiter is done."""
    for _ in range(20):
        if len(store.calls) > calls or all(task.done() for task in tasks):
            return
        await asyncio.sleep(0)
    raise AssertionError("the batch was never called")


WAITER = st.tuples(
    st.lists(st.integers(0, 15), max_size=12),  # its keys, overlapping other waiters'
    st.booleans(),  # cancelled mid-batch
    st.sampled_from(["load_many", "load"]),
)


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(turns=st.lists(st.lists(WAITER, min_size=1, max_size=8), min_size=1, max_size=3))
def test_cancelled_waiters_leave_the_others_their_values(turns):
    asyncio.run(_cancel_some(turns))


async def _cancel_some(turns) -> None:
    store = Store()
    loader = BatchLoader(store, max_batch_size=500)
    fetched: set[int] = set()
    with loop_errors() as reported:
        for waiters in turns:
            store.release = asyncio.Event()
            calls = len(store.calls)
            tasks = [asyncio.create_task(ask(loader, keys, how)) for keys, _, how in waiters]
            await started(store, calls, tasks)
            pending = [not task.done() for task in tasks]
            for task, (_, cancel, _) in zip(tasks, waiters, strict=True):
                if cancel:
                    task.cancel()
            await asyncio.sleep(0)  # the cancellations land while the batch still waits
            store.release.set()
            await asyncio.gather(*tasks, return_exceptions=True)

            for task, (keys, cancel, _), was_pending in zip(tasks, waiters, pending, strict=True):
                assert task.cancelled() == (cancel and was_pending)
                if not task.cancelled():
                    assert task.result() == [value(key) for key in keys]
            # One call for the turn, with each key not fetched before, once; a batch
            # whose waiters were all cancelled still finished, so its keys are fetched.
            new = {key for keys, _, _ in waiters for key in keys} - fetched
            made = store.calls[calls:]
            if new:
                assert len(made) == 1
                assert sorted(made[0]) == sorted(new)
            else:
                assert made == []
            fetched |= new
        await asyncio.sleep(0)  # the last batch task ends
    assert reported == []


@pytest.mark.parametrize("cancel_one", [False, True], ids=["all wait", "one cancelled"])
def test_a_failed_batch_gives_every_waiter_its_error(cancel_one):
    asyncio.run(_fail(cancel_one))


async def _fail(cancel_one: bool) -> None:
    error = RuntimeError("the store is gone")
    store = Store(error)
    loader = BatchLoader(store, max_batch_size=500)
    with loop_errors() as reported:
        asks = [([1, 2, 3], "load_many"), ([2, 3, 4], "load"), ([4], "load_many"), ([5], "load")]
        tasks = [asyncio.create_task(ask(loader, keys, how)) for keys, how in asks]
        await started(store, 0, tasks)
        if cancel_one:
            tasks[0].cancel()
            await asyncio.sleep(0)
        store.release.set()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        if cancel_one:
            assert tasks[0].cancelled()
            outcomes = outcomes[1:]
        assert all(outcome is error for outcome in outcomes)
        # Asked again later in the request: the same error, without another call.
        with pytest.raises(RuntimeError) as later:
            await loader.load_many([3, 5])
        assert later.value is error
        assert store.calls == [[1, 2, 3, 4, 5]]
    assert reported == []


def test_a_batch_whose_waiters_all_left_finishes_for_later_askers():
    asyncio.run(_all_leave())


async def _all_leave() -> None:
    store = Store()
    loader = BatchLoader(store, max_batch_size=2)
    with loop_errors() as reported:
        tasks = [
            asyncio.create_task(loader.load_many([1, 2, 3])),
            asyncio.create_task(loader.load(4)),
        ]
        await started(store, 0, tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        store.release.set()
        assert await loader.load_many([4, 3, 2, 1]) == [value(k) for k in (4, 3, 2, 1)]
        # Only once, in max_batch_size chunks; load() asks on the call, load_many() when
        # its task first runs.
        assert store.calls == [[4, 1], [2, 3]]
    assert reported == []


# Through the real app: a non-null field's error nulls its parent, and GraphQL cancels the
# parent's other fields. The countries query is the one issue #9 reported (a 500 every
# time, when participations were one batch for both countries; now each country's page is
# its own statement). The agreements query still cancels a field waiting on a batch shared
# with the other agreement (their sources), and gave a CancelledError every time before.
KZ_FAILS = """kz: country(code: "KZ") { participations { edges { node { role } } }
                            events(first: 1, after: "bad") { totalCount } }"""
IL = """il: country(code: "IL") { participations { edges { node { role } } } }"""
ABRAHAM_FAILS = """a: agreement(slug: "abraham-accords") { sources { slug }
                        participants(first: 1, after: "bad") { totalCount } }"""
ARAB_PEACE = """b: agreement(slug: "arab-peace-initiative") { sources { slug } }"""


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("failing", "kept"), [(KZ_FAILS, IL), (ABRAHAM_FAILS, ARAB_PEACE)], ids=["country", "agreement"]
)
async def test_a_sibling_error_leaves_the_other_fields_answer(api, failing, kept):
    failed, alias = failing.split(":")[0], kept.split(":")[0]
    expected = (await api.data(f"{{ {kept} }}"))[alias]
    # something to lose: IL's participations, the initiative's sources
    assert nodes(expected["participations"]) if alias == "il" else expected["sources"]
    with loop_errors() as reported:
        for _ in range(20):
            body = await api(f"{{ {failing} {kept} }}")  # HTTP 200 and JSON, on both paths
            [error] = body["errors"]
            assert error["extensions"]["code"] == "BAD_USER_INPUT"
            assert body["data"] == {failed: None, alias: expected}
        await asyncio.sleep(0)
    assert reported == []
