// `detente network build`: a signed international network for a window of years from
// alliance and militarized-dispute dyad-years (peacesciencer exports), as a CSV edge list
// (from,to,sign,weight) that `detente balance` reads, or JSON with CINC node sizes.
//
//   detente network build --data ../shared/data/alignment/peacesciencer --from 1996 --to 1999
#include <iostream>
#include <nlohmann/json.hpp>

#include "align/network_builder.hpp"
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"

namespace detente::cli {
namespace {

struct NetworkArgs {
  std::string data;
  align::NetworkBuildOptions options;
  std::string weights = "flat";
  std::string output, nodes_output;
  Format format = Format::csv;
};

int run_build(NetworkArgs& a) {
  a.options.type_weights = a.weights == "type";
  auto net = align::build_conflict_network(a.data, a.options);
  const auto& g = net.graph;
  std::string out;
  if (a.format == Format::json) {
    nlohmann::ordered_json j;
    j["window"] = {a.options.first_year, a.options.last_year};
    j["alliances"] = a.options.alliances;
    j["disputes"] = a.options.disputes;
    j["nodes"] = nlohmann::ordered_json::array();
    for (int i = 0; i < g.size(); ++i)
      j["nodes"].push_back({{"name", g.names[i]}, {"ccode", net.ccode[i]}, {"cinc", net.cinc[i]}});
    j["edges"] = nlohmann::ordered_json::array();
    for (const auto& e : g.edges)
      j["edges"].push_back(
          {{"from", g.names[e.u]}, {"to", g.names[e.v]}, {"sign", e.sign}, {"weight", e.weight}});
    j["alliance_pairs"] = net.alliance_pairs;
    j["dispute_pairs"] = net.dispute_pairs;
    j["both"] = net.both;
    out = j.dump(2) + "\n";
  } else {
    out = "from,to,sign,weight\n";
    for (const auto& e : g.edges)
      out += fmt::format("{},{},{},{}\n", io::csv_quote(g.names[e.u]), io::csv_quote(g.names[e.v]),
                         e.sign, e.weight);
  }
  if (!a.nodes_output.empty()) {
    std::string nodes = "name,ccode,cinc\n";
    for (int i = 0; i < g.size(); ++i)
      nodes += fmt::format("{},{},{}\n", io::csv_quote(g.names[i]), net.ccode[i], net.cinc[i]);
    emit(nodes, a.nodes_output);
  }
  emit(out, a.output);
  if (a.output != "" && a.output != "-")
    std::cerr << fmt::format("{} states, {} ties ({} negative); {} pairs allied and in dispute\n",
                             g.size(), g.edges.size(), g.negative_edges(), net.both);
  return 0;
}

}  // namespace

CommandSpec network_command() {
  return {
      "network", "Build signed international networks from alliance and dispute data",
      [](CLI::App& app) {
        auto a = std::make_shared<NetworkArgs>();
        app.require_subcommand(1);
        CLI::App* build = app.add_subcommand(
            "build", "Alliances (+) and militarized disputes (−) in a window of years");
        build
            ->add_option("--data", a->data,
                         "Folder with the peacesciencer CSVs (cow_alliance.csv, atop_alliance.csv, "
                         "cow_mid_ddydisps.csv, gml_mid_ddydisps.csv, cow_nmc.csv)")
            ->required();
        build->add_option("--from", a->options.first_year, "First year of the window")->required();
        build->add_option("--to", a->options.last_year, "Last year of the window (inclusive)")
            ->required();
        build->add_option("--alliances", a->options.alliances, "cow or atop")
            ->check(CLI::IsMember({"cow", "atop"}));
        build->add_option("--disputes", a->options.disputes, "cow or gml")
            ->check(CLI::IsMember({"cow", "gml"}));
        build
            ->add_option("--weights", a->weights,
                         "flat (every tie 1) or type (alliance type, hostility level)")
            ->check(CLI::IsMember({"flat", "type"}));
        build
            ->add_option("--min-hostility", a->options.min_hostility,
                         "Lowest dyadic hostility level counted (2 threat … 5 war)")
            ->check(CLI::Range(1, 5));
        build->add_flag("--defense-only", a->options.defense_only,
                        "Positive ties from defense (and offense) pacts only");
        build->add_option("--nodes", a->nodes_output, "Also write name,ccode,cinc here");
        add_output_option(*build, a->output);
        add_format_option(*build, a->format, {Format::csv, Format::json});
        return [a, build] { return build->parsed() ? run_build(*a) : 1; };
      }};
}

}  // namespace detente::cli
