// detente/report/html.hpp
//
// The one page behind both the workbench (`detente serve`) and report.html. The page is
// web/index.html with web/charts.js (the chart layer), web/app.js (the views) and
// web/app.css inlined, so it is always one self-contained file with no external requests.
// Live, the views fetch from the JSON API (docs/serve.md); as a report, the same views
// draw a snapshot whose data is inlined in the page (<script type="application/json"
// id="snapshot">), with the editing and running controls hidden.
//
// Example:
//   std::string live = detente::report::app_html({});
//   std::string report = detente::report::app_html({.title = "nea", .snapshot = data});
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace detente::report {

struct AppPage {
  std::string title = "detente workbench";
  nlohmann::json snapshot;  // null: the live app; otherwise the report's data
};

std::string app_html(const AppPage& page);

// A file of web/ compiled into the binary ("app.js"); empty when there is none.
std::string_view web_asset(std::string_view name);

// Text safe in HTML text and attribute values (&, <, >, " and ' escaped).
std::string html_escape(std::string_view text);

// JSON text safe inside a <script> element ("</" written as "<\/").
std::string script_json(const nlohmann::json& data);

}  // namespace detente::report
