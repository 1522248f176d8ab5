// Choice of the graph reader by extension, and a command's INPUT as a network.
#include "io/graph/graph_reader.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "io/graph/graph_text.hpp"
#include "io/scenario_toml.hpp"

namespace detente::align {

using namespace detail;

SignedGraph read_signed_graph(const std::string& path) {
  std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".net" || ext == ".paj") return read_pajek(path);
  if (ext == ".dat" || ext == ".dl") return read_dl(path);
  return read_signed_csv(path);
}

SignedGraph load_signed_network(const std::string& input, std::optional<Date> date) {
  std::string ext = lower(std::filesystem::path(input).extension().string());
  if (ext == ".csv" || ext == ".net" || ext == ".paj" || ext == ".dat" || ext == ".dl")
    return read_signed_graph(input);
  Scenario s = io::load_scenario(input);
  return relation_network(s, date ? *date : s.reference_date());
}

}  // namespace detente::align
