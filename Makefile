# mstress: see README.md. `make report` and `make test` are the two commands.
.SUFFIXES:

ifeq ($(origin CC),default)
CC = cc
endif
PKG_LIBS = cairo jansson freetype2 libcmark-gfm libxml-2.0 libpng libcurl gmime-3.0
WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wvla
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(CFLAGS) \
	-DMS_VERSION='"$(VERSION)"' -Igen
VERSION = 0.1.0
B       = build/release

SRCS = $(filter-out gen/main.c,$(wildcard gen/*.c))
TEST_SRCS = $(wildcard tests/unit/*.c)
FUZZ_TARGETS = csv config template document numbers
REPLAYS = $(FUZZ_TARGETS:%=$(B)/replay_%) $(FUZZ_TARGETS:%=build/asan/replay_%)
OOM = build/oom

.PHONY: all report test check asan valgrind oomtest clean deps test-deps regen install uninstall bench bench-deps fuzz fuzz-deps

PREFIX  ?= /usr/local
DESTDIR ?=
SHARE   = $(DESTDIR)$(PREFIX)/share/mstress

all: mstress

deps:
	@tools/deps.sh

test-deps:
	@tools/deps.sh --test

# Flags come from pkg-config; the Debian package check runs only when
# pkg-config cannot find the libraries (make report and make test run it
# anyway), so a plain make needs pkg-config alone.
$(B)/flags.mk: tools/deps.sh Makefile
	@pkg-config --exists $(PKG_LIBS) 2> /dev/null || tools/deps.sh
	@mkdir -p $(@D)
	@echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKG_LIBS))" > $@
	@echo "PKG_LDLIBS = $$(pkg-config --libs $(PKG_LIBS)) -lcmark-gfm-extensions -lhpdf -lm -pthread" >> $@
ifeq ($(filter clean,$(MAKECMDGOALS)),)
-include $(B)/flags.mk
endif

define build_rules
$(1)/%.o: gen/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $(2) $$(PKG_CFLAGS) -MMD -MP -c $$< -o $$@
$(1)/unit/%.o: tests/unit/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $(2) $$(PKG_CFLAGS) -MMD -MP -c $$< -o $$@
$(1)/mstress: $(1)/main.o $(SRCS:gen/%.c=$(1)/%.o)
	$$(CC) $(2) -o $$@ $$^ $$(PKG_LDLIBS)
$(1)/unit_tests: $(TEST_SRCS:tests/unit/%.c=$(1)/unit/%.o) $(SRCS:gen/%.c=$(1)/%.o)
	$$(CC) $(2) -o $$@ $$^ $$(PKG_LDLIBS)
$(1)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(SRCS:gen/%.c=$(1)/%.o)
	$$(CC) $$(ALL_CFLAGS) $(2) $$(PKG_CFLAGS) -o $$@ $$^ $$(PKG_LDLIBS)
$(1)/bench_ingest: tools/bench_ingest.c $(SRCS:gen/%.c=$(1)/%.o)
	$$(CC) $$(ALL_CFLAGS) $(2) $$(PKG_CFLAGS) -o $$@ $$^ $$(PKG_LDLIBS)
endef

ASAN_FLAGS = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
$(eval $(call build_rules,$(B),))
$(eval $(call build_rules,build/asan,$(ASAN_FLAGS)))
-include $(wildcard $(B)/*.d $(B)/unit/*.d build/asan/*.d build/asan/unit/*.d)

mstress: $(B)/mstress
	cp $< $@

report: deps mstress
	./mstress build --offline --out out

# The Nu HTML checker, from the npm registry, run with the machine's Java.
VNU = build/tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	npm install --prefix build/tools --no-audit --no-fund --silent vnu-jar

# playwright-core (drives Debian's Chromium) and axe-core, for tests/browser.js
BROWSER_JS = build/tools/node_modules/playwright-core/package.json
$(BROWSER_JS): | $(VNU)
	npm install --prefix build/tools --no-audit --no-fund --silent playwright-core@1.65.1 axe-core@4.14.1

# the suite twice: on the release build, then on the sanitizer build
test: deps test-deps mstress $(B)/unit_tests build/asan/mstress build/asan/unit_tests $(REPLAYS) $(OOM)/mstress $(VNU) \
	$(BROWSER_JS)
	@VNU=$(VNU) tests/all.sh $(B)/mstress $(B)/unit_tests build/asan/mstress build/asan/unit_tests $(OOM)/mstress

# The quick loop: the unit tests and the end-to-end tests that need no
# server, browser or second build (about a minute; make test runs them all).
CHECK_TESTS = golden_stats golden_reports golden_charts golden_layout as_of point_in_time phrases staleness claims_at_date claims_language check cli weekly stress_index
check: mstress $(B)/unit_tests
	@ONLY="$(CHECK_TESTS)" tests/run.sh $(B)/mstress $(B)/unit_tests

asan: deps test-deps build/asan/mstress build/asan/unit_tests $(REPLAYS) $(VNU) $(BROWSER_JS)
	@VNU=$(VNU) ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		tests/run.sh build/asan/mstress build/asan/unit_tests

# The suite under valgrind's memcheck (slow: tens of minutes; not in make test).
valgrind: deps test-deps mstress $(B)/unit_tests $(FUZZ_TARGETS:%=$(B)/replay_%) $(VNU) $(BROWSER_JS)
	@VNU=$(VNU) tools/valgrind.sh $(B)/mstress $(B)/unit_tests $(FUZZ_TARGETS:%=$(B)/replay_%)

# Speed and memory, measured (not asserted): see doc/benchmarks.md.
bench-deps:
	@tools/deps.sh --bench

bench: deps bench-deps mstress $(B)/bench_ingest
	@tools/bench.sh $(B)/mstress $(B)/bench_ingest

# libFuzzer (clang) on every parser, FUZZ_SECONDS each, or FUZZ_RUNS executions
# each when set (corpus in tests/fuzz/corpus/, totals in tests/fuzz/ledger.tsv).
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 0
FZ = build/fuzz
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
$(FZ)/%.o: gen/%.c
	@mkdir -p $(@D)
	clang -std=c17 -D_POSIX_C_SOURCE=200809L -pthread -DMS_VERSION='"$(VERSION)"' \
		-Igen $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@
$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c $(SRCS:gen/%.c=$(FZ)/%.o)
	clang -std=c17 -D_POSIX_C_SOURCE=200809L -Igen $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) \
		-o $@ $^ $(PKG_LDLIBS)

fuzz-deps:
	@tools/deps.sh --fuzz

fuzz: deps fuzz-deps $(FUZZ_TARGETS:%=$(FZ)/fuzz_%)
	@tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_RUNS) $(FUZZ_TARGETS)

# Allocation-failure injection: the release objects linked with
# tests/oom/inject.c in place of the allocators (ld --wrap); tests/oom/sweep.sh
# fails each allocation in turn over the default report (make test runs it).
OOM_WRAP = $(foreach f,malloc calloc realloc free strdup strndup pthread_create,-Wl,--wrap=$(f))
$(OOM)/inject.o: tests/oom/inject.c
	@mkdir -p $(@D)
	$(CC) -std=c17 $(WARN) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@
$(OOM)/mstress: $(B)/main.o $(SRCS:gen/%.c=$(B)/%.o) $(OOM)/inject.o
	$(CC) $(OOM_WRAP) -o $@ $^ $(PKG_LDLIBS)

oomtest: deps $(OOM)/mstress
	@tests/oom/sweep.sh $(OOM)/mstress

# Rewrites the golden files from the current build; review the diff.
regen: mstress
	tests/regen.sh ./mstress

# An installed mstress finds its files in ../share/mstress beside its binary.
install: mstress
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/templates $(SHARE)/fonts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 mstress $(DESTDIR)$(PREFIX)/bin/mstress
	install -m 644 templates/* $(SHARE)/templates/
	install -m 644 fonts/* $(SHARE)/fonts/
	cp -R data $(SHARE)/
	chmod -R u+rwX,go+rX,go-w $(SHARE)/data
	install -m 644 doc/mstress.1 $(DESTDIR)$(PREFIX)/share/man/man1/mstress.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mstress $(DESTDIR)$(PREFIX)/share/man/man1/mstress.1
	rm -rf $(SHARE)

clean:
	rm -rf build mstress out/*.tmp.*
