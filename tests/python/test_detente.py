"""The Python module: the same results as the CLI, DataFrames, records as numpy arrays over
detente's own buffer, exceptions that carry file, line and field, and the run store.
Run by ctest (python.pytest) with PYTHONPATH=build/python; by hand:
    PYTHONPATH=build/python /usr/bin/python3 -m pytest tests/python
Tests that read ../shared/data skip with a message when it is absent (DETENTE_TESTDATA)."""
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import detente

SOURCE = Path(os.environ.get("DETENTE_SOURCE_DIR", Path(__file__).parents[2])).resolve()
BINARY = os.environ.get("DETENTE_BINARY", str(SOURCE / "build" / "detente"))
DATA = Path(os.environ.get("DETENTE_TESTDATA", SOURCE.parent / "shared" / "data"))
CASE = "northeast-asia-2024"  # the built-in case


def cli_json(*args):
    out = subprocess.run([BINARY, *map(str, args), "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def data_file(relative):
    p = DATA / relative
    if not p.exists():
        pytest.skip(f"real test data not found: {p} (set DETENTE_TESTDATA)")
    return p


# --- scenarios and errors ---------------------------------------------------------------

def test_scenario_load_gives_dataframes():
    s = detente.Scenario.load(CASE)
    assert s.id == CASE
    assert s.as_of == "2024-05-01"
    assert isinstance(s.actors, pd.DataFrame)
    assert {"CHN", "JPN", "KOR"} <= set(s.actors["id"])
    assert (s.actors["capability"] >= 0).all()
    assert len(s.positions) > 0 and set(s.positions["issue"]) <= set(s.issues["id"])
    assert set(s.positions["actor"]) <= set(s.actors["id"])
    assert detente.Scenario.validate(CASE).empty and s.validate().empty


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
    assert err.field == "actor[AAA].capability"
    assert "-1" in err.message
    assert str(err).startswith(f"{bad}:8: field 'actor[AAA].capability'")
    assert err.diagnostics[0] == {"file": str(bad), "line": 8, "field": err.field,
                                  "message": err.message}
    problems = detente.Scenario.validate(bad)
    assert list(problems.columns) == ["file", "line", "field", "message"]
    assert ((problems["line"] == 8) & (problems["field"] == err.field)).any()


def test_bad_input_to_a_command_raises_input_error(tmp_path):
    with pytest.raises(detente.InputError) as e:
        detente.bargain(tmp_path / "missing.csv")
    assert e.value.file == str(tmp_path / "missing.csv")
    with pytest.raises(detente.InputError) as e:
        detente.simulate(CASE, runs=0, records=True)
    assert e.value.field == "--runs"
    # A usage error of the CLI's parser is bad input too, not a crash.
    with pytest.raises(detente.InputError):
        detente.bargain(CASE, model="no_such_model")
    # No partial output file is left behind in the temporary directory.
    import tempfile
    left = [p for p in os.listdir(tempfile.gettempdir())
            if p.startswith(f"detente-py-{os.getpid()}-")]
    assert left == []


# --- bargaining ---------------------------------------------------------------------------

def test_bargain_matches_the_cli():
    r = detente.bargain(CASE, model="all", threads=2)
    cli = cli_json("bargain", CASE, "--model", "all", "--threads", 1)
    assert r.json == cli  # any thread count gives the same result
    f = r.forecasts.set_index(["model", "issue"])["forecast"]
    expected = [(m["model"], i["issue"], i["forecast"]) for m in cli["models"]
                for i in m["issues"]]
    assert len(f) == len(expected)
    for model, issue, forecast in expected:
        assert f[(model, issue)] == forecast
    assert set(r.trajectories["model"]) >= {"eum", "smp"}
    rounds = [(m["model"], i["issue"], x["round"], x["median"]) for m in cli["models"]
              for i in m["issues"] for x in i["rounds"]]
    assert list(map(tuple, r.trajectories[["model", "issue", "round", "median"]].to_numpy())) \
        == rounds
    assert len(r.positions) == sum(len(x["positions"]) for m in cli["models"]
                                   for i in m["issues"] for x in i["rounds"])


def test_bargain_options_reach_the_model():
    base = detente.bargain(CASE, model="smp", seed=3)
    other = detente.bargain(CASE, model="smp", seed=3, VotingRule="Binary")
    assert base.json["options"]["VotingRule"] == "Proportional"
    assert other.json["options"]["VotingRule"] == "Binary"
    assert other.json == cli_json("bargain", CASE, "--model", "smp", "--seed", 3,
                                  "--option", "VotingRule=Binary")
    with pytest.raises(detente.InputError) as e:
        detente.bargain(CASE, model="smp", NoSuchOption=1)
    assert "NoSuchOption" in str(e.value)


# --- simulation ---------------------------------------------------------------------------

def test_simulate_matches_the_cli_for_any_thread_count():
    r = detente.simulate(CASE, runs=200, seed=5, threads=2)
    cli = cli_json("simulate", CASE, "--runs", 200, "--seed", 5, "--threads", 1)
    assert r.json == cli
    o = r.outcomes
    assert list(o["variant"].unique()) == ["baseline"]
    assert list(o["outcome"]) == [x["id"] for x in cli["variants"][0]["outcomes"]]
    assert list(o["probability"]) == [x["probability"] for x in cli["variants"][0]["outcomes"]]
    assert ((o["ci95_low"] <= o["probability"]) & (o["probability"] <= o["ci95_high"])).all()
    assert (o["count"] == (o["probability"] * 200).round().astype(int)).all()
    assert len(r.frustration) == len(cli["variants"][0]["months"])


def test_simulate_same_seed_is_identical_and_another_seed_differs():
    a = detente.simulate(CASE, runs=300, seed=11, records=True)
    b = detente.simulate(CASE, runs=300, seed=11, records=True)
    c = detente.simulate(CASE, runs=300, seed=12, records=True)
    pd.testing.assert_frame_equal(a.outcomes, b.outcomes)
    assert np.array_equal(a.arrays["baseline"], b.arrays["baseline"])
    assert not np.array_equal(a.arrays["baseline"], c.arrays["baseline"])
    assert not a.settlements[["mean"]].equals(c.settlements[["mean"]])


def test_records_are_a_numpy_array_over_detentes_buffer():
    runs = 250
    r = detente.simulate(CASE, runs=runs, seed=5, threads=2, records=True)
    arr = r.arrays["baseline"]
    rec = r.records["baseline"]
    assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
    assert arr.ndim == 2 and arr.shape == (runs, rec.shape[1])
    assert arr.flags["C_CONTIGUOUS"] and not arr.flags["OWNDATA"]
    assert arr.base is not None  # the capsule that owns detente's buffer
    # The DataFrame is a view of the same memory, not a copy.
    assert np.shares_memory(rec.to_numpy(), arr)
    months = r.json["variants"][0]["months"]
    outcomes = [o["id"] for o in r.json["variants"][0]["outcomes"]]
    issues = [s["issue"] for s in r.json["variants"][0]["issues"]]
    dyads = [d["dyad"] for d in r.json["variants"][0]["dyads"]]
    assert list(rec.columns) == (outcomes + issues
                                 + [f"{d}@{m}" for d in dyads for m in months]
                                 + [f"frustration@{m}" for m in months] + ["frustration_gap"])
    # Each run's record reproduces the summary: outcome columns are 0/1 indicators whose
    # means are the probabilities, settlement columns average to the settlement means.
    for _, row in r.outcomes.iterrows():
        assert set(np.unique(rec[row["outcome"]])) <= {0.0, 1.0}
        assert rec[row["outcome"]].mean() == pytest.approx(row["probability"], abs=1e-12)
    for _, row in r.settlements.iterrows():
        assert rec[row["issue"]].mean() == pytest.approx(row["mean"], rel=1e-9)
    # Same seed, any thread count: the same records.
    again = detente.simulate(CASE, runs=runs, seed=5, threads=1, records=True)
    assert np.array_equal(again.arrays["baseline"], arr)


def test_calls_from_several_python_threads_give_the_sequential_results():
    # The GIL is released while a command runs, so these run at once in one process.
    from concurrent.futures import ThreadPoolExecutor
    seeds = [21, 22, 23, 24]
    alone = [detente.simulate(CASE, runs=120, seed=s, threads=1).json for s in seeds]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(
            lambda s: detente.simulate(CASE, runs=120, seed=s, threads=1).json, seeds))
    assert together == alone


def test_records_outlive_the_result():
    arr = detente.simulate(CASE, runs=40, seed=3, records=True).arrays["baseline"]
    import gc
    gc.collect()
    assert np.isfinite(arr).all() and arr.shape[0] == 40


def test_simulate_variants_and_errors():
    s = detente.Scenario.load(CASE)
    r = detente.simulate(s, runs=50, seed=1, variants="all")
    assert set(r.outcomes["variant"]) == {"baseline", *s.variants}
    one = detente.simulate(s, runs=50, seed=1, variants=[s.variants[0]], records=True)
    assert set(one.records) == {"baseline", s.variants[0]}
    with pytest.raises(detente.InputError) as e:
        detente.simulate(s, runs=50, variants=["no_such_variant"])
    assert e.value.field == "--variant"


# --- alignment and landscapes --------------------------------------------------------------

def test_balance_of_a_hand_made_network(tmp_path):
    net = tmp_path / "net.csv"
    # A-B-C is a triangle with one negative tie (unbalanced: one tie must be frustrated);
    # D hangs on C by a positive tie.
    net.write_text("from,to,sign\nA,B,1\nB,C,1\nA,C,-1\nC,D,1\n")
    r = detente.balance(net, method="exact")
    row = r.summary.iloc[0]
    assert row["frustration"] == 1 and row["lower_bound"] == 1 and bool(row["optimal"])
    assert row["edges"] == 4 and row["negative_edges"] == 1
    assert row["balance.triangles"] == 1
    assert len(r.frustrated_ties) == 1
    assert r.blocs["frustration"].sum() == 2  # the frustrated tie counts at both ends
    many = detente.balance([net, net], method="exact")
    assert len(many.summary) == 2


def test_balance_node_budget_stops_the_search_reproducibly(tmp_path):
    import random
    rng = random.Random(7)
    rows = ["from,to,sign"]
    for i in range(90):
        for j in range(i + 1, 90):
            if rng.random() < 0.5:
                rows.append(f"n{i},n{j},{-1 if rng.random() < 1 / 3 else 1}")
    net = tmp_path / "dense.csv"
    net.write_text("\n".join(rows) + "\n")
    r = detente.balance(net, node_budget=3000)
    row = r.summary.iloc[0]
    assert not bool(row["optimal"]) and row["stopped"] == "node budget"
    assert row["search_nodes"] <= 3000 and 0 <= row["lower_bound"] <= row["frustration"]
    again = detente.balance(net, node_budget=3000).summary.iloc[0]
    assert again["frustration"] == row["frustration"]
    assert again["lower_bound"] == row["lower_bound"]


def test_balance_of_a_real_signed_network():
    path = data_file("alignment/tribes/tribes_gahuku_gama_signed.csv")
    r = detente.balance(path, method="exact")
    cli = cli_json("balance", path, "--method", "exact")
    assert r.summary.loc[0, "frustration"] == cli["frustration"]
    assert bool(r.summary.loc[0, "optimal"]) is True
    assert len(r.blocs) == cli["nodes"]


def test_landscape_of_three_actors(tmp_path):
    actors, props = tmp_path / "actors.csv", tmp_path / "propensities.csv"
    actors.write_text("actor,strength\nA,2\nB,1\nC,1\n")
    props.write_text(",A,B,C\nA,,1,-1\nB,1,,-2\nC,-1,-2,\n")
    r = detente.landscape(actors, props)
    # One minimum: {A, B} against C. E = 2 (2·1·(−1) + 1·1·(−2)) = −8 over ordered pairs.
    assert list(r.minima["energy"]) == [-8]
    assert r.minima.loc[0, "basin_share"] == 1.0
    side = r.partitions.set_index("actor")["side"]
    assert side["A"] == side["B"] != side["C"]


# --- event data -----------------------------------------------------------------------------

def test_events_aggregate_counts_a_hand_made_file(tmp_path):
    f = tmp_path / "events.tsv"
    f.write_text("date\tsource\ttarget\tcode\n"
                 "2024-01-03\tCHNGOV\tJPNGOV\t036\n"   # intent to meet: +4.0, quad 1
                 "2024-01-09\tCHN\tJPN\t112\n"         # accuse: -2.0, quad 3
                 "2024-01-20\tJPNGOV\tCHNGOV\t042\n"   # visit: +1.9, quad 1
                 "2024-02-02\tCHNMIL\tJPNMIL\t190\n"   # conventional force: -10, quad 4
                 "2024-02-05\tKOR\tJPN\t051\n")        # praise: +3.4, quad 1
    frame = detente.events.aggregate(f, period="month")
    assert frame.attrs["input"]["rows"] == 5
    by = frame.set_index(["period", "actor1", "actor2"])
    assert len(by) == 4
    jan = by.loc[("2024-01", "CHN", "JPN")]
    assert jan["events"] == 2 and jan["goldstein_sum"] == pytest.approx(2.0)
    assert (jan["quad1"], jan["quad2"], jan["quad3"], jan["quad4"]) == (1, 0, 1, 0)
    assert by.loc[("2024-01", "JPN", "CHN"), "events"] == 1
    assert by.loc[("2024-02", "CHN", "JPN"), "quad4"] == 1
    undirected = detente.events.aggregate([f], period="month", undirected=True)
    u = undirected.set_index(["period", "actor1", "actor2"])
    assert u.loc[("2024-01", "CHN", "JPN"), "events"] == 3
    assert u["events"].sum() == 5
    only = detente.events.aggregate(f, period="month", actors="CHN,JPN")
    assert only["events"].sum() == 4
    cooperative = detente.events.aggregate(f, quads="1", domestic=False)  # False: left out
    assert cooperative["events"].sum() == 3
    assert (cooperative["quad1"] == cooperative["events"]).all()
    yearly = detente.events.aggregate(f, period="year", undirected=True, codes="19")
    assert list(yearly["events"]) == [1]


def test_events_aggregate_real_gdelt():
    path = data_file("events/gdelt/gdelt2_20191024143000.export.CSV")
    frame = detente.events.aggregate(path, period="month")
    assert {"period", "actor1", "actor2", "events", "goldstein_mean", "quad1"} <= set(frame.columns)
    assert frame["events"].sum() > 0
    assert (frame[["quad1", "quad2", "quad3", "quad4"]].sum(axis=1) == frame["events"]).all()


# --- the run store --------------------------------------------------------------------------

def test_run_store_round_trip(tmp_path):
    store = tmp_path / "runs.db"
    a = detente.simulate(CASE, runs=100, seed=1, store=store)
    b = detente.simulate(CASE, runs=100, seed=2, store=store)
    runs = detente.runs.list(store)
    assert list(runs["command"]) == ["simulate", "simulate"]
    assert list(runs["seed"]) == ["1", "2"]
    assert (runs["label"] == CASE).all()
    first, second = runs["id"]
    shown = detente.runs.show(store, first[:8])  # a unique prefix is enough
    assert shown["id"] == first
    d = detente.runs.diff(store, first, second)
    assert ("seed", "seed", "1", "2") in set(map(tuple, d.inputs.to_numpy()))
    moved = d.results[d.results["quantity"] == "outcome probability"].set_index("subject")
    pa = a.outcomes.set_index("outcome")["probability"]
    pb = b.outcomes.set_index("outcome")["probability"]
    changed = [o for o in pa.index if pa[o] != pb[o]]
    assert changed, "two seeds gave the same probabilities for every outcome"
    for o in changed:
        row = moved.loc[f"baseline / {o}"]
        assert (row["a"], row["b"]) == (pa[o], pb[o])
        assert row["delta"] == pytest.approx(pb[o] - pa[o])
    assert d.results["quantity"].iloc[0] == "outcome probability"
    both = d.results.dropna(subset=["a", "b"])
    for _, group in both.groupby("quantity", sort=False):  # largest change first in each
        deltas = group["delta"].abs().tolist()
        assert deltas == sorted(deltas, reverse=True)
    values = detente.runs.values(store, first)
    probs = values[values["quantity"] == "outcome probability"].set_index("subject")["value"]
    assert probs[f"baseline / {pa.index[0]}"] == pa.iloc[0]
    exported = detente.runs.export(store, first)
    assert json.dumps(exported)  # plain JSON data
    # The store is plain SQLite: pandas reads its tables directly.
    with sqlite3.connect(store) as con:
        table = pd.read_sql("SELECT outcome, probability FROM outcome_probabilities "
                            "WHERE run_id = ?", con, params=(first,))
    assert dict(zip(table["outcome"], table["probability"])) == pa.to_dict()
    detente.runs.rm(store, first)
    assert list(detente.runs.list(store)["id"]) == [second]
    with pytest.raises(detente.InputError):
        detente.runs.show(store, "ffffffff")


def test_run_store_refuses_a_corrupt_file(tmp_path):
    store = tmp_path / "broken.db"
    store.write_bytes(b"this is not an SQLite database" * 100)
    with pytest.raises(detente.InputError) as e:
        detente.runs.list(store)
    assert str(store) in str(e.value)
    with pytest.raises(detente.InputError):
        detente.bargain(CASE, store=store)
