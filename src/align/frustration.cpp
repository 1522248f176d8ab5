#include "align/frustration.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <queue>
#include <random>
#include <tuple>

#include "align/relocation.hpp"

namespace detente::align {

double frustration_of(const SignedGraph& g, const std::vector<int>& side, bool weighted) {
  double total = 0;
  for (const auto& e : g.edges)
    if (is_frustrated(e, side)) total += weighted ? e.weight : 1.0;
  return total;
}

std::vector<int> frustrated_edges(const SignedGraph& g, const std::vector<int>& side) {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(g.edges.size()); ++i)
    if (is_frustrated(g.edges[i], side)) out.push_back(i);
  return out;
}

double improve_by_moves(const SignedGraph& g, std::vector<int>& side, bool weighted) {
  auto adj = adjacency(g);
  // gain[v]: change in frustration if v switched sides (satisfied minus frustrated weight).
  std::vector<double> gain(g.size(), 0.0);
  auto w = [&](int e) { return weighted ? g.edges[e].weight : 1.0; };
  for (int e = 0; e < static_cast<int>(g.edges.size()); ++e) {
    double d = is_frustrated(g.edges[e], side) ? -w(e) : w(e);
    gain[g.edges[e].u] += d;
    gain[g.edges[e].v] += d;
  }
  bool moved = true;
  while (moved) {
    moved = false;
    for (int v = 0; v < g.size(); ++v) {
      if (gain[v] >= -1e-12) continue;
      side[v] ^= 1;
      gain[v] = -gain[v];
      for (auto [u, e] : adj[v]) {
        // The tie's status flipped; its contribution to u's gain changes sign.
        double d = is_frustrated(g.edges[e], side) ? -w(e) : w(e);
        gain[u] += 2 * d;
      }
      moved = true;
    }
  }
  return frustration_of(g, side, weighted);
}

std::vector<int> balanced_sides(const SignedGraph& g, const std::vector<char>& removed) {
  auto adj = adjacency(g);
  std::vector<int> side(g.size(), -1);
  std::vector<int> stack;
  for (int s = 0; s < g.size(); ++s) {
    if (side[s] >= 0) continue;
    side[s] = 0;
    stack.push_back(s);
    while (!stack.empty()) {
      int v = stack.back();
      stack.pop_back();
      for (auto [u, e] : adj[v]) {
        if (removed[e] || side[u] >= 0) continue;
        side[u] = g.edges[e].sign > 0 ? side[v] : 1 - side[v];
        stack.push_back(u);
      }
    }
  }
  return side;
}

namespace {

using Clock = std::chrono::steady_clock;

// What may cut a search short: a wall-clock deadline (not reproducible) and a count of
// work units (search nodes, or arc scans for the packing bound; reproducible).
struct Limit {
  bool has_deadline = false;
  Clock::time_point deadline{};
  long long work = -1;  // units allowed; -1 = unlimited
  bool clock_expired() const { return has_deadline && Clock::now() > deadline; }
};

// A deadline `seconds` from now (none for 0), no work cap.
Limit clock_limit(double seconds) {
  Limit limit;
  limit.has_deadline = seconds > 0;
  limit.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(seconds));
  return limit;
}

struct LocalEdge {
  int u, v, sign;
  double w;
};

// Biconnected blocks of g (edge index lists); blocks of one edge (bridges) are dropped
// since a bridge is never frustrated in an optimal partition.
std::vector<std::vector<int>> cyclic_blocks(const SignedGraph& g) {
  auto adj = adjacency(g);
  int n = g.size();
  std::vector<int> disc(n, -1), low(n, 0);
  std::vector<std::size_t> it(n, 0);
  std::vector<int> edge_stack, blocks_out;
  std::vector<std::vector<int>> blocks;
  struct Frame {
    int v, parent_edge;
  };
  int time = 0;
  for (int root = 0; root < n; ++root) {
    if (disc[root] >= 0) continue;
    std::vector<Frame> stack{{root, -1}};
    disc[root] = low[root] = time++;
    while (!stack.empty()) {
      auto [v, pe] = stack.back();
      if (it[v] < adj[v].size()) {
        auto [u, e] = adj[v][it[v]++];
        if (e == pe) continue;
        if (disc[u] < 0) {
          edge_stack.push_back(e);
          disc[u] = low[u] = time++;
          stack.push_back({u, e});
        } else if (disc[u] < disc[v]) {
          edge_stack.push_back(e);
          low[v] = std::min(low[v], disc[u]);
        }
      } else {
        stack.pop_back();
        if (stack.empty()) break;
        int p = stack.back().v;
        low[p] = std::min(low[p], low[v]);
        if (low[v] >= disc[p]) {  // p separates v's subtree: pop one block
          std::vector<int> block;
          while (true) {
            int e = edge_stack.back();
            edge_stack.pop_back();
            block.push_back(e);
            if (e == pe) break;
          }
          if (block.size() >= 3) blocks.push_back(std::move(block));  // 2 = impossible, 1 = bridge
        }
      }
    }
  }
  return blocks;
}

