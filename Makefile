# osprep: a terminal study tool for OS-concurrency interviews.
#
#   make            build ./osprep (installs missing Debian packages when root)
#   make run        build and start the REPL
#   make test       build and run every test; ends with "N passed, N failed"
#   make sanitize   the whole suite under AddressSanitizer and UBSan
#   make tsan       ThreadSanitizer checks of the race, deadlock and mutex demos
#   make fuzz       libFuzzer over the loader and validator (FUZZ_SECONDS=60)
#   make install    PREFIX=/usr/local DESTDIR=
#   make WERROR=1   warnings are errors (CI)

.DEFAULT_GOAL := all
VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR      = $(PREFIX)/bin
DATADIR     = $(PREFIX)/share/osprep
MANDIR      = $(PREFIX)/share/man/man1
CC         ?= cc
BUILD      ?= build
BIN        ?= osprep
FUZZ_SECONDS ?= 60

# Debian packages, by what needs them.
DEBS_BUILD = pkg-config libcjson-dev libedit-dev libsqlite3-dev libutf8proc-dev
DEBS_TEST  = libcmocka-dev sqlite3
DEBS_FUZZ  = clang libclang-rt-14-dev
PKGS_BUILD = libcjson libedit sqlite3 libutf8proc

WARN = -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wundef -Wvla \
       -Wwrite-strings -Wimplicit-fallthrough -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN += -Werror
endif

CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
	-Isrc -I$(BUILD) -MMD -MP \
	-DOSPREP_VERSION='"$(VERSION)"' -DOSPREP_DATADIR='"$(DATADIR)"' \
	$(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)
LIBS = $(PKG_LIBS) -lpthread -lm

# The package check runs before anything is compiled: a missing package is
# installed (root) or named in the one command to run (others).
ifeq ($(filter clean distclean help,$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

define need_debs
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing || exit 1; \
		else \
			echo "osprep needs Debian packages that are not installed; run:" >&2; \
			echo "  sudo apt-get update && sudo apt-get install -y$$missing" >&2; \
			exit 1; \
		fi; \
	fi
endef

$(BUILD)/config.mk: Makefile
	@mkdir -p $(BUILD)
	$(call need_debs,$(DEBS_BUILD))
	@{ echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKGS_BUILD))"; \
	   echo "PKG_LIBS = $$(pkg-config --libs $(PKGS_BUILD))"; } > $@.tmp && mv $@.tmp $@

# Sources: every src/*.c and src/demo/*.c. Demos get their own text embedded.
DEMOS     = race deadlock pipe ctxswitch cow mutex spawn
SRCS      = $(wildcard src/*.c src/demo/*.c)
OBJS      = $(SRCS:%.c=$(BUILD)/%.o)
DEMO_SRCS = $(filter $(DEMOS:%=src/demo/%.c),$(SRCS))
EMBED_OBJS = $(DEMO_SRCS:src/demo/%.c=$(BUILD)/embed/%.src.o)
CORE_OBJS = $(filter-out $(BUILD)/src/main.o,$(OBJS)) $(EMBED_OBJS)

.PHONY: all run test unit e2e sanitize tsan fuzz install uninstall clean distclean check-content bench deps-test help
all: $(BIN)

$(BIN): $(OBJS) $(EMBED_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The demo's own file as a C string: what --source prints is what was compiled.
$(BUILD)/embed/%.src.c: src/demo/%.c
	@mkdir -p $(dir $@)
	@{ printf 'extern const char demo_%s_source[];\nconst char demo_%s_source[] =\n' $* $*; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	   printf ';\n'; } > $@.tmp && mv $@.tmp $@

$(BUILD)/embed/%.src.o: $(BUILD)/embed/%.src.c
	$(CC) -std=c17 -c -o $@ $<

run: $(BIN)
	./$(BIN)

# Tests ----------------------------------------------------------------------

UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPERS = $(BUILD)/tests/ptydrive

deps-test:
	$(call need_debs,$(DEBS_TEST))

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJS) | deps-test
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DOSPREP_ROOT='"$(CURDIR)"' -o $@ $< $(CORE_OBJS) \
		$(ALL_LDFLAGS) $(LIBS) $$(pkg-config --libs cmocka)

$(BUILD)/tests/ptydrive: tests/e2e/ptydrive.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -lutil

test: $(BIN) $(UNIT_BINS) $(TEST_HELPERS)
	@OSPREP=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) bash tests/run.sh $(UNIT_BINS)

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
sanitize:
	$(MAKE) BUILD=build/san BIN=build/san/osprep CFLAGS='-O1 -g' \
		EXTRA_CFLAGS='$(SAN_FLAGS)' EXTRA_LDFLAGS='$(SAN_FLAGS)' test

tsan: $(BUILD)/config.mk
	$(call need_debs,clang)
	@bash tests/tsan/run.sh

FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer
fuzz:
	$(call need_debs,$(DEBS_FUZZ))
	$(MAKE) CC=clang BUILD=build/fuzz BIN=build/fuzz/osprep CFLAGS='-O1 -g' \
		EXTRA_CFLAGS='-fsanitize=fuzzer-no-link,address,undefined' build/fuzz/fuzz_check
	@bash tests/fuzz/run.sh build/fuzz/fuzz_check $(FUZZ_SECONDS)

build/fuzz/fuzz_check: tests/fuzz/fuzz_check.c $(CORE_OBJS)
	$(CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -o $@ $< $(CORE_OBJS) $(LIBS)

bench: $(BIN)
	bash tests/bench/startup.sh

check-content: $(BIN)
	./$(BIN) check content

# Install --------------------------------------------------------------------

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/content $(DESTDIR)$(MANDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/osprep
	install -m 0644 content/*.json $(DESTDIR)$(DATADIR)/content/
	install -m 0644 src/osprep.1 $(DESTDIR)$(MANDIR)/osprep.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/osprep $(DESTDIR)$(MANDIR)/osprep.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build osprep

distclean: clean

help:
	@sed -n '3,11p' Makefile | sed 's/^# //'

-include $(OBJS:.o=.d)
