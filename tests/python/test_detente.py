"""The Python module: the same results as the CLI, DataFrames, exceptions that carry file,
line and field, and the run store. Run by ctest (python.pytest) with PYTHONPATH=build/python."""
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import detente

SOURCE = Path(os.environ.get("DETENTE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("DETENTE_BINARY", str(SOURCE / "build" / "detente"))
DATA = Path(os.environ.get("DETENTE_TESTDATA", SOURCE.parent / "shared" / "data"))


def cli_json(*args):
    out = subprocess.run([BINARY, *map(str, args), "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def data_file(relative):
    p = DATA / relative
    if not p.exists():
        pytest.skip(f"real test data not found under {DATA} (set DETENTE_TESTDATA)")
    return p


def test_scenario_load_gives_dataframes():
    s = detente.Scenario.load("northeast-asia-2024")
    assert s.id == "northeast-asia-2024"
    assert s.as_of == "2024-05-01"
    assert isinstance(s.actors, pd.DataFrame)
    assert {"CHN", "JPN", "KOR"} <= set(s.actors["id"])
    assert (s.actors["capability"] >= 0).all()
    assert len(s.positions) > 0 and set(s.positions["issue"]) <= set(s.issues["id"])
    assert detente.Scenario.validate("northeast-asia-2024").empty


def test_bad_scenario_raises_with_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nid = "x"\nname = "X"\n\n[[actor]]\nid = "AAA"\nname = "A"\n'
                   'capability = -1\n')
    with pytest.raises(detente.InputError) as e:
        detente.Scenario.load(bad)
    err = e.value
    assert isinstance(err, ValueError)
    assert err.file == str(bad)
    assert err.line == 8
    assert "capability" in err.field
    problems = detente.Scenario.validate(bad)
    assert list(problems.columns) == ["file", "line", "field", "message"]
    assert (problems["line"] == 8).any()


def test_bargain_matches_the_cli():
    r = detente.bargain("northeast-asia-2024", model="all")
    cli = cli_json("bargain", "northeast-asia-2024", "--model", "all")
    assert r.json == cli
    f = r.forecasts.set_index(["model", "issue"])["forecast"]
    for m in cli["models"]:
        for issue in m["issues"]:
            assert f[(m["model"], issue["issue"])] == issue["forecast"]
    assert set(r.trajectories["model"]) >= {"eum", "smp"}


def test_bargain_options_reach_the_model():
    base = detente.bargain("northeast-asia-2024", model="smp", seed=3)
    other = detente.bargain("northeast-asia-2024", model="smp", seed=3, VotingRule="Binary")
    assert base.json["options"]["VotingRule"] == "Proportional"
    assert other.json["options"]["VotingRule"] == "Binary"
    with pytest.raises(detente.InputError) as e:
        detente.bargain("northeast-asia-2024", model="smp", NoSuchOption=1)
    assert "NoSuchOption" in str(e.value)


def test_simulate_tables_and_records_without_copy():
    r = detente.simulate("northeast-asia-2024", runs=200, seed=5, threads=2, records=True)
    cli = cli_json("simulate", "northeast-asia-2024", "--runs", 200, "--seed", 5)
    assert r.json == cli  # any thread count gives the same result
    o = r.outcomes
    assert list(o["variant"].unique()) == ["baseline"]
    assert ((o["probability"] >= 0) & (o["probability"] <= 1)).all()
    rec = r.records["baseline"]
    assert rec.shape[0] == 200
    # The outcome columns of the records are 0/1 indicators whose means are the probabilities.
    for _, row in o.iterrows():
        assert rec[row["outcome"]].mean() == pytest.approx(row["probability"], abs=1e-12)
    values = rec.to_numpy(copy=False)
    assert values.dtype == np.float64 and not values.flags["OWNDATA"]


def test_simulate_variants_and_errors():
    s = detente.Scenario.load("northeast-asia-2024")
    r = detente.simulate(s, runs=50, seed=1, variants="all")
    assert set(r.outcomes["variant"]) == {"baseline", *s.variants}
    with pytest.raises(detente.InputError) as e:
        detente.simulate(s, runs=50, variants=["no_such_variant"])
    assert e.value.field == "--variant"


def test_balance_of_a_signed_network():
    path = data_file("alignment/tribes/tribes_gahuku_gama_signed.csv")
    r = detente.balance(path, method="exact")
    cli = cli_json("balance", path, "--method", "exact")
    assert r.summary.loc[0, "frustration"] == cli["frustration"]
    assert bool(r.summary.loc[0, "optimal"]) is True


def test_events_aggregate_dataframe():
    path = data_file("events/gdelt/gdelt2_20191024143000.export.CSV")
    frame = detente.events.aggregate(path, period="month")
    assert {"period", "actor1", "actor2", "events", "goldstein_mean", "quad1"} <= set(frame.columns)
    assert frame["events"].sum() > 0
    assert (frame[["quad1", "quad2", "quad3", "quad4"]].sum(axis=1) == frame["events"]).all()


def test_run_store_from_python(tmp_path):
    store = tmp_path / "runs.db"
    detente.simulate("northeast-asia-2024", runs=100, seed=1, store=store)
    detente.simulate("northeast-asia-2024", runs=100, seed=2, store=store)
    runs = detente.runs.list(store)
    assert list(runs["seed"]) == ["1", "2"]
    d = detente.runs.diff(store, runs["id"][0], runs["id"][1])
    assert ("seed", "seed", "1", "2") in set(map(tuple, d.inputs.to_numpy()))
    moved = d.results.dropna()
    assert (moved["quantity"] == "outcome probability").any()
    values = detente.runs.values(store, runs["id"][0])
    assert len(values) > 10
    detente.runs.rm(store, runs["id"][0])
    assert len(detente.runs.list(store)) == 1
    with pytest.raises(detente.InputError):
        detente.runs.show(store, "ffffffff")