// A lower bound from unbalanced cycles packed into the tie weights: each cycle with an odd
// number of negative ties needs at least one frustrated tie, so if cycle c gets y_c with
// Σ_{c ∋ e} y_c ≤ w_e for every tie, Σ y_c ≤ L (the LP dual of covering the cycles).
// Cycles are found shortest first by breadth-first search in the signed double cover
// (state = node, parity of negative ties so far), with a cap on the states visited per
// search so that large graphs stay cheap.
double cycle_packing_bound(int n, const std::vector<LocalEdge>& edges, const Limit& limit) {
  std::vector<std::vector<std::pair<int, int>>> adj(n);
  for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
    adj[edges[e].u].push_back({edges[e].v, e});
    adj[edges[e].v].push_back({edges[e].u, e});
  }
  std::vector<double> r(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) r[e] = edges[e].w;
  long cap = std::max<long>(64, 20000000L / std::max<long>(1, static_cast<long>(edges.size())));
  std::vector<int> stamp(2 * n, -1), via(2 * n, -1), depth(2 * n, 0);
  std::vector<int> queue;
  int generation = 0;
  double bound = 0;
  long long scans = 0;  // arcs scanned, against limit.work
  for (int max_len = 3; max_len <= 9; max_len += 2) {
    for (int e0 = 0; e0 < static_cast<int>(edges.size()); ++e0) {
      if ((e0 & 255) == 0 && limit.clock_expired()) return bound;
      while (r[e0] > 1e-12) {
        const auto& t = edges[e0];
        int target = 2 * t.v + (t.sign < 0 ? 0 : 1);  // parity that closes an odd cycle
        ++generation;
        queue.assign(1, 2 * t.u);
        stamp[2 * t.u] = generation;
        depth[2 * t.u] = 0;
        bool found = false;
        for (std::size_t q = 0; q < queue.size() && !found; ++q) {
          if (static_cast<long>(queue.size()) > cap) break;
          int state = queue[q], v = state / 2, par = state % 2;
          if (depth[state] + 2 > max_len) continue;
          scans += static_cast<long long>(adj[v].size());
          if (limit.work >= 0 && scans > limit.work) return bound;  // only whole cycles count
          for (auto [u, e] : adj[v]) {
            if (e == e0 || r[e] <= 1e-12) continue;
            int next = 2 * u + (par ^ (edges[e].sign < 0 ? 1 : 0));
            if (stamp[next] == generation) continue;
            stamp[next] = generation;
            via[next] = e;
            depth[next] = depth[state] + 1;
            queue.push_back(next);
            if (next == target) {
              found = true;
              break;
            }
          }
        }
        if (!found) break;
        // Walk back from the target to collect the cycle's ties.
        double delta = r[e0];
        std::vector<int> cycle{e0};
        for (int state = target; state != 2 * t.u;) {
          int e = via[state];
          cycle.push_back(e);
          delta = std::min(delta, r[e]);
          int v = state / 2, par = state % 2;
          int u = edges[e].u == v ? edges[e].v : edges[e].u;
          state = 2 * u + (par ^ (edges[e].sign < 0 ? 1 : 0));
        }
        for (int e : cycle) r[e] -= delta;
        bound += delta;
      }
    }
  }
  return bound;
}

// Russian-doll search on one block. Nodes are relabelled in a branching order; the
// sub-problem k is the graph induced by nodes k..n-1 and is solved exactly for
// k = n-1, …, 0, so that when nodes < d are fixed the bound
//   cost among fixed nodes + Σ_{u ≥ d} min(cost of u's ties to fixed nodes on side 0/1)
//   + L(nodes ≥ d)
// adds three disjoint sets of ties and is valid.
class RussianDoll {
 public:
  // limit.work: search nodes allowed (-1 = unlimited).
  RussianDoll(int n, const std::vector<LocalEdge>& edges, const Limit& limit)
      : n_(n), limit_(limit) {
    integral_ = std::all_of(edges.begin(), edges.end(),
                            [](const LocalEdge& e) { return e.w == std::floor(e.w); });
    order_nodes(edges);
  }

