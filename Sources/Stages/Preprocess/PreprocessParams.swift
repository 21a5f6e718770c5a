import Spec

/// What preprocess reads: the intensity map and the size slices are resized to
/// (`intensity.window` or `intensity.scale`, `resize`).
struct PreprocessParams: Encodable {
    var intensity: IntensitySpec
    var resize: ResizeSpec

    static func of(_ spec: ExperimentSpec) -> PreprocessParams {
        PreprocessParams(intensity: spec.intensity, resize: spec.resize)
    }

    var preprocessor: Preprocessor {
        Preprocessor(intensity: intensity, height: resize.height, width: resize.width)
    }
}
