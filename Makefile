# pipeline: U-Net lung segmentation experiments on a plain CPU.
# `make run` and `make test` each set up the machine first, so either works on a fresh clone.

SWIFT    ?= swift
RELEASE  := -c release
TESTFLAGS := -c release -Xswiftc -enable-testing --scratch-path .build-test
APT_PKGS := libopenblas-dev libpng-dev libtiff-dev libyaml-dev pkg-config libnifti2-dev zlib1g-dev
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
REAL_DATA := ../shared/data/lung-ct/images
SPEC     ?= $(if $(wildcard $(REAL_DATA)),experiments/baseline.yaml,experiments/phantom.yaml)

.PHONY: setup build test run bench clean fuzz fuzz-build fuzz-seeds fuzz-corpus

# Installs the system libraries with apt-get, only when one is missing.
setup:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	else echo "setup: system libraries present"; fi

build: setup
	$(SWIFT) build $(RELEASE)

# The test command the README gives and .ci/run calls. Release build: tests that train or convolve
# are 10–50× slower in debug. A build folder of its own, so `make run` and `make bench` keep
# their fully optimised build instead of rebuilding with -enable-testing. All tests are XCTest, so the
# Swift Testing runner (which would close the log with "0 tests") is off.
test: setup
	$(SWIFT) build $(TESTFLAGS) --product pipeline
	$(SWIFT) test $(TESTFLAGS) --disable-swift-testing

# The main job: the whole DAG on the default experiment (real data when present, else the phantom).
run: build
	@[ -d $(REAL_DATA) ] || echo "run: $(REAL_DATA) not found: training on the built-in synthetic phantom ($(SPEC))"
	.build/release/pipeline run $(SPEC)

# Speed and memory against the TensorFlow/Keras reference, measured in the same run.
bench: build
	bash scripts/bench.sh

# libFuzzer on the spec loader and the PNG and TIFF readers, FUZZ_SECONDS each (one after another).
# Seeds: Fuzz/corpus/<name>/ (committed: specs and PNGs) and .build-fuzz/seeds/<name>/ (made from the
# phantom by `fuzz-seeds`, so no image data is committed as TIFF); new inputs go to .build-fuzz/corpus/<name>/, and a crash,
# leak or over-limit allocation to .build-fuzz/findings/<name>-crash-… (exit 77, the run stops).
# SwiftPM passes its two --sanitize flags to swiftc in an arbitrary order and swiftc keeps only the
# last one, so a build got coverage or not by chance; the trailing -Xswiftc -sanitize=address,fuzzer
# is last on every command line. Swift's backtracer is off so that libFuzzer, not the Swift crash
# handler, reports a crash.
FUZZ_SECONDS ?= 600
FUZZERS  := spec:SpecFuzzer png:PNGFuzzer tiff:TIFFFuzzer
FUZZ_BUILD := -c release --scratch-path .build-fuzz --sanitize=address --sanitize=fuzzer -Xswiftc -sanitize=address,fuzzer
FUZZ_LIMITS := -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=20

fuzz-build: setup
	@for f in $(FUZZERS); do PIPELINE_FUZZ=1 $(SWIFT) build $(FUZZ_BUILD) --product $${f#*:} || exit 1; done

fuzz-seeds: setup
	PIPELINE_WRITE_FUZZ_CORPUS=$(CURDIR)/.build-fuzz/seeds $(SWIFT) test $(TESTFLAGS) --disable-swift-testing --filter FuzzSeedCorpus

fuzz: fuzz-build fuzz-seeds
	@mkdir -p .build-fuzz/findings
	@for f in $(FUZZERS); do name=$${f%%:*}; product=$${f#*:}; mkdir -p .build-fuzz/corpus/$$name .build-fuzz/seeds/$$name; \
	  seeds=".build-fuzz/seeds/$$name"; [ -d Fuzz/corpus/$$name ] && seeds="Fuzz/corpus/$$name $$seeds"; \
	  echo "fuzz: $$product for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no .build-fuzz/release/$$product -max_total_time=$(FUZZ_SECONDS) $(FUZZ_LIMITS) \
	    -print_final_stats=1 -artifact_prefix=.build-fuzz/findings/$$name- \
	    .build-fuzz/corpus/$$name $$seeds || { echo "fuzz: $$product found a problem: see .build-fuzz/findings/"; exit 1; }; \
	done

# Refreshes the committed spec seeds from experiments/ (the image seeds are made by fuzz-seeds).
fuzz-corpus:
	cp experiments/*.yaml Fuzz/corpus/spec/

clean:
	rm -rf .build