  // Returns false when the limit stopped it; `lower` then holds a proven bound.
  bool solve() {
    L_.assign(n_ + 1, 0.0);
    side_.assign(n_, 0);
    sides_work_.assign(n_, 0);
    best_.assign(n_, 0);  // incumbent of the current sub-problem on nodes k..n-1
    cost_[0].assign(n_, 0.0);
    cost_[1].assign(n_, 0.0);
    for (int k = n_ - 1; k >= 0; --k) {
      if ((k & 63) == 0 && limit_.clock_expired()) {
        by_clock_ = true;
        lower_ = L_[k + 1];
        final_side(best_);  // nodes < k+1 still hold side 0
        return false;
      }
      // Upper bound: the previous optimum extended by the cheaper side of node k. (The
      // search fixes node k on side 0 by symmetry; the incumbent need not.)
      double c0 = 0, c1 = 0;
      for (const auto& a : fwd_[k])
        (a.sign > 0 ? (best_[a.to] == 0 ? c1 : c0) : (best_[a.to] == 0 ? c0 : c1)) += a.w;
      best_[k] = c0 <= c1 ? 0 : 1;
      ub_ = L_[k + 1] + std::min(c0, c1);
      if (ub_ > L_[k + 1] + eps()) {
        target_ = L_[k + 1];
        stop_ = false;
        first_ = k;
        search(k);
        if (timed_out_) {
          lower_ = L_[k + 1];
          for (int i = 0; i < k; ++i) best_[i] = 0;
          final_side(best_);
          return false;
        }
      }
      L_[k] = ub_;
    }
    lower_ = L_[0];
    final_side(best_);
    return true;
  }

  double value() const { return L_.empty() ? 0 : ub_; }
  double lower() const { return lower_; }
  long long nodes() const { return nodes_; }
  bool stopped_by_clock() const { return by_clock_; }
  // Side of each original (unrelabelled) node.
  const std::vector<int>& side() const { return side_; }

 private:
  struct Arc {
    int to, sign;
    double w;
  };

  double eps() const { return integral_ ? 0.5 : 1e-9; }

  void order_nodes(const std::vector<LocalEdge>& edges) {
    std::vector<std::vector<std::pair<int, double>>> adj(n_);
    std::vector<double> degree(n_, 0);
    for (const auto& e : edges) {
      adj[e.u].push_back({e.v, e.w});
      adj[e.v].push_back({e.u, e.w});
      degree[e.u] += e.w;
      degree[e.v] += e.w;
    }
    // Maximum-adjacency order: next is the node most tied to those already placed, so
    // that fixing nodes in this order raises the per-node bound terms early.
    std::vector<double> link(n_, 0);
    std::vector<char> placed(n_, 0);
    order_.clear();
    // Lazy max-heap on (link, degree, −index): deterministic and O(m log m).
    using Key = std::tuple<double, double, int>;
    std::priority_queue<Key> heap;
    for (int v = 0; v < n_; ++v) heap.push({0.0, degree[v], -v});
    while (!heap.empty()) {
      auto [l, deg, negv] = heap.top();
      heap.pop();
      int pick = -negv;
      if (placed[pick] || l != link[pick]) continue;  // stale entry
      placed[pick] = 1;
      order_.push_back(pick);
      for (auto [u, w] : adj[pick])
        if (!placed[u]) {
          link[u] += w;
          heap.push({link[u], degree[u], -u});
        }
    }
    std::vector<int> pos(n_);
    for (int i = 0; i < n_; ++i) pos[order_[i]] = i;
    fwd_.assign(n_, {});
    for (const auto& e : edges) {
      int a = pos[e.u], b = pos[e.v];
      if (a > b) std::swap(a, b);
      fwd_[a].push_back({b, e.sign, e.w});
    }
  }

  // Depth-first search of sub-problem k: a frame fixes node d with cost `acc` among the
  // nodes fixed before it and `summin` = Σ_{u ≥ d} min(c_u(0), c_u(1)); it tries the
  // cheaper side first and the other while the bound allows. Iterative, because blocks
  // can have 10^5 nodes.
  struct Frame {
    int d, first, tried, branches, applied;
    double acc, summin;
  };

