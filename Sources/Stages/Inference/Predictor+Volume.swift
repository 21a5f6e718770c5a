import Foundation
import Imaging
import Pipeline

/// What `pipeline predict` wrote for one input volume.
public struct PredictedVolume: Equatable, Sendable {
    public var input: String
    /// `<stem>-mask.nii.gz`: uint8 0/1 with the input's header (dimensions, spacing, qform and sform).
    public var mask: String
    public var overlays: [String]
    public var nx: Int, ny: Int, nz: Int
    public var lungs: LungVolumes
}

extension Predictor {
    public static let volumeFileName = "lung-volumes.csv"
    /// Overlays written per volume: axial slices at these fractions of the predicted lungs' extent.
    static let overlayFractions = [0.25, 0.5, 0.75]

    /// Segments each NIfTI volume slice by slice (axial slices as preprocess cuts them, each through the
    /// same preprocess, network, resize back and post-processing as a 2D input), writes its mask, a few
    /// overlays and `lung-volumes.csv` (one row per volume), calling `progress` after each volume.
    @discardableResult
    public func predictVolumes(inputs: [URL], outputDirectory: URL,
                               progress: (PredictedVolume) -> Void = { _ in }) throws -> [PredictedVolume] {
        try checkOutputNames(inputs: inputs, outputDirectory: outputDirectory)
        try FileIO.createDirectory(outputDirectory.appendingPathComponent(Predictor.overlayFolder, isDirectory: true))
        var results: [PredictedVolume] = []
        for input in inputs {
            let result = try predictVolume(input, outputDirectory: outputDirectory)
            results.append(result)
            progress(result)
        }
        try FileIO.writeAtomically(Predictor.volumeCSV(results), to: outputDirectory.appendingPathComponent(Predictor.volumeFileName))
        return results
    }

    /// The predicted 0/1 mask of every axial slice of `scan`, in the scan's voxel order.
    public func maskVoxels(of scan: Volume) throws -> [Float] {
        var voxels: [Float] = []
        voxels.reserveCapacity(scan.voxelCount)
        var start = 0
        while start < scan.nz {
            let slices = (start..<min(start + batch, scan.nz)).map { scan.axialSlice($0) }
            let probabilities = try segmenter.probabilities(images: slices.map { preprocessor.apply($0).pixels },
                                                            height: preprocessor.height, width: preprocessor.width, batch: batch)
            for (slice, p) in zip(slices, probabilities) { voxels += maskAtInputSize(probabilities: p, image: slice).pixels }
            start += slices.count
        }
        return voxels
    }

    private func predictVolume(_ input: URL, outputDirectory: URL) throws -> PredictedVolume {
        let scan = try VolumeReader.read(path: input.path)
        let mask = scan.withVoxels(try maskVoxels(of: scan))
        let stem = Predictor.stem(of: input)
        let maskURL = outputDirectory.appendingPathComponent(stem + "-mask.nii.gz")
        try VolumeWriter.writeMask(mask, to: maskURL.path)
        var overlays: [String] = []
        for k in Predictor.overlaySlices(of: mask) {
            let url = outputDirectory.appendingPathComponent(Predictor.overlayFolder)
                .appendingPathComponent(stem + "-k" + String(format: "%03d", k) + ".png")
            let image = Overlay.render(image: scan.axialSlice(k), window: preprocessor.displayWindow, prediction: mask.axialSlice(k))
            try ImageWriter.writePNG(image, to: url.path)
            overlays.append(url.path)
        }
        return PredictedVolume(input: input.path, mask: maskURL.path, overlays: overlays,
                               nx: scan.nx, ny: scan.ny, nz: scan.nz, lungs: mask.lungVolumes(connectivity: .six))
    }

    /// Representative slices: at a quarter, half and three quarters of the way through the slices that
    /// hold predicted lung (through the whole volume when none do), without repeats.
    static func overlaySlices(of mask: Volume) -> [Int] {
        let slab = mask.nx * mask.ny
        let lung = (0..<mask.nz).filter { k in mask.voxels[(k * slab)..<((k + 1) * slab)].contains { $0 != 0 } }
        let (low, high) = (lung.first ?? 0, lung.last ?? mask.nz - 1)
        var chosen: [Int] = []
        for f in overlayFractions {
            let k = low + Int((Double(high - low) * f).rounded())
            if !chosen.contains(k) { chosen.append(k) }
        }
        return chosen
    }

    /// `scan,left_ml,right_ml,total_ml,other_ml,components,slices`: left and right are the two largest
    /// 3D components (empty when fewer than two), other is every smaller fragment.
    public static func volumeCSV(_ volumes: [PredictedVolume]) -> String {
        func ml(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        var lines = ["scan,left_ml,right_ml,total_ml,other_ml,components,slices"]
        for v in volumes {
            lines.append([MetricsFiles.csvField(URL(fileURLWithPath: v.input).lastPathComponent), ml(v.lungs.leftMillilitres),
                          ml(v.lungs.rightMillilitres), ml(v.lungs.totalMillilitres), ml(max(0, v.lungs.otherMillilitres)),
                          String(v.lungs.componentCount), String(v.nz)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
