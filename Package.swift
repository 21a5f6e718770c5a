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

        // MARK: Neural-net core (knows nothing of YAML or files)
        .target(name: "CCPUID"),
        .target(name: "CPUFeatures", dependencies: ["CCPUID"]),
        .target(name: "KernelsAVX512", swiftSettings: avx512),
        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: portable),
        .target(name: "NN", dependencies: ["Tensor", "CPUFeatures", "KernelsAVX512"], swiftSettings: portable),

        // MARK: Domain libraries
        .target(name: "Imaging", dependencies: ["CPNG", "CTIFF"], swiftSettings: portable),
        .target(name: "Metrics"),
        .target(name: "Spec", dependencies: ["CYAML"]),

        // MARK: Pipeline engine (knows nothing of neural nets)
        .target(name: "Pipeline", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // MARK: Stages: the only module that knows both the engine and the core
        .target(name: "Stages", dependencies: ["NN", "Imaging", "Metrics", "Spec", "Pipeline"]),

        // MARK: Executables
        .executableTarget(name: "PipelineCLI", dependencies: [
            "Stages", "Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "Bench", dependencies: ["NN", "Tensor", "KernelsAVX512"], swiftSettings: portable),

        // MARK: Tests (one target per source target, plus the CLI run as a built binary)
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "NNTests", dependencies: ["NN"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "SpecTests", dependencies: ["Spec"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
        .testTarget(name: "StagesTests", dependencies: ["Stages", "NN", "Imaging", "Metrics", "Pipeline", "Spec", "RunsFixtures"]),
        .testTarget(name: "CLITests", dependencies: ["PipelineCLI", "Stages", "NN", "Imaging", "Pipeline", "RunsFixtures"]),
        // A hand-written runs folder (run records + committed cache entries) both test targets use.
        .target(name: "RunsFixtures", dependencies: ["Stages", "Pipeline", "NN"], path: "Tests/RunsFixtures"),
    ],
    swiftLanguageModes: [.v5]
)
