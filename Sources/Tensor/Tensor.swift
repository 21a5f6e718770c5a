// Activations in the blocked layout the convolution kernels want (NCHW16c with a zero border).
//
// Layout contract, shared by every layer in NN:
//   element (n, c, y, x) lives at data[(((n * cBlocks + c / 16) * paddedH + y + 1) * paddedW + x + 1) * 16 + c % 16]
// - channels are padded to a multiple of 16, so one SIMD16<Float> holds 16 channels of one pixel;
// - every plane carries a one-pixel border (paddedH = h + 2, paddedW = w + 2) so a 3×3
//   same-padding convolution reads its input in place, without copying padded rows.
// Invariant: the border and the padding channels (c >= channels) are always zero. A layer that
// writes a Tensor writes only the interior of real channels, or writes zeros elsewhere.
//
// A Tensor is a reference type that owns 64-byte-aligned memory, like llm.c's activation buffers:
// a model allocates its tensors once and every training step reuses them.
public final class Tensor {
    public let batch: Int
    public let channels: Int
    public let height: Int
    public let width: Int
    public let cBlocks: Int
    public let paddedH: Int
    public let paddedW: Int
    /// Number of floats in `data`, including border and padding channels.
    public let count: Int
    public let data: UnsafeMutablePointer<Float>
    /// The tensor whose memory this one views (nil: this one owns its memory).
    private let storage: Tensor?

    public static let block = 16

    public init(batch: Int, channels: Int, height: Int, width: Int) {
        precondition(batch > 0 && channels > 0 && height > 0 && width > 0,
                     "Tensor dimensions must be positive: \(batch)×\(channels)×\(height)×\(width)")
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.cBlocks = (channels + Tensor.block - 1) / Tensor.block
        self.paddedH = height + 2
        self.paddedW = width + 2
        self.count = batch * cBlocks * paddedH * paddedW * Tensor.block
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        self.data = raw.bindMemory(to: Float.self, capacity: count)
        data.initialize(repeating: 0, count: count)
        storage = nil
    }

    /// A tensor of `channels` channels over the first channel blocks of `other`'s memory (same batch,
    /// height and width), for buffers whose lifetimes never overlap. Zero it before use: it sees
    /// whatever `other` last held, and writing it overwrites `other`.
    public init(viewing other: Tensor, channels: Int) {
        let blocks = (channels + Tensor.block - 1) / Tensor.block
        precondition(channels > 0 && blocks <= other.cBlocks,
                     "Tensor(viewing:) of \(channels) channels does not fit in \(other.shape)")
        batch = other.batch; self.channels = channels; height = other.height; width = other.width
        cBlocks = blocks; paddedH = other.paddedH; paddedW = other.paddedW
        count = batch * cBlocks * paddedH * paddedW * Tensor.block
        data = other.data
        storage = other
    }

    deinit { if storage == nil { UnsafeMutableRawPointer(data).deallocate() } }

    public var shape: [Int] { [batch, channels, height, width] }

    /// Floats in one channel-block plane, border included.
    @inline(__always) public var planeStride: Int { paddedH * paddedW * Tensor.block }
    /// Floats in one image (all channel blocks).
    @inline(__always) public var imageStride: Int { cBlocks * planeStride }

    @inline(__always)
    public func index(_ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Int {
        (((n * cBlocks + c >> 4) * paddedH + y + 1) * paddedW + x + 1) * Tensor.block + (c & 15)
    }

    public subscript(n: Int, c: Int, y: Int, x: Int) -> Float {
        get { data[index(n, c, y, x)] }
        set { data[index(n, c, y, x)] = newValue }
    }

    public func zero() { data.update(repeating: 0, count: count) }

    /// Copies from a plain NCHW array of batch·channels·height·width floats.
    public func load(nchw values: [Float]) {
        precondition(values.count == batch * channels * height * width, "load(nchw:) size mismatch")
        values.withUnsafeBufferPointer { load(nchw: $0.baseAddress!) }
    }

    /// Copies batch·channels·height·width floats in NCHW order from `values` (no per-element index
    /// arithmetic: a batch of slices goes in at memory speed).
    public func load(nchw values: UnsafePointer<Float>) {
        for n in 0..<batch { load(image: n, nchw: values + n * channels * height * width) }
    }

    /// Copies image `n` (channels·height·width floats in CHW order) from `values`; other images are
    /// untouched, so several threads may each load their own images of one batch.
    public func load(image n: Int, nchw values: UnsafePointer<Float>) {
        precondition(n >= 0 && n < batch, "load(image:) image \(n) of a batch of \(batch)")
        var src = values
        for c in 0..<channels {
            var row = data + index(n, c, 0, 0)
            for _ in 0..<height {
                for x in 0..<width { row[16 * x] = src[x] }
                src += width; row += paddedW * 16
            }
        }
    }

    /// The tensor as a plain NCHW array (for tests, checkpoints and output).
    public func nchw() -> [Float] {
        [Float](unsafeUninitializedCapacity: batch * channels * height * width) { buffer, initialized in
            copyNCHW(into: buffer.baseAddress!)
            initialized = buffer.count
        }
    }

    /// Writes batch·channels·height·width floats in NCHW order to `out`.
    public func copyNCHW(into out: UnsafeMutablePointer<Float>) {
        var dst = out
        for n in 0..<batch { for c in 0..<channels {
            var row = UnsafePointer(data + index(n, c, 0, 0))
            for _ in 0..<height {
                for x in 0..<width { dst[x] = row[16 * x] }
                dst += width; row += paddedW * 16
            }
        } }
    }

    /// Copies the contents of another tensor of the same shape.
    public func copy(from other: Tensor) {
        precondition(shape == other.shape, "copy(from:) shape mismatch \(shape) vs \(other.shape)")
        data.update(from: other.data, count: count)
    }
}
