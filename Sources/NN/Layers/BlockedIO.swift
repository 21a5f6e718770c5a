import Dispatch
import Tensor

// Small helpers shared by the layers in this folder: 16-lane loads and stores on the blocked
// layout, and the split of a batch over the machine's two cores.

enum BlockedIO {
    /// One pixel of one channel block: 16 floats, 64-byte aligned in a Tensor.
    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).load(as: SIMD16<Float>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    /// Lanes of channel block `block` that hold real channels (the rest are padding and stay zero).
    @inline(__always)
    static func realLanes(channels: Int, block: Int) -> Int { min(16, channels - block * 16) }

    /// A mask that is true on the real-channel lanes of block `block`.
    @inline(__always)
    static func laneMask(channels: Int, block: Int) -> SIMDMask<SIMD16<Int32>> {
        SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) .< Int32(realLanes(channels: channels, block: block))
    }
}

/// Threads the element-wise layers split a batch over (the machine has 2 cores).
let layerThreads = 2

/// Runs body(n) for every image n in 0..<batch, on 2 threads when there are at least 2 images and
/// `work` (floats touched per image) is large enough to pay for the ~1 µs a thread start costs.
/// Each thread takes a fixed contiguous range of images, so results do not depend on scheduling.
@inline(__always)
func forEachImage(_ batch: Int, work: Int, _ body: (Int) -> Void) {
    if batch < 2 || work * batch < 1 << 15 {
        for n in 0..<batch { body(n) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: layerThreads) { t in
        for n in (t * batch / layerThreads)..<((t + 1) * batch / layerThreads) { body(n) }
    }
}
