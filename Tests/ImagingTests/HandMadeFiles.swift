import Foundation

/// One page of a hand-made little-endian TIFF: the header says whatever a test needs, true or not.
struct TIFFPage {
    var width: UInt32
    var height: UInt32
    var bitsPerSample: UInt16 = 8
    var samplesPerPixel: UInt16 = 1
    /// 1 unsigned, 2 signed, 3 float.
    var sampleFormat: UInt16 = 1
    /// 1 min-is-black, 2 RGB, 3 palette.
    var photometric: UInt16 = 1
    /// 1 none, 32773 PackBits (the builder encodes it), or any code (the samples are then stored as given).
    var compression: UInt16 = 1
    var rowsPerStrip: UInt32? = nil
    /// Decoded samples, row-major, in the file's byte order (little-endian).
    var samples: [UInt8] = []
    /// 256 entries each of red, green, blue (16-bit), for palette pages.
    var colourMap: [UInt16]? = nil
}

/// Writes `pages` as one classic TIFF: for each page its IFD first, then its strips, so cutting the
/// file's end cuts strip data, not the directory.
func handMadeTIFF(_ pages: [TIFFPage]) -> [UInt8] {
    var out: [UInt8] = [0x49, 0x49, 42, 0]
    out.append(littleEndian: UInt32(8))
    for (index, page) in pages.enumerated() {
        let ifdStart = out.count
        let rowsPerStrip = Int(page.rowsPerStrip ?? max(page.height, 1))
        let rowBytes = Int(page.width) * Int(page.samplesPerPixel) * Int(page.bitsPerSample) / 8
        let stripRows = stride(from: 0, to: max(Int(page.height), 1), by: max(rowsPerStrip, 1))
        let strips: [[UInt8]] = stripRows.map { firstRow in
            let start = min(firstRow * rowBytes, page.samples.count)
            let end = min((firstRow + rowsPerStrip) * rowBytes, page.samples.count)
            let raw = Array(page.samples[start..<end])
            guard page.compression == 32773, rowBytes > 0 else { return raw }
            return stride(from: 0, to: raw.count, by: rowBytes).flatMap { packBits(Array(raw[$0..<min($0 + rowBytes, raw.count)])) }
        }
        let spp = Int(page.samplesPerPixel)
        var entries: [(tag: UInt16, type: UInt16, values: [UInt32])] = [
            (256, 4, [page.width]), (257, 4, [page.height]),
            (258, 3, Array(repeating: UInt32(page.bitsPerSample), count: spp)),
            (259, 3, [UInt32(page.compression)]), (262, 3, [UInt32(page.photometric)]),
            (273, 4, Array(repeating: 0, count: strips.count)),  // offsets, patched below
            (277, 3, [UInt32(page.samplesPerPixel)]), (278, 4, [UInt32(rowsPerStrip)]),
            (279, 4, strips.map { UInt32($0.count) }), (284, 3, [1]),
            (339, 3, Array(repeating: UInt32(page.sampleFormat), count: spp)),
        ]
        if let map = page.colourMap { entries.append((320, 3, map.map(UInt32.init))) }
        entries.sort { $0.tag < $1.tag }
        // Layout: IFD (2 + 12n + 4 bytes), out-of-line values, then strips.
        let ifdSize = 2 + 12 * entries.count + 4
        var extra: [UInt8] = []
        let extraStart = ifdStart + ifdSize
        let size = { (type: UInt16) in type == 3 ? 2 : 4 }
        let extraSize = entries.reduce(0) { $0 + ($1.values.count * size($1.type) > 4 ? $1.values.count * size($1.type) : 0) }
        var stripOffset = UInt32(extraStart + extraSize)
        let offsets = strips.map { strip -> UInt32 in defer { stripOffset += UInt32(strip.count) }; return stripOffset }
        entries = entries.map { $0.tag == 273 ? (273, 4, offsets) : $0 }
        var ifd: [UInt8] = []
        ifd.append(littleEndian: UInt16(entries.count))
        for entry in entries {
            ifd.append(littleEndian: entry.tag); ifd.append(littleEndian: entry.type)
            ifd.append(littleEndian: UInt32(entry.values.count))
            var data: [UInt8] = []
            for v in entry.values { entry.type == 3 ? data.append(littleEndian: UInt16(v)) : data.append(littleEndian: v) }
            if data.count <= 4 {
                ifd += data + [UInt8](repeating: 0, count: 4 - data.count)
            } else {
                ifd.append(littleEndian: UInt32(extraStart + extra.count))
                extra += data
            }
        }
        let stripsEnd = Int(stripOffset)
        ifd.append(littleEndian: UInt32(index == pages.count - 1 ? 0 : stripsEnd))
        out += ifd + extra
        for strip in strips { out += strip }
    }
    return out
}

/// PackBits of one row (TIFF packs each row separately) with literal runs only (at most 128 bytes
/// each): valid, and enough for tests.
func packBits(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for start in stride(from: 0, to: bytes.count, by: 128) {
        let run = bytes[start..<min(start + 128, bytes.count)]
        out.append(UInt8(run.count - 1))
        out += run
    }
    return out
}

/// A PNG holding only a signature, an IHDR with the given fields (correct CRC) and IEND: enough
/// for a reader to see what the header claims.
func handMadePNGHeader(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colourType: UInt8 = 0) -> [UInt8] {
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    func chunk(_ type: String, _ body: [UInt8]) {
        out.append(bigEndian: UInt32(body.count))
        let typed = Array(type.utf8) + body
        out += typed
        out.append(bigEndian: crc32(typed))
    }
    var ihdr: [UInt8] = []
    ihdr.append(bigEndian: width); ihdr.append(bigEndian: height)
    ihdr += [bitDepth, colourType, 0, 0, 0]
    chunk("IHDR", ihdr)
    chunk("IEND", [])
    return out
}

/// CRC-32 as PNG chunks use it (polynomial 0xEDB88320).
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

extension Array where Element == UInt8 {
    mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
    mutating func append<T: FixedWidthInteger>(bigEndian value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

/// Little-endian bytes of Float samples.
func floatBytes(_ values: [Float]) -> [UInt8] {
    var out: [UInt8] = []
    for v in values { out.append(littleEndian: v.bitPattern) }
    return out
}

/// Writes `bytes` to `name` in `folder` and returns the path.
func write(_ bytes: [UInt8], to name: String, in folder: String) throws -> String {
    let path = folder + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}
