// detente/python/module.cpp — the compiled part of the Python module (`detente._detente`).
//
// A thin layer: `run_command(args)` runs a detente subcommand in-process through the same
// code the CLI runs (src/cli/cmd_*.cpp) with `--format json` into a temporary file and
// returns the JSON text, so Python results are exactly the CLI's; `Scenario` wraps the
// scenario reader; `simulate_records` hands an ensemble's per-run records to numpy without
// a copy. detente's InputError becomes the Python exception detente.InputError carrying
// `file`, `line`, `field`, `message` and every diagnostic. The pure-Python part
// (python/detente/__init__.py) turns the JSON into pandas DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

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
  auto tmp =
      std::filesystem::temp_directory_path() /
      fmt::format("detente-py-{}-{}.json", ::getpid(), reinterpret_cast<std::uintptr_t>(&args));
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
  if (rc != 0) throw InputError({"", 0, args.front()}, fmt::format("exit status {}", rc));
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

// Records of one variant's ensemble, shape (runs, width), owned by the array.
py::tuple simulate_records(const std::string& scenario, const std::string& variant,
                           std::size_t runs, std::uint64_t seed, int threads) {
  Scenario s = io::load_scenario(scenario);
  const Variant* v = nullptr;
  if (!variant.empty() && variant != "baseline") {
    v = s.find_variant(variant);
    if (!v) fail({s.file, 0, "variant"}, "unknown variant '{}'", variant);
  }
  if (runs == 0) fail({"", 0, "runs"}, "expected at least one run");
  sim::SimModel model = sim::compile(s, v);
  const std::size_t width = sim::RunLayout(model).width();
  auto* records = new sim::Records();
  {
    py::gil_scoped_release release;
    *records = sim::run_records(model, {seed, threads, {}}, 0, runs);
  }
  py::capsule owner(records, [](void* p) { delete static_cast<sim::Records*>(p); });
  py::array_t<double> array(
      std::vector<py::ssize_t>{static_cast<py::ssize_t>(runs), static_cast<py::ssize_t>(width)},
      std::vector<py::ssize_t>{static_cast<py::ssize_t>(width * sizeof(double)),
                               static_cast<py::ssize_t>(sizeof(double))},
      records->data(), owner);
  sim::RunLayout layout(model);
  py::dict shape;
  shape["outcomes"] = layout.outcomes;
  shape["issues"] = layout.issues;
  shape["dyads"] = layout.dyads;
  shape["months"] = layout.months;
  return py::make_tuple(array, model.variant_id, shape);
}

}  // namespace

PYBIND11_MODULE(_detente, m) {
  m.doc() = "detente's compiled core; use the `detente` package.";
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      py::object err = input_error(py::str(e.what()));
      const auto& first = e.diagnostics().front();
      err.attr("file") = first.where.file;
      err.attr("line") = first.where.line;
      err.attr("field") = first.where.field;
      err.attr("message") = first.message;
      err.attr("diagnostics") = diagnostics_of(e);
      PyErr_SetObject(input_error.ptr(), err.ptr());
    }
  });

  m.attr("__version__") = store::detente_version();
  m.def("run_command", &run_command, py::arg("args"),
        "Runs `detente ARGS… -o TMP` in-process and returns the JSON it wrote.");
  m.def("validate", &validate, py::arg("path"),
        "Every problem of a scenario file as dicts (file, line, field, message); [] if valid.");
  m.def("simulate_records", &simulate_records, py::arg("scenario"), py::arg("variant"),
        py::arg("runs"), py::arg("seed"), py::arg("threads"),
        "Per-run records of one variant's ensemble as a (runs, width) float64 array.");

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
