// swift-tools-version:6.0
import PackageDescription

// Hot numeric targets are compiled for x86-64-v3 (AVX2 + FMA): without a target CPU every
// SIMD16<Float> FMA becomes 16 scalar fmaf calls (see ../shared/notes/conv-kernels.md), and with
// `-target-cpu native` a binary built on an AVX-512 machine dies with SIGILL on an AVX2-only one.
// The AVX-512 kernels live in KernelsAVX512, compiled for x86-64-v4 and called only after a CPU check
// (NN's KernelPath); its cross-module optimisation is off so none of it is inlined elsewhere.
// CPUFeatures (the check itself) keeps the baseline x86-64, so it can say what a CPU lacks.
#if arch(x86_64)
let portable: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]
let avx512: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v4", "-Xfrontend", "-disable-cmo"])]
#else
let portable: [SwiftSetting] = []
let avx512: [SwiftSetting] = []
#endif

let package = Package(
    name: "pipeline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pipeline", targets: ["PipelineCLI"]),
        .executable(name: "pipeline-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // MARK: System libraries (each imported by exactly one Swift file)
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4",
                       providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        // libnifti2-dev has no pkg-config file and its headers include <znzlib.h> from /usr/include/nifti,
        // so this is a tiny C target whose include/ folder forwards that header (see Sources/CNIfTI).
        .target(name: "CNIfTI", linkerSettings: [
            .linkedLibrary("nifti2"), .linkedLibrary("znz"), .linkedLibrary("z"),
        ]),

        // MARK: Small shared pieces (one JSON value and encoder, one seeded generator)
        .target(name: "JSON"),
        .target(name: "Randomness"),

        // MARK: Neural-net core (knows nothing of YAML or files)
        .target(name: "CCPUID"),
        .target(name: "CPUFeatures", dependencies: ["CCPUID"]),
        .target(name: "KernelsAVX512", swiftSettings: avx512),
        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: portable),
        .target(name: "NN", dependencies: ["Tensor", "CPUFeatures", "KernelsAVX512", "JSON", "Randomness"], swiftSettings: portable),

        // MARK: Domain libraries
        .target(name: "Imaging", dependencies: ["CPNG", "CTIFF", "CNIfTI", "Randomness"], swiftSettings: portable),
        .target(name: "Metrics", dependencies: ["Randomness"]),
        .target(name: "Spec", dependencies: ["CYAML", "JSON"]),


        // MARK: Pipeline engine (knows nothing of neural nets)
        .target(name: "Pipeline", dependencies: ["JSON", .product(name: "Crypto", package: "swift-crypto")]),

        // MARK: Stages: the only module that knows both the engine and the core
        .target(name: "Stages", dependencies: ["NN", "Tensor", "Imaging", "Metrics", "Spec", "Pipeline", "JSON", "Randomness"]),

        // MARK: Executables
        .executableTarget(name: "PipelineCLI", dependencies: [
            "Stages", "Pipeline", "Spec", "CPUFeatures", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "Bench", dependencies: ["NN", "Tensor", "KernelsAVX512"], swiftSettings: portable),

        // MARK: Tests (one target per source target, plus the CLI run as a built binary)
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Tensor", "Randomness"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "Randomness"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Randomness"]),
        .testTarget(name: "SpecTests", dependencies: ["Spec", "JSON"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "JSON"]),
        .testTarget(name: "StagesTests", dependencies: ["Stages", "NN", "Imaging", "Metrics", "Pipeline", "Spec", "JSON", "Randomness", "RunsFixtures"]),
        .testTarget(name: "CLITests", dependencies: ["PipelineCLI", "Stages", "NN", "Imaging", "Pipeline", "RunsFixtures"]),
        // A hand-written runs folder (run records + committed cache entries) both test targets use.
        .target(name: "RunsFixtures", dependencies: ["Stages", "Pipeline", "NN", "Imaging", "Spec"], path: "Tests/RunsFixtures"),
    ],
    swiftLanguageModes: [.v5]
)

// MARK: Fuzz targets (libFuzzer), declared only when PIPELINE_FUZZ is set (`make fuzz` sets it): each
// holds only an LLVMFuzzerTestOneInput and gets its `main` from libFuzzer (--sanitize=fuzzer), so an
// ordinary build could not link them.
if Context.environment["PIPELINE_FUZZ"] != nil {
    package.targets += [
        .executableTarget(name: "SpecFuzzer", dependencies: ["Spec"], path: "Fuzz/SpecFuzzer"),
        .executableTarget(name: "PNGFuzzer", dependencies: ["Imaging"], path: "Fuzz/PNGFuzzer"),
        .executableTarget(name: "TIFFFuzzer", dependencies: ["Imaging"], path: "Fuzz/TIFFFuzzer"),
    ]
}
