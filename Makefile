# pipeline: U-Net lung segmentation experiments on a plain CPU.
# `make run` and `make test` each set up the machine first, so either works on a fresh clone.

SWIFT    ?= swift
RELEASE  := -c release
TESTFLAGS := -c release -Xswiftc -enable-testing --scratch-path .build-test
APT_PKGS := libopenblas-dev libpng-dev libtiff-dev libyaml-dev pkg-config libnifti2-dev zlib1g-dev
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
REAL_DATA := ../shared/data/lung-ct/images
SPEC     ?= $(if $(wildcard $(REAL_DATA)),experiments/baseline.yaml,experiments/phantom.yaml)

.PHONY: setup build test run bench clean

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

clean:
	rm -rf .build
