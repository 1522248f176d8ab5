#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs a tiny consumer project
# against it with find_package(detente), checks the pkg-config file, the man pages, the
# bash completion and (when built) the Python module from the prefix.
# Usage: consumer_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/detente-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

test -x "$prefix/bin/detente"
test -x "$prefix/bin/detente-serve"
test -f "$prefix/lib/libdetente.a"
test -f "$prefix/include/detente/store/run_store.hpp"
test -f "$prefix/include/detente/core/scenario.hpp"
test ! -e "$prefix/include/detente/cli"
test -f "$prefix/lib/cmake/detente/detenteConfig.cmake"
test -f "$prefix/share/bash-completion/completions/detente"
"$prefix/bin/detente" --version | grep -q "0.1"
# `detente serve` runs the installed detente-serve beside it: it prints its URL.
timeout 5 "$prefix/bin/detente" serve --port 0 > "$tmp/serve.out" 2>&1 || true
grep -q "^detente serve: http://127.0.0.1:" "$tmp/serve.out"

# The consumer, configured and built against the prefix only.
cmake -S "$src/tests/install/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/consumer" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
out=$("$tmp/consumer/consumer" "$tmp/runs.db")
# The consumer's forecasts are the CLI's: compare with the installed binary's CSV.
expected=$("$prefix/bin/detente" bargain northeast-asia-2024 --model mean --format csv |
  awk -F, 'NR > 1 && $3 == 0 {printf "%s %.4f\n", $2, $6}')
got=$(echo "$out" | grep -v '^stored ')
if [ "$got" != "$expected" ]; then
  echo "consumer forecasts differ from the CLI's:"; echo "$got"; echo "--"; echo "$expected"; exit 1
fi
"$prefix/bin/detente" runs list --store "$tmp/runs.db" --format csv | grep -q ',bargain,'

# pkg-config resolves the package.
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs detente | grep -q -- '-ldetente'

# Man pages (when help2man is present at build time).
if [ -d "$build/man" ]; then
  test -f "$prefix/share/man/man1/detente.1"
  test -f "$prefix/share/man/man1/detente-simulate.1"
  grep -q -F -- '\-\-store' "$prefix/share/man/man1/detente-simulate.1"  # roff escapes the dashes
fi

# The completion script offers the subcommands.
words=$(bash -c "source '$prefix/share/bash-completion/completions/detente'
  COMP_WORDS=('$prefix/bin/detente' 'sim'); COMP_CWORD=1; _detente; echo \"\${COMPREPLY[*]}\"")
[ "$words" = "simulate" ] || { echo "completion gave '$words'"; exit 1; }

# The Python module, from the prefix (when it was built): imported from there, its forecasts
# are the installed CLI's.
if compgen -G "$build/python/detente/_detente*.so" >/dev/null; then
  PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 - "$prefix" <<'PY'
import json, subprocess, sys
import detente
prefix = sys.argv[1]
assert detente.__file__.startswith(prefix), detente.__file__
r = detente.bargain("northeast-asia-2024", model="mean")
cli = json.loads(subprocess.run([prefix + "/bin/detente", "bargain", "northeast-asia-2024",
                                 "--model", "mean", "--format", "json"],
                                check=True, capture_output=True, text=True).stdout)
assert r.json == cli
assert list(r.forecasts["forecast"]) == [i["forecast"] for i in cli["issues"]]
PY
fi
echo "install and consumer project: ok"
