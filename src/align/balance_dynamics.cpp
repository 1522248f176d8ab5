#include "align/balance_dynamics.hpp"

#include <cmath>
#include <limits>

namespace detente::align {

Eigen::MatrixXd relation_matrix(const SignedGraph& g) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(g.size(), g.size());
  for (const auto& e : g.edges) X(e.u, e.v) = X(e.v, e.u) = e.sign * e.weight;
  return X;
}

namespace {

Eigen::VectorXd leading_vector(const Eigen::MatrixXd& X, double* lambda) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(X);
  int n = static_cast<int>(X.rows());
  Eigen::VectorXd u = es.eigenvectors().col(n - 1);
  if (lambda) *lambda = es.eigenvalues()(n - 1);
  for (int i = 0; i < n; ++i)
    if (std::abs(u(i)) > 1e-12) {
      if (u(i) < 0) u = -u;
      break;
    }
  return u;
}

std::vector<int> sign_pattern(const Eigen::VectorXd& u) {
  std::vector<int> f(u.size(), 0);
  bool pos = false, neg = false;
  for (int i = 0; i < u.size(); ++i) {
    if (u(i) > 1e-12) pos = true;
    if (u(i) < -1e-12) neg = true;
  }
  if (!(pos && neg)) return f;
  int ref = -1;
  for (int i = 0; i < u.size(); ++i) {
    int s = u(i) < 0 ? 1 : 0;
    if (ref < 0) ref = s;
    f[i] = s ^ ref;
  }
  return f;
}

}  // namespace

std::vector<int> leading_eigenvector_factions(const Eigen::MatrixXd& X) {
  if (X.rows() == 0) return {};
  return sign_pattern(leading_vector(X, nullptr));
}

MarvelResult marvel_dynamics(const Eigen::MatrixXd& X0) {
  MarvelResult r;
  if (X0.rows() == 0) return r;
  r.leading = leading_vector(X0, &r.lambda1);
  r.blowup_time = r.lambda1 > 0 ? 1.0 / r.lambda1 : std::numeric_limits<double>::infinity();
  r.faction = sign_pattern(r.leading);
  for (int f : r.faction) r.polarised = r.polarised || f != 0;
  return r;
}

Eigen::MatrixXd marvel_state(const Eigen::MatrixXd& X0, double t) {
  Eigen::MatrixXd I = Eigen::MatrixXd::Identity(X0.rows(), X0.cols());
  // X0 and (I − tX0)^{-1} commute, so solve (I − tX0) Y = X0.
  return (I - t * X0).partialPivLu().solve(X0);
}

Eigen::MatrixXd mkg_rate(const Eigen::MatrixXd& X, const Eigen::MatrixXd& X0, const MkgOptions& o) {
  Eigen::MatrixXd sq = X * X;
  Eigen::MatrixXd force = o.saturation * (o.alpha * sq / o.saturation).array().tanh().matrix();
  Eigen::MatrixXd rate = -o.beta * (X - X0) + force;
  rate.diagonal().setZero();  // self-relations stay as given
  return rate;
}

MkgResult mkg_integrate(const Eigen::MatrixXd& X0, const MkgOptions& o,
                        const Eigen::MatrixXd* start) {
  MkgResult r;
  r.X = start ? *start : X0;
  int steps = static_cast<int>(std::ceil(o.t_end / o.dt));
  for (int s = 0; s < steps; ++s) {
    Eigen::MatrixXd k1 = mkg_rate(r.X, X0, o);
    if (k1.cwiseAbs().maxCoeff() < o.tolerance) {
      r.equilibrium = true;
      break;
    }
    Eigen::MatrixXd k2 = mkg_rate(r.X + 0.5 * o.dt * k1, X0, o);
    Eigen::MatrixXd k3 = mkg_rate(r.X + 0.5 * o.dt * k2, X0, o);
    Eigen::MatrixXd k4 = mkg_rate(r.X + o.dt * k3, X0, o);
    r.X += o.dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    r.t += o.dt;
  }
  r.faction = leading_eigenvector_factions(r.X);
  int n = static_cast<int>(r.X.rows());
  double sum = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) sum += std::max(0.0, -r.X(i, j));
  r.mean_hostility = n > 1 ? sum / (n * (n - 1) / 2.0) : 0;
  return r;
}

std::vector<double> mkg_alpha_scan(const Eigen::MatrixXd& X0, const std::vector<double>& alphas,
                                   const MkgOptions& options, bool both_ways) {
  std::vector<double> out;
  Eigen::MatrixXd state = X0;
  auto visit = [&](double a) {
    MkgOptions o = options;
    o.alpha = a;
    auto r = mkg_integrate(X0, o, &state);
    state = r.X;
    out.push_back(r.mean_hostility);
  };
  for (double a : alphas) visit(a);
  if (both_ways)
    for (auto it = alphas.rbegin(); it != alphas.rend(); ++it) visit(*it);
  return out;
}

}  // namespace detente::align
