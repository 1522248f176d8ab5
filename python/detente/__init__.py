"""detente from Python: scenarios, bargaining, alignment, landscapes, event data,
simulation and the run store, with tabular results as pandas DataFrames.

    import detente
    s = detente.Scenario.load("northeast-asia-2024")       # built-in name or .toml path
    r = detente.bargain(s, model="eum", rounds=8)
    r.forecasts                                             # DataFrame: model, issue, forecast
    sim = detente.simulate(s, runs=2000, seed=1, threads=2)
    sim.outcomes                                            # variant, outcome, probability, ...

Every function runs the same code as the `detente` command line (results are identical);
bad input raises detente.InputError with .file, .line, .field and .message.
Tutorial: docs/python.md.
"""
import json as _json
import os as _os

import numpy as _np
import pandas as _pd

from . import _detente
from ._detente import InputError

__version__ = _detente.__version__
__all__ = ["InputError", "Result", "Scenario", "bargain", "balance", "landscape", "events",
           "simulate", "runs", "validate"]


class Result:
    """A command's result: its JSON output (`.json`) and its tables as DataFrames (named
    attributes, listed in `.tables`)."""

    def __init__(self, json, **tables):
        self.json = json
        self.tables = list(tables)
        for name, frame in tables.items():
            setattr(self, name, frame)

    def __repr__(self):
        shapes = ", ".join(f"{n}={getattr(self, n).shape}" for n in self.tables)
        return f"detente.Result({shapes})"


def _input_name(x):
    """A path or built-in name for a Scenario, a str or a path-like."""
    if isinstance(x, Scenario):
        f = x.file
        return f[len("<builtin:"):-1] if f.startswith("<builtin:") else f
    return _os.fspath(x)


def _run(args, store=None):
    args = [str(a) for a in args]
    if store is not None:
        args += ["--store", _os.fspath(store)]
    return _json.loads(_detente.run_command(args))


def _opt(args, name, value):
    if value is not None:
        args += [name, str(value)]


class Scenario:
    """A scenario (docs/scenario-format.md): `Scenario.load(path_or_builtin_name)`."""

    def __init__(self, data):
        self._data = data

    @staticmethod
    def load(path):
        """Reads and checks a scenario; raises InputError naming file, line and field."""
        return Scenario(_detente.ScenarioData.load(_os.fspath(path)))

    @staticmethod
    def validate(path):
        """Every problem of a scenario file as a DataFrame (file, line, field, message);
        empty when the file is valid."""
        return _pd.DataFrame(_detente.validate(_os.fspath(path)),
                             columns=["file", "line", "field", "message"])

    id = property(lambda self: self._data.id)
    name = property(lambda self: self._data.name)
    description = property(lambda self: self._data.description)
    file = property(lambda self: self._data.file)
    as_of = property(lambda self: self._data.as_of)
    variants = property(lambda self: list(self._data.variants))

    @property
    def actors(self):
        return _pd.DataFrame(self._data.actors, columns=["id", "name", "capability", "source"])

    @property
    def issues(self):
        return _pd.DataFrame(self._data.issues, columns=["id", "name"])

    @property
    def positions(self):
        return _pd.DataFrame(self._data.positions,
                             columns=["actor", "issue", "position", "salience"])

    def __repr__(self):
        return f"detente.Scenario({self.id!r}, {len(self._data.actors)} actors)"


def validate(path):
    """Scenario.validate(path)."""
    return Scenario.validate(path)


def _bargain_tables(j):
    models = j["models"] if "models" in j else [j]
    forecasts, rounds, positions = [], [], []
    for m in models:
        for issue in m["issues"]:
            forecasts.append((m["model"], issue["issue"], issue["forecast"]))
            for r in issue["rounds"]:
                rounds.append((m["model"], issue["issue"], r["round"], r["median"], r["mean"]))
                for actor, x in r["positions"].items():
                    positions.append((m["model"], issue["issue"], r["round"], actor, x))
    return Result(
        j,
        forecasts=_pd.DataFrame(forecasts, columns=["model", "issue", "forecast"]),
        trajectories=_pd.DataFrame(rounds, columns=["model", "issue", "round", "median", "mean"]),
        positions=_pd.DataFrame(positions,
                                columns=["model", "issue", "round", "actor", "position"]))


