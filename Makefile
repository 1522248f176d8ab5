# detente: the two set-up commands are `make demo` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

# Sanitizer and fuzz builds (docs/testing.md): ASan+UBSan with clang (the same build links
# the libFuzzer targets), ThreadSanitizer with g++. Each builds only what its run needs.
SAN_DIR ?= build-sanitize
TSAN_DIR ?= build-tsan
SAN_FLAGS = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DDETENTE_BENCH=OFF \
	-DDETENTE_PYTHON=OFF
FUZZ_SECONDS ?= 60
# make fuzz FUZZ_RUNS=1000000: a fixed number of executions per target instead of a time.
export FUZZ_RUNS ?=
# Not in the sanitizer pass: the browser tests (a real Chromium, not instrumented), the
# install test (it builds a consumer project of its own) and pytest (the interpreter is not
# instrumented; the module is built only in the main build).
SAN_EXCLUDE ?= ^(web|install|python)\.
CI_FUZZ_SECONDS ?= 10
# The threaded paths: the worker pool, event pipeline, ensembles, SMP and its kernels,
# landscape, Sobol, relocation and the CLI commands that run them.
TSAN_TESTS ?= ^(Parallel|EventsReader|EventsAggregate|EventsFastPaths|Ensemble|Smp|SmpKernels|Landscape|Sobol|Sensitivity|FrustrationHeuristic|SignedBlockmodel|BalanceMeasures|AlignmentSection|SectionBargaining|SimulateCli|RunCli)\.
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0
export TSAN_OPTIONS ?= halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/scripts/tsan.supp

.PHONY: all deps configure build demo test test-unit test-sanitize test-tsan fuzz fuzz-ci \
	fuzz-build web-deps bench format clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/detente run

# playwright-core for the browser tests, from tests/web/package-lock.json (once; offline after).
web-deps:
	@[ -d tests/web/node_modules/playwright-core ] || (cd tests/web && npm ci --no-audit --no-fund --silent)

# The CI entry point: the suite (browser, server, load, Python and install tests included),
# then the same suite under ASan+UBSan (clang), then a short pass of every fuzz target
# (docs/testing.md). ThreadSanitizer (test-tsan) and long fuzzing (fuzz) are run by hand.
test: test-unit test-sanitize fuzz-ci

test-unit: build web-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

$(SAN_DIR)/CMakeCache.txt: | deps
	@CC=clang CXX=clang++ cmake -S . -B $(SAN_DIR) $(SAN_FLAGS) \
	  -DDETENTE_SANITIZE=address,undefined -DDETENTE_FUZZ=ON >/dev/null

$(TSAN_DIR)/CMakeCache.txt: | deps
	@cmake -S . -B $(TSAN_DIR) $(SAN_FLAGS) -DDETENTE_SANITIZE=thread >/dev/null

test-sanitize: $(SAN_DIR)/CMakeCache.txt
	@cmake --build $(SAN_DIR) -j $(JOBS) --target detente detente_tests
	cd $(SAN_DIR) && ctest --output-on-failure -j $(JOBS) -E '$(SAN_EXCLUDE)'

test-tsan: $(TSAN_DIR)/CMakeCache.txt
	@cmake --build $(TSAN_DIR) -j $(JOBS) --target detente detente_tests
	cd $(TSAN_DIR) && ctest --output-on-failure -j $(JOBS) -R '$(TSAN_TESTS)'

fuzz-build: $(SAN_DIR)/CMakeCache.txt
	@cmake --build $(SAN_DIR) -j $(JOBS) --target fuzzers

# make fuzz FUZZ_SECONDS=600 [FUZZ_TARGETS="pajek eum_table"]
fuzz: fuzz-build
	fuzz/run.sh $(SAN_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-ci: fuzz-build
	fuzz/run.sh $(SAN_DIR) $(CI_FUZZ_SECONDS)

bench: build
	$(BUILD_DIR)/detente_bench

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR) $(TSAN_DIR) out
