// detente/python/module.cpp — the compiled part of the Python module (`detente._detente`).
//
// A thin layer: `run_command(args)` runs a detente subcommand in-process through the same
// code the CLI runs (src/cli/cmd_*.cpp) with `--format json` into a temporary file and
// returns the JSON text, so Python results are exactly the CLI's; `Scenario` wraps the
// scenario reader; `simulate_records` hands an ensemble's per-run records to numpy without
// a copy. detente's InputError becomes the Python exception detente.InputError carrying
// `file`, `line`, `field`, `message` and every diagnostic. The pure-Python part
// (python/detente/__init__.py) turns the JSON into pandas DataFrames (docs/python.md).
//
// Cost: a command costs what the CLI's does plus writing and parsing its JSON (linear in
// the output); the records are runs × width doubles, handed over without a copy. The GIL is
// released while a command or an ensemble runs.
//
// Example (what detente.simulate does):
//   >>> from detente import _detente
//   >>> json.loads(_detente.run_command(["simulate", "northeast-asia-2024", "--runs", "500"]))
//   >>> arr, variant, columns = _detente.simulate_records("northeast-asia-2024", "baseline",
//   ...                                                   500, 1, 0)   # 0 threads: all cores
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/ensemble.hpp"
#include "store/run_store.hpp"

namespace py = pybind11;
using namespace detente;

namespace {

// The CLI's parse-and-run, as src/cli/main.cpp does it, for one argument vector.
int dispatch(const std::vector<std::string>& args) {
  CLI::App app{"detente"};
  app.require_subcommand(1);
  auto runners = cli::add_commands(app);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw InputError({"", 0, "arguments"}, e.what());
  }
  for (auto& [sub, run] : runners)
    if (sub->parsed()) return run();
  return 1;
}

std::string run_command(std::vector<std::string> args) {
  static std::atomic<unsigned long> calls{0};
  auto tmp = std::filesystem::temp_directory_path() /
             fmt::format("detente-py-{}-{}.json", ::getpid(), calls++);
  args.push_back("-o");
  args.push_back(tmp.string());
  int rc = 0;
  {
    py::gil_scoped_release release;  // the models may run for a while, on threads
    rc = dispatch(args);
  }
  std::string text;
  if (std::filesystem::exists(tmp)) {
    text = io::read_file(tmp);
    std::filesystem::remove(tmp);
  }
  if (rc != 0)
    throw InputError(
        {"", 0, args.front()},
        fmt::format("detente {} failed with exit status {} (see its messages on stderr)",
                    args.front(), rc));
  return text;
}

py::list diagnostics_of(const InputError& e) {
  py::list out;
  for (const auto& d : e.diagnostics()) {
    py::dict x;
    x["file"] = d.where.file;
    x["line"] = d.where.line;
    x["field"] = d.where.field;
    x["message"] = d.message;
    out.append(x);
  }
  return out;
}

py::list validate(const std::string& path) {
  try {
    io::load_scenario(path);
    return py::list();
  } catch (const InputError& e) {
    return diagnostics_of(e);
  }
}

// The name of every column of a run's record, in sim::RunLayout's order: outcome ids, issue
// ids (the settlement), "A-B@YYYY-MM" (a key dyad's relation that month), "frustration@YYYY-MM"
// and "frustration_gap".
std::vector<std::string> record_columns(const sim::SimModel& model) {
  const sim::RunLayout layout(model);
  std::vector<std::string> months;
  for (std::size_t t = 0; t < layout.months; ++t)
    months.push_back(model.month_date(static_cast<int>(t)).iso().substr(0, 7));
  std::vector<std::string> names(layout.width());
  for (std::size_t o = 0; o < layout.outcomes; ++o) names[layout.outcome(o)] = model.outcomes[o].id;
  for (std::size_t k = 0; k < layout.issues; ++k) names[layout.issue(k)] = model.issues[k];
  for (std::size_t d = 0; d < layout.dyads; ++d) {
    const auto [a, b] = model.key_dyads[d];
    for (std::size_t t = 0; t < layout.months; ++t)
      names[layout.dyad(d, t)] = model.actors[a] + "-" + model.actors[b] + "@" + months[t];
  }
  for (std::size_t t = 0; t < layout.months; ++t)
    names[layout.frustration(t)] = "frustration@" + months[t];
  names[layout.frustration_gap()] = "frustration_gap";
  return names;
}

