// The CAMEO codebook table. Facts from the CAMEO 1.1b3 manual (Schrodt 2012) and the
// published Goldstein scales, encoded here by the project; see cameo.hpp for the sources and
// tests/events/cameo_test.cpp for the cross-check against the original lookup files.
#include "events/cameo.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace detente::events {
namespace {

// code, name, Goldstein value on GDELT's scale.
constexpr CameoCode kCodes[] = {
    {"01", "MAKE PUBLIC STATEMENT", 0.0},
    {"010", "Make statement, not specified below", 0.0},
    {"011", "Decline comment", -0.1},
    {"012", "Make pessimistic comment", -0.4},
    {"013", "Make optimistic comment", 0.4},
    {"014", "Consider policy option", 0.0},
    {"015", "Acknowledge or claim responsibility", 0.0},
    {"016", "Deny responsibility", -2.0},
    {"017", "Engage in symbolic act", 0.0},
    {"018", "Make empathetic comment", 3.4},
    {"019", "Express accord", 3.4},
    {"02", "APPEAL", 3.0},
    {"020", "Appeal, not specified below", 3.0},
    {"021", "Appeal for material cooperation, not specified below", 3.4},
    {"0211", "Appeal for economic cooperation", 3.4},
    {"0212", "Appeal for military cooperation", 3.4},
    {"0213", "Appeal for judicial cooperation", 3.4},
    {"0214", "Appeal for intelligence", 3.4},
    {"022", "Appeal for diplomatic cooperation, such as policy support", 3.2},
    {"023", "Appeal for aid, not specified below", 3.4},
    {"0231", "Appeal for economic aid", 3.4},
    {"0232", "Appeal for military aid", 3.4},
    {"0233", "Appeal for humanitarian aid", 3.4},
    {"0234", "Appeal for military protection or peacekeeping", 3.4},
    {"024", "Appeal for political reform, not specified below", -0.3},
    {"0241", "Appeal for change in leadership", -0.3},
    {"0242", "Appeal for policy change", -0.3},
    {"0243", "Appeal for rights", -0.3},
    {"0244", "Appeal for change in institutions, regime", -0.3},
    {"025", "Appeal to yield", -0.3},
    {"0251", "Appeal for easing of administrative sanctions", -0.3},
    {"0252", "Appeal for easing of popular dissent", -0.3},
    {"0253", "Appeal for release of persons or property", -0.3},
    {"0254", "Appeal for easing of economic sanctions, boycott, or embargo", -0.3},
    {"0255", "Appeal for target to allow international involvement (non-mediation)", -0.3},
    {"0256", "Appeal for de-escalation of military engagement", -0.3},
    {"026", "Appeal to others to meet or negotiate", 4.0},
    {"027", "Appeal to others to settle dispute", 4.0},
    {"028", "Appeal to others to engage in or accept mediation", 4.0},
    {"03", "EXPRESS INTENT TO COOPERATE", 4.0},
    {"030", "Express intent to cooperate, not specified below", 4.0},
    {"031", "Express intent to engage in material cooperation,  not specified below", 5.2},
    {"0311", "Express intent to cooperate economically", 5.2},
    {"0312", "Express intent to cooperate militarily", 5.2},
    {"0313", "Express intent to cooperate on judicial matters", 5.2},
    {"0314", "Express intent to cooperate on intelligence", 5.2},
    {"032", "Express intent to provide diplomatic cooperation such as policy support", 4.5},
    {"033", "Express intent to provide matyerial aid, not specified below", 5.2},
    {"0331", "Express intent to provide economic aid", 5.2},
    {"0332", "Express intent to provide military aid", 5.2},
    {"0333", "Express intent to provide humanitarian aid", 5.2},
    {"0334", "Express intent to provide military protection or peacekeeping", 6.0},
    {"034", "Express intent to institute political reform, not specified below", 7.0},
    {"0341", "Express intent to change leadership", 7.0},
    {"0342", "Express intent to change policy", 7.0},
    {"0343", "Express intent to provide rights", 7.0},
    {"0344", "Express intent to change institutions, regime", 7.0},
    {"035", "Express intent to yield, not specified below", 7.0},
    {"0351", "Express intent to ease administrative sanctions", 7.0},
    {"0352", "Express intent to ease popular dissent", 7.0},
    {"0353", "Express intent to release persons or property", 7.0},
    {"0354", "Express intent to ease economic sanctions, boycott, or embargo", 7.0},
    {"0355", "Express intent allow international involvement (not mediation)", 7.0},
    {"0356", "Express intent to de-escalate military engagement", 7.0},
    {"036", "Express intent to meet or negotiate", 4.0},
    {"037", "Express intent to settle dispute", 5.0},
    {"038", "Express intent to accept mediation", 7.0},
    {"039", "Express intent to mediate", 5.0},
    {"04", "CONSULT", 1.0},
    {"040", "Consult, not specified below", 1.0},
    {"041", "Discuss by telephone", 1.0},
    {"042", "Make a visit", 1.9},
    {"043", "Host a visit", 2.8},
    {"044", "Meet at a third location", 2.5},
    {"045", "Mediate", 5.0},
    {"046", "Engage in negotiation", 7.0},
    {"05", "ENGAGE IN DIPLOMATIC COOPERATION", 3.5},
    {"050", "Engage in diplomatic cooperation, not specified below", 3.5},
    {"051", "Praise or endorse", 3.4},
    {"052", "Defend verbally", 3.5},
    {"053", "Rally support on behalf of", 3.8},
    {"054", "Grant diplomatic recognition", 6.0},
    {"055", "Apologize", 7.0},
    {"056", "Forgive", 7.0},
    {"057", "Sign formal agreement", 8.0},
    {"06", "ENGAGE IN MATERIAL COOPERATION", 6.0},
    {"060", "Engage in material cooperation, not specified below", 6.0},
    {"061", "Cooperate economically", 6.4},
    {"062", "Cooperate militarily", 7.4},
    {"063", "Engage in judicial cooperation", 7.4},
    {"064", "Share intelligence or information", 7.0},
    {"07", "PROVIDE AID", 7.0},
    {"070", "Provide aid, not specified below", 7.0},
    {"071", "Provide economic aid", 7.4},
    {"072", "Provide military aid", 8.3},
    {"073", "Provide humanitarian aid", 7.4},
    {"074", "Provide military protection or peacekeeping", 8.5},
    {"075", "Grant asylum", 7.0},
    {"08", "YIELD", 5.0},
    {"080", "Yield, not specified below", 5.0},
    {"081", "Ease administrative sanctions, not specified below", 5.0},
    {"0811", "Ease restrictions on political freedoms", 5.0},
    {"0812", "Ease ban on political parties or politicians", 5.0},
    {"0813", "Ease curfew", 5.0},
    {"0814", "Ease state of emergency or martial law", 5.0},
    {"082", "Ease political dissent", 5.0},
    {"083", "Accede to requests or demands for political reform not specified below", 5.0},
    {"0831", "Accede to demands for change in leadership", 5.0},
    {"0832", "Accede to demands for change in policy", 5.0},
    {"0833", "Accede to demands for rights", 5.0},
    {"0834", "Accede to demands for change in institutions, regime", 5.0},
    {"084", "Return, release, not specified below", 7.0},
    {"0841", "Return, release person(s)", 7.0},
    {"0842", "Return, release property", 7.0},
    {"085", "Ease economic sanctions, boycott, embargo", 7.0},
    {"086", "Allow international involvement not specified below", 9.0},
    {"0861", "Receive deployment of peacekeepers", 9.0},
    {"0862", "Receive inspectors", 9.0},
    {"0863", "Allow delivery of humanitarian aid", 9.0},
    {"087", "De-escalate military engagement", 9.0},
    {"0871", "Declare truce, ceasefire", 9.0},
    {"0872", "Ease military blockade", 9.0},
    {"0873", "Demobilize armed forces", 9.0},
    {"0874", "Retreat or surrender militarily", 10.0},
    {"09", "INVESTIGATE", -2.0},
    {"090", "Investigate, not specified below", -2.0},
    {"091", "Investigate crime, corruption", -2.0},
    {"092", "Investigate human rights abuses", -2.0},
    {"093", "Investigate military action", -2.0},
    {"094", "Investigate war crimes", -2.0},
    {"10", "DEMAND", -5.0},
    {"100", "Demand, not specified below", -5.0},
    {"101", "Demand information, investigation", -5.0},
    {"1011", "Demand economic cooperation", -5.0},
    {"1012", "Demand military cooperation", -5.0},
    {"1013", "Demand judicial cooperation", -5.0},
    {"1014", "Demand intelligence cooperation", -5.0},
    {"102", "Demand policy support", -5.0},
    {"103", "Demand aid, protection, or peacekeeping", -5.0},
    {"1031", "Demand economic aid", -5.0},
    {"1032", "Demand military aid", -5.0},
    {"1033", "Demand humanitarian aid", -5.0},
    {"1034", "Demand military protection or peacekeeping", -5.0},
    {"104", "Demand political reform, not specified below", -5.0},
    {"1041", "Demand change in leadership", -5.0},
    {"1042", "Demand policy change", -5.0},
    {"1043", "Demand rights", -5.0},
    {"1044", "Demand change in institutions, regime", -5.0},
    {"105", "Demand mediation", -5.0},
    {"1051", "Demand easing of administrative sanctions", -5.0},
    {"1052", "Demand easing of political dissent", -5.0},
    {"1053", "Demand release of persons or property", -5.0},
    {"1054", "Demand easing of economic sanctions, boycott, or embargo", -5.0},
    {"1055", "Demand that target allows international involvement (non-mediation)", -5.0},
    {"1056", "Demand de-escalation of military engagement", -5.0},
    {"106", "Demand withdrawal", -5.0},
    {"107", "Demand ceasefire", -5.0},
    {"108", "Demand meeting, negotiation", -5.0},
    {"11", "DISAPPROVE", -2.0},
    {"110", "Disapprove, not specified below", -2.0},
    {"111", "Criticize or denounce", -2.0},
    {"112", "Accuse, not specified below", -2.0},
    {"1121", "Accuse of crime, corruption", -2.0},
    {"1122", "Accuse of human rights abuses", -2.0},
    {"1123", "Accuse of aggression", -2.0},
    {"1124", "Accuse of war crimes", -2.0},
    {"1125", "Accuse of espionage, treason", -2.0},
    {"113", "Rally opposition against", -2.0},
    {"114", "Complain officially", -2.0},
    {"115", "Bring lawsuit against", -2.0},
    {"116", "Find guilty or liable (legally)", -2.0},
    {"12", "REJECT", -4.0},
    {"120", "Reject, not specified below", -4.0},
    {"121", "Reject material cooperation", -4.0},
    {"1211", "Reject economic cooperation", -4.0},
    {"1212", "Reject military cooperation", -4.0},
    {"122", "Reject request or demand for material aid, not specified below", -4.0},
    {"1221", "Reject request for economic aid", -4.0},
    {"1222", "Reject request for military aid", -4.0},
    {"1223", "Reject request for humanitarian aid", -4.0},
    {"1224", "Reject request for military protection or peacekeeping", -4.0},
    {"123", "Reject request or demand for political reform, not specified below", -4.0},
    {"1231", "Reject request for change in leadership", -4.0},
    {"1232", "Reject request for policy change", -4.0},
    {"1233", "Reject request for rights", -4.0},
    {"1234", "Reject request for change in institutions, regime", -4.0},
    {"124", "Refuse to yield, not specified below", -4.0},
    {"1241", "Refuse to ease administrative sanctions", -4.0},
    {"1242", "Refuse to ease popular dissent", -4.0},
    {"1243", "Refuse to release persons or property", -4.0},
    {"1244", "Refuse to ease economic sanctions, boycott, or embargo", -4.0},
    {"1245", "Refuse to allow international involvement (non mediation)", -4.0},
    {"1246", "Refuse to de-escalate military engagement", -4.0},
    {"125", "Reject proposal to meet, discuss, or negotiate", -5.0},
    {"126", "Reject mediation", -5.0},
    {"127", "Reject plan, agreement to settle dispute", -5.0},
    {"128", "Defy norms, law", -5.0},
    {"129", "Veto", -5.0},
    {"13", "THREATEN", -6.0},
    {"130", "Threaten, not specified below", -4.4},
    {"131", "Threaten non-force, not specified below", -5.8},
    {"1311", "Threaten to reduce or stop aid", -5.8},
    {"1312", "Threaten to boycott, embargo, or sanction", -5.8},
    {"1313", "Threaten to reduce or break relations", -5.8},
    {"132", "Threaten with administrative sanctions, not specified below", -5.8},
    {"1321", "Threaten to impose restrictions on political freedoms", -5.8},
    {"1322", "Threaten to ban political parties or politicians", -5.8},
    {"1323", "Threaten to impose curfew", -5.8},
    {"1324", "Threaten to impose state of emergency or martial law", -5.8},
    {"133", "Threaten political dissent, protest", -5.8},
    {"134", "Threaten to halt negotiations", -5.8},
    {"135", "Threaten to halt mediation", -5.8},
    {"136", "Threaten to halt international involvement (non-mediation)", -7.0},
    {"137", "Threaten with violent repression", -7.0},
    {"138", "Threaten to use military force, not specified below", -7.0},
    {"1381", "Threaten blockade", -7.0},
    {"1382", "Threaten occupation", -7.0},
    {"1383", "Threaten unconventional violence", -7.0},
    {"1384", "Threaten conventional attack", -7.0},
    {"1385", "Threaten attack with WMD", -7.0},
    {"139", "Give ultimatum", -7.0},
    {"14", "PROTEST", -6.5},
    {"140", "Engage in political dissent, not specified below", -6.5},
    {"141", "Demonstrate or rally", -6.5},
    {"1411", "Demonstrate for leadership change", -6.5},
    {"1412", "Demonstrate for policy change", -6.5},
    {"1413", "Demonstrate for rights", -6.5},
    {"1414", "Demonstrate for change in institutions, regime", -6.5},
    {"142", "Conduct hunger strike, not specified below", -6.5},
    {"1421", "Conduct hunger strike for leadership change", -6.5},
    {"1422", "Conduct hunger strike for policy change", -6.5},
    {"1423", "Conduct hunger strike for rights", -6.5},
    {"1424", "Conduct hunger strike for change in institutions, regime", -6.5},
    {"143", "Conduct strike or boycott, not specified below", -6.5},
    {"1431", "Conduct strike or boycott for leadership change", -6.5},
    {"1432", "Conduct strike or boycott for policy change", -6.5},
    {"1433", "Conduct strike or boycott for rights", -6.5},
    {"1434", "Conduct strike or boycott for change in institutions, regime", -6.5},
    {"144", "Obstruct passage, block", -7.5},
    {"1441", "Obstruct passage to demand leadership change", -7.5},
    {"1442", "Obstruct passage to demand policy change", -7.5},
    {"1443", "Obstruct passage to demand rights", -7.5},
    {"1444", "Obstruct passage to demand change in institutions, regime", -7.5},
    {"145", "Protest violently, riot", -7.5},
    {"1451", "Engage in violent protest for leadership change", -7.5},
    {"1452", "Engage in violent protest for policy change", -7.5},
    {"1453", "Engage in violent protest for rights", -7.5},
    {"1454", "Engage in violent protest for  change in institutions, regime", -7.5},
    {"15", "EXHIBIT FORCE POSTURE", -7.2},
    {"150", "Demonstrate military or police power, not specified below", -7.2},
    {"151", "Increase police alert status", -7.2},
    {"152", "Increase military alert status", -7.2},
    {"153", "Mobilize or increase police power", -7.2},
    {"154", "Mobilize or increase armed forces", -7.2},
    {"16", "REDUCE RELATIONS", -4.0},
    {"160", "Reduce relations, not specified below", -4.0},
    {"161", "Reduce or break diplomatic relations", -4.0},
    {"162", "Reduce or stop aid, not specified below", -5.6},
    {"1621", "Reduce or stop economic assistance", -5.6},
    {"1622", "Reduce or stop military assistance", -5.6},
    {"1623", "Reduce or stop humanitarian assistance", -5.6},
    {"163", "Impose embargo, boycott, or sanctions", -8.0},
    {"164", "Halt negotiations", -7.0},
    {"165", "Halt mediation", -6.5},
    {"166", "Expel or withdraw, not specified below", -7.0},
    {"1661", "Expel or withdraw peacekeepers", -7.0},
    {"1662", "Expel or withdraw inspectors, observers", -7.0},
    {"1663", "Expel or withdraw aid agencies", -7.0},
    {"17", "COERCE", -7.0},
    {"170", "Coerce, not specified below", -7.0},
    {"171", "Seize or damage property, not specified below", -9.2},
    {"1711", "Confiscate property", -9.2},
    {"1712", "Destroy property", -9.2},
    {"172", "Impose administrative sanctions, not specified below", -5.0},
    {"1721", "Impose restrictions on political freedoms", -5.0},
    {"1722", "Ban political parties or politicians", -5.0},
    {"1723", "Impose curfew", -5.0},
    {"1724", "Impose state of emergency or martial law", -5.0},
    {"173", "Arrest, detain, or charge with legal action", -5.0},
    {"174", "Expel or deport individuals", -5.0},
    {"175", "Use tactics of violent repression", -9.0},
    {"18", "ASSAULT", -9.0},
    {"180", "Use unconventional violence, not specified below", -9.0},
    {"181", "Abduct, hijack, or take hostage", -9.0},
    {"182", "Physically assault, not specified below", -9.5},
    {"1821", "Sexually assault", -9.0},
    {"1822", "Torture", -9.0},
    {"1823", "Kill by physical assault", -10.0},
    {"183", "Conduct suicide, car, or other non-military bombing, not spec below", -10.0},
    {"1831", "Carry out suicide bombing", -10.0},
    {"1832", "Carry out car bombing", -10.0},
    {"1833", "Carry out roadside bombing", -10.0},
    {"184", "Use as human shield", -8.0},
    {"185", "Attempt to assassinate", -8.0},
    {"186", "Assassinate", -10.0},
    {"19", "FIGHT", -10.0},
    {"190", "Use conventional military force, not specified below", -10.0},
    {"191", "Impose blockade, restrict movement", -9.5},
    {"192", "Occupy territory", -9.5},
    {"193", "Fight with small arms and light weapons", -10.0},
    {"194", "Fight with artillery and tanks", -10.0},
    {"195", "Employ aerial weapons", -10.0},
    {"196", "Violate ceasefire", -9.5},
    {"20", "USE UNCONVENTIONAL MASS VIOLENCE", -10.0},
    {"200", "Use unconventional mass violence, not specified below", -10.0},
    {"201", "Engage in mass expulsion", -9.5},
    {"202", "Engage in mass killings", -10.0},
    {"203", "Engage in ethnic cleansing", -10.0},
    {"204", "Use weapons of mass destruction, not specified below", -10.0},
    {"2041", "Use chemical, biological, or radiologicalweapons", -10.0},
    {"2042", "Detonate nuclear weapons", -10.0},
};

struct ScaleOverride {
  std::string_view code;
  double value;
};

// Schrodt's 2007 scale where it differs from GDELT's, or has codes GDELT lacks.
constexpr ScaleOverride kSchrodtOverrides[] = {
    {"016", 3.4},   {"022", 3.4},   {"0357", 7.0},  {"1213", -4.0}, {"124", -5.0}, {"163", -6.5},
    {"1641", -7.0}, {"1642", -7.0}, {"1643", -7.0}, {"165", -7.0},  {"166", -8.0},
};

// Codes of GDELT's list that Schrodt's 2007 scale does not have (added in CAMEO 1.1).
constexpr std::string_view kSchrodtAbsent[] = {
    "019",  "0213", "0214", "0251", "0252", "0253", "0254", "0255", "0256", "0313",
    "0314", "1011", "1012", "1013", "1014", "1031", "1032", "1033", "1034", "1051",
    "1052", "1053", "1054", "1055", "1056", "116",  "1221", "1222", "1223", "1224",
    "1241", "1242", "1243", "1244", "1245", "1246", "129",  "1661", "1662", "1663",
};

// ICEWS Intensity where it differs from GDELT's, or has codes GDELT lacks.
constexpr ScaleOverride kIcewsOverrides[] = {
    {"016", -5.0}, {"022", 3.4}, {"164", -6.5}, {"165", -7.0}, {"1213", -4.0},
};

const std::unordered_map<std::string_view, const CameoCode*>& index() {
  static const auto map = [] {
    std::unordered_map<std::string_view, const CameoCode*> m;
    for (const auto& c : kCodes) m.emplace(c.code, &c);
    return m;
  }();
  return map;
}

std::optional<double> find_override(std::span<const ScaleOverride> table, std::string_view code) {
  for (const auto& o : table)
    if (o.code == code) return o.value;
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::span<const CameoCode> cameo_codes() { return kCodes; }

const CameoCode* find_cameo(std::string_view code) {
  auto it = index().find(code);
  return it == index().end() ? nullptr : it->second;
}

std::string_view cameo_name(std::string_view code) {
  const CameoCode* c = find_cameo(code);
  return c ? c->name : std::string_view{};
}

std::string_view cameo_root(std::string_view code) {
  return cameo_root_number(code) == 0 ? std::string_view{} : code.substr(0, 2);
}

int cameo_root_number(std::string_view code) {
  if (code.size() < 2 || code.size() > 4 || !all_digits(code)) return 0;
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20 ? root : 0;
}

std::optional<double> goldstein(std::string_view code, GoldsteinScale scale) {
  switch (scale) {
    case GoldsteinScale::gdelt:
      break;
    case GoldsteinScale::schrodt2007:
      if (auto v = find_override(kSchrodtOverrides, code)) return v;
      if (std::find(std::begin(kSchrodtAbsent), std::end(kSchrodtAbsent), code) !=
          std::end(kSchrodtAbsent))
        return std::nullopt;
      break;
    case GoldsteinScale::icews:
      if (auto v = find_override(kIcewsOverrides, code)) return v;
      break;
  }
  const CameoCode* c = find_cameo(code);
  if (!c) return std::nullopt;
  return c->goldstein;
}

std::optional<double> goldstein_or_base(std::string_view code, GoldsteinScale scale) {
  if (cameo_root_number(code) == 0) return std::nullopt;
  if (auto v = goldstein(code, scale)) return v;
  if (code.size() == 4)
    if (auto v = goldstein(code.substr(0, 3), scale)) return v;
  return goldstein(code.substr(0, 2), scale);
}

int quad_class(std::string_view code, QuadMapping mapping) {
  int r = cameo_root_number(code);
  if (r == 0) return 0;
  if (mapping == QuadMapping::gdelt) return r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

std::string_view to_string(GoldsteinScale scale) {
  switch (scale) {
    case GoldsteinScale::gdelt:
      return "gdelt";
    case GoldsteinScale::schrodt2007:
      return "schrodt2007";
    case GoldsteinScale::icews:
      return "icews";
  }
  return "gdelt";
}

std::optional<GoldsteinScale> goldstein_scale_from_string(std::string_view text) {
  for (auto s : {GoldsteinScale::gdelt, GoldsteinScale::schrodt2007, GoldsteinScale::icews})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::string_view to_string(QuadMapping mapping) {
  return mapping == QuadMapping::gdelt ? "gdelt" : "icews";
}

std::optional<QuadMapping> quad_mapping_from_string(std::string_view text) {
  if (text == "gdelt") return QuadMapping::gdelt;
  if (text == "icews") return QuadMapping::icews;
  return std::nullopt;
}

}  // namespace detente::events
