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
        def size(x):
            return x.shape if hasattr(x, "shape") else sorted(x)
        shapes = ", ".join(f"{n}={size(getattr(self, n))}" for n in self.tables)
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


def _options(args, options):
    """Keyword arguments as the command's own options: root_only=True for --root-only,
    codes="19,0251" for --codes; False and None leave an option out."""
    for k, v in options.items():
        flag = f"--{k.replace('_', '-')}"
        if v is True:
            args.append(flag)
        elif v is not False and v is not None:
            args += [flag, str(v)]


class Scenario:
    """A scenario (docs/scenario-format.md): `Scenario.load(path_or_builtin_name)`."""

    def __init__(self, data):
        self._data = data

    @staticmethod
    def load(path):
        """Reads and checks a scenario; raises InputError naming file, line and field."""
        return Scenario(_detente.ScenarioData.load(_os.fspath(path)))

    def validate(self_or_path):
        """Every problem of a scenario file as a DataFrame (file, line, field, message);
        empty when the file is valid. `Scenario.validate(path)` reads the file without
        raising; `scenario.validate()` checks a loaded scenario's file again."""
        path = (_input_name(self_or_path) if isinstance(self_or_path, Scenario)
                else _os.fspath(self_or_path))
        return _pd.DataFrame(_detente.validate(path),
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


def _balance_row(j):
    row = {k: v for k, v in j.items() if not isinstance(v, (dict, list))}
    row.update({f"balance.{k}": v for k, v in j.get("balance", {}).items()})
    return row


def balance(input, method="exact", date=None, node_budget=None, time_limit=None, seed=None,
            threads=None, store=None, **options):
    """Frustration index, blocs and balance measures of a signed network (docs/align.md).
    `input`: a CSV edge list, Pajek or UCINET file, a scenario (its relation network on
    `date`), or a list of them (one summary row each). Returns a Result: `summary` (one row
    of scalar results per input: frustration, lower_bound, optimal, balance.* measures, ...),
    `blocs` (node, bloc, frustration: the node's frustrated ties) and `frustrated_ties`
    (from, to, sign) of the first input. `node_budget` stops the exact search after that many
    branch-and-bound nodes (reproducible; `time_limit` in seconds is not). Other keyword
    arguments are the command's options (`unweighted=True`, `clusters=3` with
    method="blockmodel")."""
    inputs = input if isinstance(input, (list, tuple)) else [input]
    args = ["balance", *[_input_name(x) for x in inputs], "--method", method,
            "--format", "json"]
    _opt(args, "--date", date)
    _opt(args, "--node-budget", node_budget)
    _opt(args, "--time-limit", time_limit)
    _opt(args, "--seed", seed)
    _opt(args, "--threads", threads)
    _options(args, options)
    j = _run(args, store)
    each = j if isinstance(j, list) else [j]
    first = each[0]
    frustration = first.get("node_frustration", {})
    blocs = [(n, b, frustration.get(n, 0)) for n, b in first.get("partition", {}).items()]
    return Result(j, summary=_pd.DataFrame([_balance_row(x) for x in each]),
                  blocs=_pd.DataFrame(blocs, columns=["node", "bloc", "frustration"]),
                  frustrated_ties=_pd.DataFrame(first.get("frustrated_ties", []),
                                                columns=["from", "to", "sign"]))


def landscape(actors, propensities, offset=None, method=None, samples=None, seed=None,
              threads=None, store=None):
    """Axelrod–Bennett landscape minima (docs/models/landscape.md) from ACTORS.csv and
    PROPENSITIES.csv. Returns a Result with `minima` (minimum, energy, basin, basin_share;
    lowest energy first) and `partitions` (minimum, actor, side, frustration)."""
    args = ["landscape", _os.fspath(actors), _os.fspath(propensities), "--format", "json"]
    _opt(args, "--offset", offset)
    _opt(args, "--method", method)
    _opt(args, "--samples", samples)
    _opt(args, "--seed", seed)
    _opt(args, "--threads", threads)
    j = _run(args, store)
    minima = [(i, m["energy"], m["basin"], m["basin_share"]) for i, m in enumerate(j["minima"])]
    sides = [(i, a, side, m["frustration"][a]) for i, m in enumerate(j["minima"])
             for a, side in m["partition"].items()]
    return Result(j, minima=_pd.DataFrame(minima, columns=["minimum", "energy", "basin",
                                                           "basin_share"]),
                  partitions=_pd.DataFrame(sides, columns=["minimum", "actor", "side",
                                                           "frustration"]))


class _Events:
    """Event data (docs/events.md)."""

    @staticmethod
    def aggregate(files, period="month", undirected=False, store=None, **options):
        """Dyad × period series from GDELT/ICEWS/CAMEO files (zipped or not), as a
        DataFrame with one row per dyad and period. Other keyword arguments are the
        command's options (`codes="14,18"` for --codes, `root_only=True` for --root-only)."""
        if isinstance(files, (str, _os.PathLike)):
            files = [files]
        args = ["events", "aggregate", *[_os.fspath(f) for f in files], "--period", period,
                "--format", "json"]
        if undirected:
            args.append("--undirected")
        _options(args, options)
        j = _run(args, store)
        frame = _pd.DataFrame(j["series"])
        if "quad" in frame:
            quads = _pd.DataFrame(frame.pop("quad").tolist(), index=frame.index,
                                  columns=["quad1", "quad2", "quad3", "quad4"])
            frame = _pd.concat([frame, quads], axis=1)
        frame.attrs["input"] = j.get("input", {})
        return frame

    def __repr__(self):
        return "detente.events (aggregate)"


events = _Events()


def simulate(scenario, runs=1000, seed=1, threads=None, variants=None, store=None,
             records=False):
    """Monte Carlo ensembles of a scenario's futures (docs/models/dynamics.md).
    `variants`: None (the baseline), "all", or a list of variant ids. Returns a Result with
    `outcomes`, `settlements` and `frustration` DataFrames; with records=True also
    `arrays`: {variant: the per-run records as a (runs, width) float64 numpy array over
    detente's own buffer (no copy)} and `records`: {variant: the same as a DataFrame with
    named columns (outcome ids, issue ids, "A-B@YYYY-MM", "frustration@YYYY-MM",
    "frustration_gap")}. The records come from a second pass over the same runs (same
    seed, so the same futures); their outcome columns average to the probabilities."""
    name = _input_name(scenario)
    args = ["simulate", name, "--runs", runs, "--seed", seed, "--format", "json"]
    _opt(args, "--threads", threads)
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
        arrays = {v["variant"]: _detente.simulate_records(name, v["variant"], int(runs),
                                                          int(seed), int(threads or 0))
                  for v in j["variants"]}
        tables["arrays"] = {v: a for v, (a, _, _) in arrays.items()}
        tables["records"] = {v: _pd.DataFrame(a, columns=c, copy=False)
                             for v, (a, _, c) in arrays.items()}
    return Result(j, **tables)


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

    def __repr__(self):
        return "detente.runs (the run store: list, show, values, diff, export, rm)"


runs = _Runs()
