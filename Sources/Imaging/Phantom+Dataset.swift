import Foundation

extension Phantom {
    /// Writes `count` phantom slices laid out like the real dataset: `folder/images/PH_0000.tif` (int16 HU,
    /// uncompressed) and `folder/masks/PH_0000.tif` (uint8 {0,1}, LZW with predictor), same names.
    /// Creates the folders; overwrites existing files. Returns the file names written, in order.
    @discardableResult
    public static func writeDataset(to folder: String, count: Int, seed: UInt64, size: Int = 512,
                                    prefix: String = "PH") throws -> [String] {
        let images = folder + "/images", masks = folder + "/masks"
        for directory in [images, masks] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ImageError.writeFailed(path: directory, reason: "cannot create folder: \(error.localizedDescription)")
            }
        }
        return try (0..<count).map { index in
            let name = String(format: "%@_%04d.tif", prefix, index)
            let (image, mask) = slice(seed: seed, index: index, size: size)
            try ImageWriter.writeTIFF(image, to: images + "/" + name, sampleType: .int16, compression: .none)
            try ImageWriter.writeTIFF(mask, to: masks + "/" + name, sampleType: .uint8, compression: .lzw)
            return name
        }
    }
}
