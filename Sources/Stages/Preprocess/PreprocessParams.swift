import Spec

/// What preprocess reads: the intensity map and the size slices are resized to
/// (`intensity.window` or `intensity.scale`, `resize`) and, for volume data only, which axial slices
/// become cases (`data.slices`; absent from the key of 2D data, where it does not apply).
struct PreprocessParams: Encodable {
    var intensity: IntensitySpec
    var resize: ResizeSpec
    var slices: SliceSelection? = nil

    static func of(_ spec: ExperimentSpec) -> PreprocessParams {
        PreprocessParams(intensity: spec.intensity, resize: spec.resize, slices: spec.data.volumeSelection)
    }

    var preprocessor: Preprocessor {
        Preprocessor(intensity: intensity, height: resize.height, width: resize.width)
    }

    enum CodingKeys: String, CodingKey { case intensity, resize, data }
    enum DataKeys: String, CodingKey { case slices }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intensity, forKey: .intensity)
        try c.encode(resize, forKey: .resize)
        guard let slices else { return }
        var data = c.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
        try data.encode(slices.text, forKey: .slices)
    }
}