  void search(int k) {
    stack_.clear();
    stack_.push_back({k, 0, 0, 1, -1, 0.0, 0.0});  // node k on side 0 only, by symmetry
    while (!stack_.empty() && !stop_) {
      Frame& f = stack_.back();
      if (f.applied >= 0) {
        for (const auto& a : fwd_[f.d]) cost_[a.sign > 0 ? 1 - f.applied : f.applied][a.to] -= a.w;
        f.applied = -1;
      }
      if (f.tried == f.branches || (f.tried > 0 && !(f.acc + f.summin + L_[f.d] < ub_ - eps()))) {
        stack_.pop_back();
        continue;
      }
      int d = f.d, x = f.tried == 0 ? f.first : 1 - f.first;
      ++f.tried;
      // The budget is checked before the node is counted (nodes() never exceeds it); the
      // clock only every 1,024 nodes, as reading it costs more than a node.
      if (limit_.work >= 0 && nodes_ >= limit_.work) {
        timed_out_ = stop_ = true;
        break;
      }
      if ((++nodes_ & 1023) == 0 && limit_.clock_expired()) {
        timed_out_ = stop_ = by_clock_ = true;
        break;
      }
      double acc = f.acc + cost_[x][d];
      double summin = f.summin - std::min(cost_[0][d], cost_[1][d]);
      sides_work_[d] = x;
      for (const auto& a : fwd_[d]) {
        int bad = a.sign > 0 ? 1 - x : x;  // the side of a.to that frustrates the tie
        double before = std::min(cost_[0][a.to], cost_[1][a.to]);
        cost_[bad][a.to] += a.w;
        summin += std::min(cost_[0][a.to], cost_[1][a.to]) - before;
      }
      f.applied = x;
      int next = d + 1;
      if (next == n_) {
        if (acc < ub_ - eps()) {
          ub_ = acc;
          std::copy(sides_work_.begin() + first_, sides_work_.end(), best_.begin() + first_);
          if (ub_ <= target_ + eps()) stop_ = true;
        }
      } else if (acc + summin + L_[next] < ub_ - eps()) {
        int first = cost_[0][next] <= cost_[1][next] ? 0 : 1;
        stack_.push_back({next, first, 0, 2, -1, acc, summin});  // `f` is not used after this
      }
    }
    // Undo what is still applied, so the per-node costs are zero for the next sub-problem.
    for (const auto& f : stack_)
      if (f.applied >= 0)
        for (const auto& a : fwd_[f.d]) cost_[a.sign > 0 ? 1 - f.applied : f.applied][a.to] -= a.w;
    stack_.clear();
  }

  void final_side(const std::vector<int>& relabelled) {
    side_.assign(n_, 0);
    for (int i = 0; i < n_; ++i) side_[order_[i]] = relabelled[i];
  }

 private:
  int n_;
  Limit limit_;
  bool integral_ = true;
  std::vector<int> order_;
  std::vector<std::vector<Arc>> fwd_;
  std::vector<double> L_;
  std::vector<double> cost_[2];
  std::vector<int> best_, sides_work_, side_;
  std::vector<Frame> stack_;
  double ub_ = 0, lower_ = 0, target_ = 0;
  int first_ = 0;
  bool stop_ = false, timed_out_ = false, by_clock_ = false;
  long long nodes_ = 0;
};

}  // namespace

double frustration_cycle_bound(const SignedGraph& g, bool weighted, double seconds,
                               long long work) {
  std::vector<LocalEdge> edges;
  for (const auto& e : g.edges) edges.push_back({e.u, e.v, e.sign, weighted ? e.weight : 1.0});
  Limit limit = clock_limit(seconds);
  if (work > 0) limit.work = work;
  return cycle_packing_bound(g.size(), edges, limit);
}

// Blocks larger than this first try to close the gap between a heuristic split and the
// cycle-packing bound before searching.
constexpr int kQuickProofNodes = 1000;

