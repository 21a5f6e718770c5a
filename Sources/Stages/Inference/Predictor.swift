import Foundation
import Imaging
import Pipeline

/// What `pipeline predict` wrote for one input slice.
public struct PredictedSlice: Equatable, Sendable {
    public var input: String
    public var mask: String
    public var overlay: String
    public var width: Int
    public var height: Int
    public var lungPixels: Int
    /// lungPixels × spacing², when a pixel spacing was given.
    public var lungAreaSquareMillimetres: Double?
}

/// Segments slices of any size with a trained run: each slice is preprocessed as the run's preprocess
/// stage did (intensity, then bilinear resize to the model's size), predicted in batches, and its
/// probability map resized back to the slice's own size (bilinear) before threshold and post-processing,
/// so masks align pixel for pixel with the inputs.
///
/// Writes into `outputDirectory`: `<stem>.png` (mask, 0/255), `overlays/<stem>.png` (the slice with the
/// mask drawn over it) and `lung-area.csv` (one row per slice).
public struct Predictor {
    public var segmenter: Segmenter
    public var preprocessor: Preprocessor
    /// Slices per forward pass: bounds memory for large input lists.
    public var batch: Int

    public static let areaFileName = "lung-area.csv"
    public static let overlayFolder = "overlays"

    public init(segmenter: Segmenter, preprocessor: Preprocessor, batch: Int = 4) {
        self.segmenter = segmenter; self.preprocessor = preprocessor; self.batch = batch
    }

    /// Predicts every input, calling `progress` after each slice is written. Checks all names before
    /// reading anything, so a clash never leaves half the outputs behind.
    @discardableResult
    public func predict(inputs: [URL], outputDirectory: URL, pixelSpacing: Double? = nil,
                        progress: (PredictedSlice) -> Void = { _ in }) throws -> [PredictedSlice] {
        try checkOutputNames(inputs: inputs, outputDirectory: outputDirectory)
        let overlays = outputDirectory.appendingPathComponent(Predictor.overlayFolder, isDirectory: true)
        try FileIO.createDirectory(overlays)
        var slices: [PredictedSlice] = []
        var start = 0
        while start < inputs.count {
            let chunk = Array(inputs[start..<min(start + batch, inputs.count)])
            // NaN or infinite pixels would flow through the network into a meaningless mask: refuse them.
            let images = try chunk.map { url -> Image in
                let image = try ImageReader.read(path: url.path)
                try image.checkFinite(path: url.path)
                return image
            }
            let probabilities = try segmenter.probabilities(
                images: images.map { preprocessor.apply($0).pixels },
                height: preprocessor.height, width: preprocessor.width, batch: batch)
            for (index, image) in images.enumerated() {
                let slice = try write(image: image, probabilities: probabilities[index], input: chunk[index],
                                      outputDirectory: outputDirectory, pixelSpacing: pixelSpacing)
                slices.append(slice)
                progress(slice)
            }
            start += chunk.count
        }
        try writeAreas(slices, to: outputDirectory.appendingPathComponent(Predictor.areaFileName), pixelSpacing: pixelSpacing)
        return slices
    }

    /// The mask at the input's own size: probabilities resized back (bilinear), then thresholded and cleaned.
    public func maskAtInputSize(probabilities: [Float], image: Image) -> Image {
        let small = Image(width: preprocessor.width, height: preprocessor.height, pixels: probabilities)
        let restored = small.resizedBilinear(width: image.width, height: image.height)
        let mask = segmenter.mask(probabilities: restored.pixels, height: image.height, width: image.width)
        return Image(width: image.width, height: image.height, pixels: mask.map(Float.init))
    }

    private func write(image: Image, probabilities: [Float], input: URL, outputDirectory: URL,
                       pixelSpacing: Double?) throws -> PredictedSlice {
        let mask = maskAtInputSize(probabilities: probabilities, image: image)
        let stem = Predictor.stem(of: input)
        let maskURL = outputDirectory.appendingPathComponent(stem + ".png")
        let overlayURL = outputDirectory.appendingPathComponent(Predictor.overlayFolder).appendingPathComponent(stem + ".png")
        try ImageWriter.writePNG(Image(width: mask.width, height: mask.height, pixels: mask.pixels.map { $0 * 255 }),
                                 to: maskURL.path)
        let overlay = Overlay.render(image: image, window: preprocessor.displayWindow, prediction: mask)
        try ImageWriter.writePNG(overlay, to: overlayURL.path)
        let pixels = mask.pixels.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        return PredictedSlice(input: input.path, mask: maskURL.path, overlay: overlayURL.path,
                              width: image.width, height: image.height, lungPixels: pixels,
                              lungAreaSquareMillimetres: pixelSpacing.map { Double(pixels) * $0 * $0 })
    }

    /// `slice,width,height,lung_pixels[,lung_area_mm2]`, one row per input in the order given.
    public static func areaCSV(_ slices: [PredictedSlice], pixelSpacing: Double?) -> String {
        var lines = ["slice,width,height,lung_pixels" + (pixelSpacing == nil ? "" : ",lung_area_mm2")]
        for slice in slices {
            var fields = [MetricsFiles.csvField(URL(fileURLWithPath: slice.input).lastPathComponent),
                          String(slice.width), String(slice.height), String(slice.lungPixels)]
            if let area = slice.lungAreaSquareMillimetres { fields.append(String(format: "%.3f", area)) }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func writeAreas(_ slices: [PredictedSlice], to url: URL, pixelSpacing: Double?) throws {
        try FileIO.writeAtomically(Predictor.areaCSV(slices, pixelSpacing: pixelSpacing), to: url)
    }

    /// The file name without its extension; `.nii.gz` counts as one.
    static func stem(of url: URL) -> String {
        let name = url.lastPathComponent
        return name.hasSuffix(".nii.gz") ? String(name.dropLast(7)) : url.deletingPathExtension().lastPathComponent
    }

    /// True for inputs `predictVolumes` takes (`.nii`, `.nii.gz`); others are 2D slices for `predict`.
    public static func isVolume(_ url: URL) -> Bool { VolumeReader.isNIfTIName(url.path) }

    /// Two inputs with one stem would write one mask; a mask named like an input would replace it.
    func checkOutputNames(inputs: [URL], outputDirectory: URL) throws {
        var byStem: [String: URL] = [:]
        let inputPaths = Set(inputs.map { $0.standardizedFileURL.path })
        for input in inputs {
            let stem = Predictor.stem(of: input)
            if let other = byStem[stem] { throw PredictError.duplicateStem(stem, inputs: [other.path, input.path]) }
            byStem[stem] = input
            let mask = outputDirectory.appendingPathComponent(stem + ".png").standardizedFileURL.path
            if inputPaths.contains(mask) { throw PredictError.wouldOverwriteInput(mask) }
        }
    }
}
