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

LIB_SRC  := $(wildcard sim/*.c crypto/*.c) $(filter-out ui/main.c,$(wildcard ui/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
GEN_SRC  := $(BUILD)/gen/builtin_pki.c
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

.PHONY: all deps run test check unit integration test-sanitize fuzz fuzz-smoke bench clean install lint

all: $(BUILD)/tlssim

deps:
	@scripts/deps.sh

# Opens the simulator: the terminal UI on the default scenario.
run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/tlssim

# V=1 shows the full commands.
Q = $(if $(V),,@)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
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

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

integration: $(BUILD)/tlssim
	@BUILD=$(BUILD) tests/run-integration.sh

check: unit integration

# Everything again with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" check

# clang-tidy's default checks (see .clang-tidy), warnings fail the build.
lint:
	@out=$$(for f in $(LIB_SRC) ui/main.c tools/pkigen.c; do \
	  clang-tidy -quiet $$f -- -std=c11 -D_GNU_SOURCE -DGMP_DESC -DUSE_GMP -I. 2>/dev/null; done); \
	if echo "$$out" | grep -q 'warning:'; then echo "$$out"; echo "lint: clang-tidy warnings"; exit 1; fi; \
	echo "lint: clang-tidy clean ($(words $(LIB_SRC)) files)"

test: deps
	@$(MAKE) --no-print-directory lint check fuzz-smoke
	@$(MAKE) --no-print-directory test-sanitize
	@echo "make test: all passed"

# libFuzzer targets: `make fuzz` runs each for FUZZ_SECONDS; the smoke run in `make test` is short.
FUZZ_SECONDS ?= 60
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run-fuzz.sh $(FUZZ_SRC)
fuzz-smoke:
	@FUZZ_SECONDS=5 tests/run-fuzz.sh $(FUZZ_SRC)

bench: $(BENCH_BIN) $(BUILD)/tlssim
	@for b in $(BENCH_BIN); do $$b; echo; done
	@BUILD=$(BUILD) bench/compare.sh
	@echo
	@BUILD=$(BUILD) bench/tui_timing.sh

PREFIX ?= /usr/local
install: $(BUILD)/tlssim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tlssim/lessons
	install -m 755 $(BUILD)/tlssim $(DESTDIR)$(PREFIX)/bin/tlssim
	cp -r lessons/. $(DESTDIR)$(PREFIX)/share/tlssim/lessons/

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/ui/main.d
