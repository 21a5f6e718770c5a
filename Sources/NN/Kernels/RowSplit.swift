import Foundation

// Work division for the convolution kernels: the (image, row) pairs of a batch, flattened, are cut
// into one contiguous range per thread. That splits by image when the batch is large and by rows
// when it is 1, and stays balanced for odd batches (3 images on 2 threads).

/// Threads the convolutions use unless told otherwise: the machine's cores.
public let defaultConvThreads = ProcessInfo.processInfo.activeProcessorCount

/// Calls `body(rows, thread)` for each thread's range of flattened rows, in parallel.
@inline(__always)
func forEachRowRange(rows: Int, threads: Int, _ body: (Range<Int>, Int) -> Void) {
    let t = max(1, min(threads, rows))
    if t == 1 { body(0..<rows, 0); return }
    DispatchQueue.concurrentPerform(iterations: t) { i in
        body(i * rows / t ..< (i + 1) * rows / t, i)
    }
}

/// Calls `body(rows)` for 4 ranges per thread, which libdispatch hands to whichever thread is free:
/// when the host slows one core (shared machines do, by up to a third at times), the other takes
/// more of the work instead of waiting for it at the end of the layer. For work with no per-thread
/// state (the convolutions' forward and input-gradient passes); the results do not depend on the split.
@inline(__always)
func forEachRowChunk(rows: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    let t = max(1, min(threads, rows))
    if t == 1 { body(0..<rows); return }
    let pieces = min(rows, 4 * t)
    DispatchQueue.concurrentPerform(iterations: pieces) { i in
        body(i * rows / pieces ..< (i + 1) * rows / pieces)
    }
}
