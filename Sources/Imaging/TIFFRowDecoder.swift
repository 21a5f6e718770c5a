/// Turns one decoded TIFF row (host byte order: libtiff swaps) into gray Float pixels: gray samples as
/// stored, RGB as luminance, palette indices as their entry's luminance; alpha samples are skipped.
struct TIFFRowDecoder {
    /// Rec. 709 / sRGB luminance weights, the ones libpng uses for RGB PNGs.
    static let weights: (r: Float, g: Float, b: Float) = (0.2126, 0.7152, 0.0722)

    let width: Int
    let layout: TIFFLayout
    let model: TIFFLayout.ColourModel
    let kind: ImageSource.SampleKind
    /// Luminance (0…255) of each palette entry, for `.palette`.
    let palette: [Float]
    private var samples: [Float]

    init(layout: TIFFLayout, model: TIFFLayout.ColourModel, kind: ImageSource.SampleKind, palette: [Float]) {
        self.width = layout.width
        self.layout = layout
        self.model = model
        self.kind = kind
        self.palette = palette
        samples = [Float](repeating: 0, count: layout.width * layout.samplesPerPixel)
    }

    /// What reading this layout as one gray channel changes, for the caller's warnings.
    func conversions(path: String) -> [ImageWarning] {
        let ignored = ImageWarning.alphaRemoved(path: path, how: "ignored: the other samples are used as stored")
        let rounding = kind == .floatingPoint ? "" : ", rounded"
        let method = "luminance 0.2126 R + 0.7152 G + 0.0722 B of the stored values" + rounding
        switch model {
        case .gray: return []
        case .grayAlpha: return [ignored]
        case .rgb(let alpha):
            let converted = ImageWarning.convertedToGray(path: path, from: alpha ? "RGBA" : "RGB", method: method)
            return alpha ? [converted, ignored] : [converted]
        case .palette:
            return [.convertedToGray(path: path, from: "palette (indexed colour)",
                                     method: "luminance of each palette entry on a 0…255 scale, rounded")]
        }
    }

    mutating func decode(_ raw: UnsafeRawBufferPointer, into pixels: inout [Float], row y: Int) {
        unpack(raw)
        let offset = y * width, step = layout.samplesPerPixel
        switch model {
        case .gray, .grayAlpha:
            for x in 0..<width { pixels[offset + x] = samples[x * step] }
        case .palette:
            for x in 0..<width { pixels[offset + x] = palette[Int(samples[x])] }
        case .rgb:
            let w = Self.weights
            for x in 0..<width {
                let i = x * step
                let y = w.r * samples[i] + w.g * samples[i + 1] + w.b * samples[i + 2]
                pixels[offset + x] = kind == .floatingPoint ? y : y.rounded()
            }
        }
    }

    private mutating func unpack(_ raw: UnsafeRawBufferPointer) {
        let count = samples.count
        func copy<T>(_ type: T.Type, _ convert: (T) -> Float) {
            let typed = raw.bindMemory(to: T.self)
            for i in 0..<count { samples[i] = convert(typed[i]) }
        }
        switch (kind, layout.bitsPerSample) {
        case (.unsignedInteger, 8): copy(UInt8.self) { Float($0) }
        case (.unsignedInteger, 16): copy(UInt16.self) { Float($0) }
        case (.unsignedInteger, _): copy(UInt32.self) { Float($0) }
        case (.signedInteger, 8): copy(Int8.self) { Float($0) }
        case (.signedInteger, 16): copy(Int16.self) { Float($0) }
        case (.signedInteger, _): copy(Int32.self) { Float($0) }
        case (.floatingPoint, _): copy(Float.self) { $0 }
        }
    }

    /// Luminance of each entry of a TIFF colour map (16-bit channels) on a 0…255 scale, rounded.
    static func paletteLuminance(red: [UInt16], green: [UInt16], blue: [UInt16]) -> [Float] {
        zip(red, zip(green, blue)).map { r, gb in
            ((weights.r * Float(r) + weights.g * Float(gb.0) + weights.b * Float(gb.1)) / 257).rounded()
        }
    }
}
