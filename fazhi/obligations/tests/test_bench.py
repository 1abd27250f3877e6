"""`bench/evaluation` runs end to end on a tiny city (its figures are for docs/performance.md, not
for a test): the seeding through every module's builders, the evaluation at two sizes with the
same queries, the naive loop, the snapshot and the board page."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest
from django.utils import timezone

BENCH = Path(__file__).resolve().parents[3] / "bench" / "evaluation"


def _bench():
    loader = importlib.machinery.SourceFileLoader("bench_evaluation", str(BENCH))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_bench_runs_on_a_tiny_city(monkeypatch, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(timezone, "localdate", timezone.localdate)  # the bench freezes it; restored after
    bench = _bench()

    results = bench.run(4, 2, repeat=1, history=3)
    bench.report(results)

    small, full = results["evaluation_small"], results["evaluation"]
    assert (small["members"], full["members"]) == (2, 4)
    assert small["queries_without_batches"] == full["queries_without_batches"]
    assert results["naive"]["members"] == 4 and results["naive"]["queries"] > full["queries"]
    assert results["records"]["documents.normativedocument"] == 3 and results["records"]["reports.yearlyreport"] == 4
    assert results["snapshot"]["days"] == 4 and results["board"]["queries"] > 0
    assert "office's board page (4 bodies" in capsys.readouterr().out
