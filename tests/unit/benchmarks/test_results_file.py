"""benchmarks/results.json: a partial rerun replaces its own figures and keeps the others."""

from benchmarks.run import Figure, merge_results


def figure(benchmark: str, value: float) -> Figure:
    return Figure(benchmark=benchmark, figure="wall", value=value, unit="s", note="")


def test_a_rerun_replaces_its_figures_and_keeps_the_others_with_their_time():
    previous = {
        "measured_at": {"api": "2026-11-01T00:00:00+00:00", "predict": "2026-11-01T00:00:00+00:00"},
        "figures": [figure("api", 1.0), figure("predict", 2.0), figure("predict", 3.0)],
    }
    merged = merge_results(previous, [figure("predict", 9.0)], "2026-11-29T00:00:00+00:00")
    assert merged["figures"] == [figure("api", 1.0), figure("predict", 9.0)]
    assert merged["measured_at"] == {
        "api": "2026-11-01T00:00:00+00:00",
        "predict": "2026-11-29T00:00:00+00:00",
    }


def test_the_older_single_time_layout_is_read_and_a_first_run_starts_empty():
    older = {"measured_at": "2026-11-01T00:00:00+00:00", "figures": [figure("synth", 12.0)]}
    merged = merge_results(older, [figure("api", 1.0)], "2026-11-29T00:00:00+00:00")
    assert merged["measured_at"] == {
        "synth": "2026-11-01T00:00:00+00:00",
        "api": "2026-11-29T00:00:00+00:00",
    }
    assert merge_results({}, [figure("api", 1.0)], "now")["figures"] == [figure("api", 1.0)]