def bargain(input, model="mean", rounds=None, seed=None, threads=None, issue=None, store=None,
            **options):
    """Negotiation forecasts (docs/bargain.md). `input`: a Scenario, a built-in name, or an
    EUM/decide/KTAB file; `model`: mean|median|nash|eum|smp|exchange|all; other keyword
    arguments are the model's options (`VotingRule="PropCbc"`; with model="all" qualify
    them: `eum__q=0.5` for eum.q). Returns a Result with forecasts, trajectories and
    positions DataFrames."""
    args = ["bargain", _input_name(input), "--model", model, "--format", "json"]
    _opt(args, "--rounds", rounds)
    _opt(args, "--seed", seed)
    _opt(args, "--threads", threads)
    _opt(args, "--issue", issue)
    for k, v in options.items():
        if isinstance(v, bool):
            v = str(v).lower()
        args += ["--option", f"{k.replace('__', '.')}={v}"]
    return _bargain_tables(_run(args, store))


def balance(input, method="exact", date=None, time_limit=None, seed=None, threads=None,
            store=None):
    """Frustration index, blocs and balance measures of a signed network (docs/align.md).
    Returns a Result: `summary` (one row of the scalar results) and `blocs` (node, bloc)."""
    args = ["balance", _input_name(input), "--method", method, "--format", "json"]
    _opt(args, "--date", date)
    _opt(args, "--time-limit", time_limit)
    _opt(args, "--seed", seed)
    _opt(args, "--threads", threads)
    j = _run(args, store)
    flat = {}
    for k, v in j.items():
        if isinstance(v, dict):
            flat.update({f"{k}.{kk}": vv for kk, vv in v.items()
                         if not isinstance(vv, (dict, list))})
        elif not isinstance(v, list):
            flat[k] = v
    blocs = j.get("blocs") or j.get("partition") or {}
    if isinstance(blocs, dict):
        rows = [(n, b) for n, b in blocs.items()]
    else:
        rows = [(n, i) for i, group in enumerate(blocs) for n in group]
    return Result(j, summary=_pd.DataFrame([flat]),
                  blocs=_pd.DataFrame(rows, columns=["node", "bloc"]))


def landscape(actors, propensities, offset=None, method=None, seed=None, threads=None,
              store=None):
    """Axelrod–Bennett landscape minima (docs/models/landscape.md). Returns a Result with
    `minima` (energy, basin, basin_share, partition)."""
    args = ["landscape", _os.fspath(actors), _os.fspath(propensities), "--format", "json"]
    _opt(args, "--offset", offset)
    _opt(args, "--method", method)
    _opt(args, "--seed", seed)
    _opt(args, "--threads", threads)
    j = _run(args, store)
    return Result(j, minima=_pd.DataFrame(j["minima"]))


class _Events:
    """Event data (docs/events.md)."""

    @staticmethod
    def aggregate(files, period="month", undirected=False, store=None, **options):
        """Dyad × period series from GDELT/ICEWS/CAMEO files (zipped or not), as a
        DataFrame with one row per dyad and period. Other keyword arguments are the
        command's options (`root_codes="14,18"` for --root-codes)."""
        if isinstance(files, (str, _os.PathLike)):
            files = [files]
        args = ["events", "aggregate", *[_os.fspath(f) for f in files], "--period", period,
                "--format", "json"]
        if undirected:
            args.append("--undirected")
        for k, v in options.items():
            args += [f"--{k.replace('_', '-')}", str(v)]
        j = _run(args, store)
        frame = _pd.DataFrame(j["series"])
        if "quad" in frame:
            quads = _pd.DataFrame(frame.pop("quad").tolist(), index=frame.index,
                                  columns=["quad1", "quad2", "quad3", "quad4"])
            frame = _pd.concat([frame, quads], axis=1)
        frame.attrs["input"] = j.get("input", {})
        return frame


events = _Events()