FrustrationResult frustration_exact(const SignedGraph& g, const FrustrationOptions& options) {
  auto start = Clock::now();
  const Limit clock = clock_limit(options.time_limit_seconds);
  const bool budgeted = options.node_budget > 0;
  // The packing bound's own work cap when a node budget is set (none otherwise).
  Limit packing = clock;
  if (budgeted) packing.work = kCyclePackingWorkPerNode * options.node_budget;
  FrustrationResult r;
  auto blocks = cyclic_blocks(g);
  std::vector<char> removed(g.edges.size(), 0);
  std::vector<int> local(g.size(), -1);
  bool all_optimal = true;
  double lower = 0;
  for (const auto& block : blocks) {
    std::vector<int> nodes;
    for (int e : block)
      for (int v : {g.edges[e].u, g.edges[e].v})
        if (local[v] < 0) {
          local[v] = static_cast<int>(nodes.size());
          nodes.push_back(v);
        }
    std::vector<LocalEdge> edges;
    for (int e : block) {
      const auto& ge = g.edges[e];
      edges.push_back({local[ge.u], local[ge.v], ge.sign, options.weighted ? ge.weight : 1.0});
    }
    int bn = static_cast<int>(nodes.size());
    std::vector<int> quick_side;  // the large-block heuristic split, if one was made
    double quick_value = 0;
    if (bn > kQuickProofNodes) {
      // Large block: a heuristic split whose value meets the cycle-packing bound is
      // optimal without any search (common on large, nearly balanced networks).
      SignedGraph sub;
      for (int i = 0; i < bn; ++i) sub.add_node(std::to_string(i));
      for (const auto& e : edges) sub.add_edge(e.u, e.v, e.sign, e.w);
      auto h = frustration_heuristic(sub, {.starts = 2, .kicks = 10, .seed = options.seed});
      double lb = cycle_packing_bound(bn, edges, packing);
      bool integral = std::all_of(edges.begin(), edges.end(),
                                  [](const LocalEdge& e) { return e.w == std::floor(e.w); });
      if (integral) lb = std::ceil(lb - 1e-9);
      if (h.result.frustration <= lb + 1e-9) {
        lower += h.result.frustration;
        for (int e : block) {
          const auto& ge = g.edges[e];
          if ((h.result.side[local[ge.u]] != h.result.side[local[ge.v]]) == (ge.sign > 0))
            removed[e] = 1;
        }
        for (int v : nodes) local[v] = -1;
        continue;
      }
      quick_side = h.result.side;
      quick_value = h.result.frustration;
    }
    // The blocks share the budget: each gets what the blocks before it left.
    Limit search = clock;
    if (budgeted) search.work = std::max(0LL, options.node_budget - r.search_nodes);
    RussianDoll rd(bn, edges, search);
    bool done = rd.solve();
    all_optimal = all_optimal && done;
    if (done) {
      lower += rd.lower();
    } else {
      r.stopped =
          rd.stopped_by_clock() ? FrustrationStop::time_limit : FrustrationStop::node_budget;
      // The packing gets work of its own beyond the search's limit: a fixed number of arc
      // scans under a node budget, half a second under a time limit.
      Limit pack = rd.stopped_by_clock() ? clock_limit(0.5) : packing;
      lower += std::max(rd.lower(), cycle_packing_bound(bn, edges, pack));
    }
    r.search_nodes += rd.nodes();
    std::vector<int> s = rd.side();
    if (!done && !quick_side.empty()) {  // keep the better of the two unfinished splits
      double searched = 0;
      for (const auto& e : edges)
        if ((s[e.u] != s[e.v]) == (e.sign > 0)) searched += e.w;
      if (quick_value < searched) s = quick_side;
    }
    for (int e : block) {
      const auto& ge = g.edges[e];
      if ((s[local[ge.u]] != s[local[ge.v]]) == (ge.sign > 0)) removed[e] = 1;
    }
    for (int v : nodes) local[v] = -1;
  }
  // Blocks meet only at cut nodes and every cycle lies in one block, so the graph less
  // the blocks' frustrated ties is balanced; its two-colouring frustrates at most those.
  r.side = balanced_sides(g, removed);
  if (!all_optimal) {
    improve_by_moves(g, r.side, options.weighted);
    auto h = frustration_heuristic(
        g, {.starts = 2, .kicks = 10, .seed = options.seed, .weighted = options.weighted});
    if (frustration_of(g, h.result.side, options.weighted) <
        frustration_of(g, r.side, options.weighted))
      r.side = h.result.side;
  }
  r.frustration = frustration_of(g, r.side, options.weighted);
  r.frustrated = frustrated_edges(g, r.side);
  r.lower_bound = all_optimal ? r.frustration : std::min(lower, r.frustration);
  r.optimal = all_optimal || r.lower_bound >= r.frustration;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

}  // namespace detente::align
