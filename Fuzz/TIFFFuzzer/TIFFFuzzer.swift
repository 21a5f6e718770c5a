import Imaging

/// libFuzzer entry: TIFF bytes → `ImageReader.decode` (from memory, as a file read does after mapping
/// it), then what every caller does next (non-finite count, range, an overlay). A thrown `ImageError`
/// is a correct answer; a crash, leak or allocation over -malloc_limit_mb is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTIFFReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    do {
        let decoded = try ImageReader.decode(UnsafeRawBufferPointer(start: data, count: size), path: "fuzz.tiff")
        let image = decoded.image
        _ = image.nonFiniteCount
        _ = image.range
        _ = decoded.warnings.map(\.description)
        _ = Overlay.render(image: image, window: -1000...400, prediction: image.binarized())
    } catch {
        _ = String(describing: error)
    }
    return 0
}
