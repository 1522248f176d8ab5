#include "report/html.hpp"

namespace detente::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json& data) {
  std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '!'))
      out += "\\u003c";
    else
      out += text[i];
  }
  return out;
}

std::string app_html(const AppPage& page) {
  // One pass over the template, so that text filled in (a title, the data) is never
  // itself searched for placeholders.
  const std::string_view tmpl = web_asset("index.html");
  std::string script(web_asset("charts.js"));
  script += "\n";
  script += web_asset("app.js");
  std::string out;
  std::size_t at = 0;
  while (at < tmpl.size()) {
    std::size_t open = tmpl.find("{{", at), close = std::string_view::npos;
    if (open != std::string_view::npos) close = tmpl.find("}}", open);
    if (close == std::string_view::npos) {
      out += tmpl.substr(at);
      break;
    }
    out += tmpl.substr(at, open - at);
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    if (name == "TITLE")
      out += html_escape(page.title);
    else if (name == "STYLE")
      out += web_asset("app.css");
    else if (name == "SCRIPT")
      out += script;
    else if (name == "SNAPSHOT")
      out += page.snapshot.is_null() ? std::string("null") : script_json(page.snapshot);
    else
      out += tmpl.substr(open, close + 2 - open);
    at = close + 2;
  }
  return out;
}

}  // namespace detente::report
