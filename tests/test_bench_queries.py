"""The benchmark's six workloads are real queries: valid, error-free, and answered with
the rows they ask for (the small slice of `make bench` that runs in `make test`)."""

import pytest

from bench.run import run_workloads_once

pytestmark = pytest.mark.anyio


async def test_every_workload_answers_without_errors(seed_store):
    answers = await run_workloads_once(seed_store, page_size=10)
    assert sorted(answers) == ["W1", "W2", "W3", "W4", "W5", "W6"]
    for name, body in answers.items():
        assert "errors" not in body, (name, body)
    assert answers["W1"]["data"]["country"]["participations"]
    assert len(answers["W2"]["data"]["events"]["edges"]) == 10
    assert answers["W3"]["data"]["agreement"]["participants"]
    assert answers["W4"]["data"]["search"]
    assert answers["W6"]["data"]["relation"]["events"]["edges"]
