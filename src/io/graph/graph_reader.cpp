// Choice of the graph reader by extension, and a command's INPUT as a network.
#include "io/graph/graph_reader.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "core/error.hpp"
#include "io/graph/graph_text.hpp"
#include "io/scenario_toml.hpp"

namespace detente::align {

using namespace detail;

namespace {

// Standard input named "-": read whole, the format told by its first line (Pajek '*', UCINET
// 'DL', a TOML scenario's '[' table or '#' comment, else a CSV edge list).
std::string stdin_text() {
  std::ostringstream all;
  all << std::cin.rdbuf();
  return all.str();
}

enum class Sniffed { csv, pajek, dl, scenario };

Sniffed sniff(const std::string& text) {
  std::size_t i = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i == std::string::npos) return Sniffed::csv;
  const std::string head = lower(text.substr(i, 2));
  if (head[0] == '*' || head[0] == '%') return Sniffed::pajek;
  if (head == "dl") return Sniffed::dl;
  if (head[0] == '[' || head[0] == '#') return Sniffed::scenario;
  return Sniffed::csv;
}

SignedGraph read_sniffed(const std::string& text, Sniffed kind, const DlOptions& dl) {
  std::istringstream in(text);
  switch (kind) {
    case Sniffed::pajek:
      return read_pajek(in, "<stdin>");
    case Sniffed::dl:
      return read_dl(in, "<stdin>", dl);
    default:
      return read_signed_csv(in, "<stdin>");
  }
}

}  // namespace

SignedGraph read_signed_graph(const std::string& path, const DlOptions& dl) {
  if (path == "-") {
    const std::string text = stdin_text();
    return read_sniffed(text, sniff(text), dl);
  }
  std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".net" || ext == ".paj") return read_pajek(path);
  if (ext == ".dat" || ext == ".dl") return read_dl(path, dl);
  return read_signed_csv(path);
}

SignedGraph load_signed_network(const std::string& input, std::optional<Date> date,
                                const DlOptions& dl) {
  if (input == "-") {
    const std::string text = stdin_text();
    const Sniffed kind = sniff(text);
    if (kind != Sniffed::scenario) return read_sniffed(text, kind, dl);
    Scenario s = io::read_scenario(text, "<stdin>");
    return relation_network(s, date ? *date : s.reference_date());
  }
  std::string ext = lower(std::filesystem::path(input).extension().string());
  if (ext == ".csv" || ext == ".net" || ext == ".paj" || ext == ".dat" || ext == ".dl")
    return read_signed_graph(input, dl);
  Scenario s = io::load_scenario(input);
  return relation_network(s, date ? *date : s.reference_date());
}

}  // namespace detente::align
