#include "align/network_builder.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "io/graph/peacesciencer_csv.hpp"

namespace detente::align {

namespace {

// COW State System Membership abbreviations (the state codes' standard short names).
const std::unordered_map<int, std::string>& cow_names() {
  static const std::unordered_map<int, std::string> names = [] {
    const char* table =
        "2 USA 20 CAN 31 BHM 40 CUB 41 HAI 42 DOM 51 JAM 52 TRI 53 BAR 54 DMA 55 GRN 56 SLU "
        "57 SVG 58 AAB 60 SKN 70 MEX 80 BLZ 90 GUA 91 HON 92 SAL 93 NIC 94 COS 95 PAN 100 COL "
        "101 VEN 110 GUY 115 SUR 130 ECU 135 PER 140 BRA 145 BOL 150 PAR 155 CHL 160 ARG "
        "165 URU 200 UKG 205 IRE 210 NTH 211 BEL 212 LUX 220 FRN 221 MNC 223 LIE 225 SWZ "
        "230 SPN 232 AND 235 POR 240 HAN 245 BAV 255 GMY 260 GFR 265 GDR 267 BAD 269 SAX "
        "271 WRT 273 HSE 275 HSG 280 MEC 290 POL 300 AUH 305 AUS 310 HUN 315 CZE 316 CZR "
        "317 SLO 325 ITA 327 PAP 329 SIC 331 SNM 332 MOD 335 PMA 337 TUS 338 MLT 339 ALB "
        "341 MNG 343 MAC 344 CRO 345 YUG 346 BOS 347 KOS 349 SLV 350 GRC 352 CYP 355 BUL "
        "359 MLD 360 ROM 365 RUS 366 EST 367 LAT 368 LIT 369 UKR 370 BLR 371 ARM 372 GRG "
        "373 AZE 375 FIN 380 SWD 385 NOR 390 DEN 395 ICE 402 CAP 403 STP 404 GNB 411 EQG "
        "420 GAM 432 MLI 433 SEN 434 BEN 435 MAA 436 NIR 437 CDI 438 GUI 439 BFO 450 LBR "
        "451 SIE 452 GHA 461 TOG 471 CAO 475 NIG 481 GAB 482 CEN 483 CHA 484 CON 490 DRC "
        "500 UGA 501 KEN 510 TAZ 511 ZAN 516 BUI 517 RWA 520 SOM 522 DJI 530 ETH 531 ERI "
        "540 ANG 541 MZM 551 ZAM 552 ZIM 553 MAW 560 SAF 565 NAM 570 LES 571 BOT 572 SWA "
        "580 MAG 581 COM 590 MAS 591 SEY 600 MOR 615 ALG 616 TUN 620 LIB 625 SUD 626 SSD "
        "630 IRN 640 TUR 645 IRQ 651 EGY 652 SYR 660 LEB 663 JOR 666 ISR 670 SAU 678 YAR "
        "679 YEM 680 YPR 690 KUW 692 BAH 694 QAT 696 UAE 698 OMN 700 AFG 701 TKM 702 TAJ "
        "703 KYR 704 UZB 705 KZK 710 CHN 712 MON 713 TAW 730 KOR 731 PRK 732 ROK 740 JPN "
        "750 IND 760 BHU 770 PAK 771 BNG 775 MYA 780 SRI 781 MAD 790 NEP 800 THI 811 CAM "
        "812 LAO 816 DRV 817 RVN 820 MAL 830 SIN 835 BRU 840 PHI 850 INS 860 ETM 900 AUL "
        "910 PNG 920 NEW 935 VAN 940 SOL 946 KIR 947 TUV 950 FJI 955 TON 970 NAU 983 MSI "
        "986 PAL 987 FSM 990 WSM";
    std::unordered_map<int, std::string> m;
    std::istringstream in(table);
    int code;
    std::string abbr;
    while (in >> code >> abbr) m.emplace(code, abbr);
    return m;
  }();
  return names;
}

std::uint64_t key(int a, int b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
         static_cast<std::uint32_t>(b);
}

}  // namespace

std::string cow_abbreviation(int ccode) {
  auto it = cow_names().find(ccode);
  return it == cow_names().end() ? std::to_string(ccode) : it->second;
}

BuiltNetwork build_conflict_network(const std::string& data_dir, const NetworkBuildOptions& o) {
  namespace fs = std::filesystem;
  if (o.first_year > o.last_year)
    fail({"", 0, "--from"}, "the window starts ({}) after it ends ({})", o.first_year, o.last_year);
  std::map<std::uint64_t, double> ally, hostile;  // strongest weight per pair
  auto in_window = [&](double y) { return y >= o.first_year && y <= o.last_year; };
  if (o.alliances == "cow") {
    scan_peacesciencer_csv(
        (fs::path(data_dir) / "cow_alliance.csv").string(),
        {"ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"},
        [&](const std::vector<double>& v) {
          if (!in_window(v[2])) return;
          double w = 0;
          if (v[3] > 0) w = 1.0;
          if (!o.defense_only) {
            if (v[4] > 0 || v[6] > 0) w = std::max(w, 0.5);
            if (v[5] > 0) w = std::max(w, 0.25);
          }
          if (w > 0) ally[key(int(v[0]), int(v[1]))] = std::max(ally[key(int(v[0]), int(v[1]))], w);
        });
  } else if (o.alliances == "atop") {
    scan_peacesciencer_csv((fs::path(data_dir) / "atop_alliance.csv").string(),
                           {"ccode1", "ccode2", "year", "atop_defense", "atop_offense",
                            "atop_neutral", "atop_nonagg", "atop_consul"},
                           [&](const std::vector<double>& v) {
                             if (!in_window(v[2])) return;
                             double w = 0;
                             if (v[3] > 0 || v[4] > 0) w = 1.0;
                             if (!o.defense_only) {
                               if (v[5] > 0) w = std::max(w, 0.5);
                               if (v[6] > 0 || v[7] > 0) w = std::max(w, 0.25);
                             }
                             if (w > 0)
                               ally[key(int(v[0]), int(v[1]))] =
                                   std::max(ally[key(int(v[0]), int(v[1]))], w);
                           });
  } else {
    fail({"", 0, "--alliances"}, "unknown alliance source '{}': expected cow or atop", o.alliances);
  }
  std::string mid_file;
  if (o.disputes == "cow")
    mid_file = "cow_mid_ddydisps.csv";
  else if (o.disputes == "gml")
    mid_file = "gml_mid_ddydisps.csv";
  else
    fail({"", 0, "--disputes"}, "unknown dispute source '{}': expected cow or gml", o.disputes);
  scan_peacesciencer_csv((fs::path(data_dir) / mid_file).string(),
                         {"ccode1", "ccode2", "year", "hostlev"},
                         [&](const std::vector<double>& v) {
                           if (!in_window(v[2]) || !(v[3] >= o.min_hostility)) return;
                           auto k = key(int(v[0]), int(v[1]));
                           hostile[k] = std::max(hostile[k], v[3] / 5.0);
                         });

  BuiltNetwork net;
  std::set<int> codes;
  for (const auto* m : {&ally, &hostile})
    for (const auto& [k, w] : *m) codes.insert(int(k >> 32)), codes.insert(int(k & 0xffffffffu));
  std::map<int, int> node;
  for (int c : codes) {
    node[c] = net.graph.add_node(cow_abbreviation(c));
    net.ccode.push_back(c);
  }
  std::map<std::uint64_t, std::pair<int, double>> ties;
  for (const auto& [k, w] : ally) ties[k] = {+1, o.type_weights ? w : 1.0};
  for (const auto& [k, w] : hostile) {
    if (ally.count(k)) ++net.both;
    ties[k] = {-1, o.type_weights ? w : 1.0};  // the dispute wins
  }
  net.alliance_pairs = static_cast<int>(ally.size());
  net.dispute_pairs = static_cast<int>(hostile.size());
  for (const auto& [k, t] : ties)
    net.graph.add_edge(node[int(k >> 32)], node[int(k & 0xffffffffu)], t.first, t.second);

  // Mean CINC over the window's years with data.
  std::vector<double> sum(net.ccode.size(), 0.0), count(net.ccode.size(), 0.0);
  auto nmc = fs::path(data_dir) / "cow_nmc.csv";
  if (fs::exists(nmc))
    scan_peacesciencer_csv(nmc.string(), {"ccode", "year", "year", "cinc"},
                           [&](const std::vector<double>& v) {
                             if (!in_window(v[1]) || std::isnan(v[3])) return;
                             auto it = node.find(int(v[0]));
                             if (it == node.end()) return;
                             sum[it->second] += v[3];
                             count[it->second] += 1;
                           });
  for (std::size_t i = 0; i < sum.size(); ++i)
    net.cinc.push_back(count[i] > 0 ? sum[i] / count[i] : 0.0);
  return net;
}

}  // namespace detente::align