def simulate(scenario, runs=1000, seed=1, threads=1, variants=None, store=None,
             records=False):
    """Monte Carlo ensembles of a scenario's futures (docs/models/dynamics.md).
    `variants`: None (the baseline), "all", or a list of variant ids. Returns a Result with
    `outcomes`, `settlements` and `frustration` DataFrames; with records=True also
    `records`: {variant: DataFrame of the per-run records (one row per run), backed by the
    numpy array without a copy}."""
    name = _input_name(scenario)
    args = ["simulate", name, "--runs", runs, "--seed", seed, "--threads", threads,
            "--format", "json"]
    if variants == "all":
        args.append("--all-variants")
    elif variants:
        for v in variants:
            args += ["--variant", v]
    j = _run(args, store)
    outcomes, settlements, frustration = [], [], []
    for v in j["variants"]:
        for o in v["outcomes"]:
            outcomes.append((v["variant"], o["id"], o["name"], o["probability"], o["ci95"][0],
                             o["ci95"][1], o["count"]))
        for s in v["issues"]:
            settlements.append((v["variant"], s["issue"], s["mean"], s["q05"], s["q25"],
                                s["q50"], s["q75"], s["q95"]))
        for month, q in zip(v.get("months", []), v.get("frustration", [])):
            frustration.append((v["variant"], month, q["mean"], q["q05"], q["q50"], q["q95"]))
    tables = dict(
        outcomes=_pd.DataFrame(outcomes, columns=["variant", "outcome", "name", "probability",
                                                  "ci95_low", "ci95_high", "count"]),
        settlements=_pd.DataFrame(settlements, columns=["variant", "issue", "mean", "q05",
                                                        "q25", "q50", "q75", "q95"]),
        frustration=_pd.DataFrame(frustration,
                                  columns=["variant", "month", "mean", "q05", "q50", "q95"]))
    if records:
        tables["records"] = {v["variant"]: _records(name, v, runs, seed, threads)
                             for v in j["variants"]}
    return Result(j, **tables)


def _records(name, v, runs, seed, threads):
    array, variant, shape = _detente.simulate_records(name, v["variant"], int(runs), int(seed),
                                                      int(threads))
    months = v.get("months", [])
    columns = [o["id"] for o in v["outcomes"]] + [s["issue"] for s in v["issues"]]
    columns += [f"{d['dyad']}@{m}" for d in v.get("dyads", []) for m in months]
    columns += [f"frustration@{m}" for m in months]
    if len(columns) != array.shape[1]:  # a layout this wrapper does not know: plain columns
        columns = None
    return _pd.DataFrame(array, columns=columns, copy=False)


class _Runs:
    """The run store (docs/run-store.md): runs.list(store), runs.show(store, id), ..."""

    @staticmethod
    def list(store):
        j = _run(["runs", "list", "--store", _os.fspath(store), "--format", "json"])
        return _pd.DataFrame(j, columns=["id", "created_at", "command", "label", "seed",
                                         "wall_seconds", "result_values"])

    @staticmethod
    def show(store, id):
        """The run's record (dict) with its result values under "results"."""
        return _run(["runs", "show", id, "--store", _os.fspath(store), "--format", "json"])

    @staticmethod
    def values(store, id):
        """The run's result values: quantity, subject, value."""
        j = _Runs.show(store, id)
        return _pd.DataFrame(j["results"], columns=["quantity", "subject", "value"])

    @staticmethod
    def diff(store, a, b):
        """Result with `inputs` (kind, name, a, b) and `results` (quantity, subject, a, b,
        delta; moved values, grouped by quantity, largest first)."""
        j = _run(["runs", "diff", a, b, "--store", _os.fspath(store), "--format", "json"])
        return Result(j, inputs=_pd.DataFrame(j["inputs"], columns=["kind", "name", "a", "b"]),
                      results=_pd.DataFrame(j["results"], columns=["quantity", "subject", "a",
                                                                   "b", "delta"]))

    @staticmethod
    def export(store, id):
        return _run(["runs", "export", id, "--store", _os.fspath(store), "--format", "json"])

    @staticmethod
    def rm(store, id):
        _detente.run_command(["runs", "rm", id, "--store", _os.fspath(store)])


runs = _Runs()