// Records of one variant's ensemble: a (runs, width) float64 array that owns detente's buffer
// (no copy), the variant's id and the column names.
py::tuple simulate_records(const std::string& scenario, const std::string& variant,
                           std::size_t runs, std::uint64_t seed, int threads) {
  Scenario s = io::load_scenario(scenario);
  const Variant* v = nullptr;
  if (!variant.empty() && variant != "baseline") {
    v = s.find_variant(variant);
    if (!v) fail({s.file, 0, "--variant"}, "unknown variant '{}'", variant);
  }
  if (runs == 0) fail({"", 0, "--runs"}, "expected at least one run");
  if (threads < 0) fail({"", 0, "--threads"}, "expected a number of threads >= 0, got {}", threads);
  if (threads == 0) threads = cli::default_threads();  // the CLI's default: all cores
  const sim::SimModel model = sim::compile(s, v);
  const std::size_t width = sim::RunLayout(model).width();
  auto records = std::make_unique<sim::Records>();
  {
    py::gil_scoped_release release;
    *records = sim::run_records(model, {seed, threads, {}}, 0, runs);
  }
  double* data = records->data();
  // The capsule owns the buffer from here on (released only once it holds it).
  py::capsule owner(records.get(), [](void* p) { delete static_cast<sim::Records*>(p); });
  records.release();
  py::array_t<double> array(
      {static_cast<py::ssize_t>(runs), static_cast<py::ssize_t>(width)},
      {static_cast<py::ssize_t>(width * sizeof(double)), static_cast<py::ssize_t>(sizeof(double))},
      data, owner);
  return py::make_tuple(array, model.variant_id, record_columns(model));
}

// The Python class detente.InputError; created once, alive as long as the process (a static
// py::object would be released after the interpreter is gone).
PyObject* input_error_type = nullptr;

void translate_input_error(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const InputError& e) {
    py::object err = py::handle(input_error_type)(py::str(e.what()));
    const auto& first = e.diagnostics().front();
    err.attr("file") = first.where.file;
    err.attr("line") = first.where.line;
    err.attr("field") = first.where.field;
    err.attr("message") = first.message;
    err.attr("diagnostics") = diagnostics_of(e);
    PyErr_SetObject(input_error_type, err.ptr());
  }
}

}  // namespace

PYBIND11_MODULE(_detente, m) {
  m.doc() = "detente's compiled core; use the `detente` package.";
  input_error_type = PyErr_NewExceptionWithDoc(
      "detente.InputError",
      "Bad input: .file, .line (0 when unknown), .field and .message of the first problem; "
      ".diagnostics lists every problem as dicts.",
      PyExc_ValueError, nullptr);
  m.add_object("InputError", py::handle(input_error_type));
  py::register_exception_translator(&translate_input_error);

  m.attr("__version__") = store::detente_version();
  m.def("run_command", &run_command, py::arg("args"),
        "Runs `detente ARGS… -o TMP` in-process and returns the JSON it wrote.");
  m.def("validate", &validate, py::arg("path"),
        "Every problem of a scenario file as dicts (file, line, field, message); [] if valid.");
  m.def("simulate_records", &simulate_records, py::arg("scenario"), py::arg("variant"),
        py::arg("runs"), py::arg("seed"), py::arg("threads"),
        "(records, variant, columns): one variant's per-run records as a (runs, width) "
        "float64 array over detente's own buffer, and the name of each column.");

  py::class_<Scenario>(m, "ScenarioData")
      .def_static("load", [](const std::string& p) { return io::load_scenario(p); })
      .def_readonly("id", &Scenario::id)
      .def_readonly("name", &Scenario::name)
      .def_readonly("description", &Scenario::description)
      .def_readonly("file", &Scenario::file)
      .def_property_readonly("as_of",
                             [](const Scenario& s) {
                               return s.as_of ? py::object(py::str(s.as_of->iso()))
                                              : py::object(py::none());
                             })
      .def_property_readonly(
          "actors",
          [](const Scenario& s) {
            py::list out;
            for (const auto& a : s.actors)
              out.append(py::make_tuple(a.id, a.name, a.capability.value, a.capability.source));
            return out;
          })
      .def_property_readonly("issues",
                             [](const Scenario& s) {
                               py::list out;
                               for (const auto& i : s.issues)
                                 out.append(py::make_tuple(i.id, i.name));
                               return out;
                             })
      .def_property_readonly(
          "positions",
          [](const Scenario& s) {
            py::list out;
            for (const auto& p : s.positions)
              out.append(py::make_tuple(p.actor, p.issue, p.position.value, p.salience.value));
            return out;
          })
      .def_property_readonly("variants", [](const Scenario& s) {
        py::list out;
        for (const auto& v : s.variants) out.append(v.id);
        return out;
      });
}
