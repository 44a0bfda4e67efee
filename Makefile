# tlssim build. `make` builds build/tlssim; `make test` runs every test, then again under ASan+UBSan.
BUILD    ?= build
CC       ?= cc
PKGS     := libtomcrypt gmp libsodium ncursesw jansson libpcap
# CFLAGS is the user's (optimisation, debug); the rest is always added.
CFLAGS   ?= -O2 -g
ALL_CFLAGS = $(CFLAGS) -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -DGMP_DESC -DUSE_GMP -MMD -MP -I. \
             $(SANFLAGS) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(SANFLAGS) $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
VERSION  := 0.1.0

LIB_SRC  := $(wildcard base/*.c sim/*.c crypto/*.c) $(filter-out ui/main.c,$(wildcard ui/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
GEN_SRC  := $(BUILD)/gen/builtin_pki.c
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

.PHONY: all deps run test test-parts check unit integration test-sanitize fuzz fuzz-smoke bench clean install lint

all: $(BUILD)/tlssim

deps:
	@scripts/deps.sh

# Opens the simulator: the terminal UI on the default scenario.
run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/tlssim

# V=1 shows the full commands.
Q = $(if $(V),,@)
# Names a build other than build/ in the progress lines (`make test` builds two at once).
BUILD_TAG = $(if $(filter-out build,$(BUILD)), [$(BUILD)])

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<$(BUILD_TAG)")
	$(Q)$(CC) $(ALL_CFLAGS) -DTLSSIM_VERSION='"$(VERSION)"' -c $< -o $@

$(BUILD)/libtlssim.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

# The built-in PKI is generated once, at build time, from a fixed seed, so starting
# the simulator never waits for RSA key generation.
$(BUILD)/pkigen: tools/pkigen.c $(BUILD)/libtlssim.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $< $(BUILD)/libtlssim.a $(LDLIBS) -o $@

$(GEN_SRC): $(BUILD)/pkigen
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  GEN     $@ (the built-in demo PKI)")
	$(Q)$(BUILD)/pkigen $@

$(BUILD)/obj/gen/builtin_pki.o: $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tlssim: $(BUILD)/obj/ui/main.o $(BUILD)/obj/gen/builtin_pki.o $(BUILD)/libtlssim.a
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/obj/gen/builtin_pki.o $(BUILD)/libtlssim.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $^ $(LDLIBS) $(TEST_LIBS) -o $@

$(BUILD)/bench/%: bench/%.c $(BUILD)/obj/gen/builtin_pki.o $(BUILD)/libtlssim.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $^ $(LDLIBS) -o $@

# The parts of `make test` run side by side (make -j$(TEST_JOBS), the test runners
# included: they take their jobs' slots from make's jobserver, tests/lib/jobs.sh, hence
# the `+` on their lines). $(call test_part,NAME,COMMAND): in `make test` (TEST_LOGS
# set) a part's output goes to a file, printed whole when the part ends, and a failed
# part is noted for the last line; run alone, a part prints as it goes.
TEST_JOBS ?= 2
# Each part's wall time and CPU time (the `times` of its shell: every process it
# waited for) go to NAME.time, for the table `make test` ends with.
test_part = $(if $(TEST_LOGS),t0=$$(date +%s%N); { $(2); } >'$(TEST_LOGS)/$(1).log' 2>&1; st=$$?; \
  times >'$(TEST_LOGS)/$(1).cpu'; echo $$((($$(date +%s%N) - t0) / 1000000)) >'$(TEST_LOGS)/$(1).wall'; \
  cat '$(TEST_LOGS)/$(1).log'; [ $$st = 0 ] || echo '$(1)' >>'$(TEST_LOGS)/failed'; exit $$st,$(2))
PART_TAG = $(if $(filter-out build,$(BUILD)),-$(BUILD))
TEST_PARTS = lint unit integration fuzz unit-build-san integration-build-san

unit: $(UNIT_BIN)
	+@$(call test_part,unit$(PART_TAG),tests/run-unit.sh $(UNIT_BIN))

# A build other than build/ (the sanitizer pass) takes the other half of the ports.
integration: $(BUILD)/tlssim
	+@$(call test_part,integration$(PART_TAG),BUILD=$(BUILD) TEST_PORT_HALF=$(if $(PART_TAG),1,0) tests/run-integration.sh)

check: unit integration

# Everything again with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	+@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" check

# clang-tidy's default checks (see .clang-tidy), warnings fail the build.
lint:
	+@$(call test_part,lint,tests/run-lint.sh $(LIB_SRC) ui/main.c tools/pkigen.c)

# Every part, TEST_JOBS at a time; -k: a failed part does not stop the others. The
# last line names the parts that failed, and those that could not run.
test: deps
	@rm -rf build/test-logs && mkdir -p build/test-logs
	@echo "make test: lint, unit, integration, fuzz smoke; unit and integration again under ASan+UBSan ($(TEST_JOBS) at a time)"
	+@start=$$(date +%s); \
	$(MAKE) --no-print-directory -k -j$(TEST_JOBS) TEST_LOGS=$(CURDIR)/build/test-logs \
	  TEST_PORT_SEED=$$(od -An -N2 -tu2 /dev/urandom | tr -d ' ') test-parts; st=$$?; \
	times >build/test-logs/all.cpu; scripts/test-times.sh build/test-logs; \
	t=$$(($$(date +%s) - start)); took="$$((t / 60))m$$((t % 60))s"; \
	failed=$$(paste -sd' ' build/test-logs/failed 2>/dev/null); notrun=""; \
	for p in $(TEST_PARTS); do [ -e build/test-logs/$$p.log ] || notrun="$$notrun $$p"; done; \
	if [ $$st = 0 ] && [ -z "$$notrun" ]; then echo "make test: all passed in $$took"; exit 0; fi; \
	msg="$${failed:+ failed: $$failed}"; msg="$$msg$${failed:+$${notrun:+;}}$${notrun:+ not run, their build failed (see above):$$notrun}"; \
	echo "make test: FAILED in $$took:$$msg"; exit 1
test-parts: test-sanitize unit integration fuzz-smoke lint

# libFuzzer targets: `make fuzz` runs each for FUZZ_SECONDS. The smoke run in `make
# test` asks only that every target still passes its whole corpus (libFuzzer runs all
# of it before it counts time: 0.1-0.7 s a target) and does not crash within a short
# run: FUZZ_SMOKE_SECONDS more.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 2
# Both need the main build's generated PKI (built here, so that `make test` never has
# two makes building build/ at once).
fuzz: $(GEN_SRC)
	+@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run-fuzz.sh $(FUZZ_SRC)
fuzz-smoke: $(GEN_SRC)
	+@$(call test_part,fuzz,FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) tests/run-fuzz.sh $(FUZZ_SRC))

bench: $(BENCH_BIN) $(BUILD)/tlssim
	@for b in $(BENCH_BIN); do $$b; echo; done
	@BUILD=$(BUILD) bench/compare.sh
	@echo
	@BUILD=$(BUILD) bench/tui_timing.sh
	@echo
	@BUILD=$(BUILD) bench/listen.sh

PREFIX ?= /usr/local
install: $(BUILD)/tlssim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tlssim/lessons
	install -m 755 $(BUILD)/tlssim $(DESTDIR)$(PREFIX)/bin/tlssim
	cp -r lessons/. $(DESTDIR)$(PREFIX)/share/tlssim/lessons/

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/ui/main.d
