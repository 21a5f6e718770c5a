import Tensor

// Convolution weights repacked for the SIMD kernels. Parameters stay in PyTorch layout
// (Cout, Cin, k, k); each call repacks them (they are tiny next to the activations), into memory of
// the calling thread's Workspace (so nothing is allocated per call), as
//   packed[(((cob * cinBlocks + cib) * taps² + tap) * 16 + ci) * 16 + co]
// so the kernel's innermost loop walks 16 input channels of one tap with one SIMD16 load each,
// holding 16 output channels. Slots of padding channels are zero, which keeps the padding lanes
// of every output zero (the Tensor invariant) without a branch in the kernel.
struct PackedFilter {
    let base: UnsafeMutablePointer<Float>
    let outBlocks: Int
    let inBlocks: Int
    /// Kernel side length: 3 or 1 (convolutions), 2 (the transposed convolution's taps).
    let side: Int
    var taps: Int { side * side }
    var count: Int { outBlocks * inBlocks * taps * 256 }

    /// Floats a filter of this shape takes.
    static func count(outChannels: Int, inChannels: Int, side: Int) -> Int {
        (outChannels + 15) / 16 * ((inChannels + 15) / 16) * side * side * 256
    }

    /// A view of `count(...)` floats at `base`, which the caller has zeroed.
    init(outChannels: Int, inChannels: Int, side: Int, base: UnsafeMutablePointer<Float>) {
        outBlocks = (outChannels + 15) / 16
        inBlocks = (inChannels + 15) / 16
        self.side = side
        self.base = base
    }

    /// Zero-filled storage from the calling thread's workspace slot (valid until the slot is reused).
    init(outChannels: Int, inChannels: Int, side: Int, slot: Workspace.Slot = .filter) {
        let n = PackedFilter.count(outChannels: outChannels, inChannels: inChannels, side: side)
        self.init(outChannels: outChannels, inChannels: inChannels, side: side,
                  base: Workspace.current.zeroed(slot, count: n))
    }

    /// `count` zeroed filters side by side in the `.gradients` slot: one per thread of a backward call.
    static func perThread(_ count: Int, outChannels: Int, inChannels: Int, side: Int) -> [PackedFilter] {
        let n = PackedFilter.count(outChannels: outChannels, inChannels: inChannels, side: side)
        let base = Workspace.current.zeroed(.gradients, count: count * n)
        return (0..<count).map { PackedFilter(outChannels: outChannels, inChannels: inChannels, side: side, base: base + $0 * n) }
    }

    /// Start of the weights of output block `cob` (all input blocks and taps follow contiguously).
    @inline(__always) func block(_ cob: Int) -> UnsafeMutablePointer<Float> {
        base + cob * inBlocks * taps * 256
    }

    @inline(__always) func offset(co: Int, ci: Int, tap: Int) -> Int {
        (((co >> 4) * inBlocks + (ci >> 4)) * taps + tap) * 256 + (ci & 15) * 16 + (co & 15)
    }

    /// Packs PyTorch-layout weights (cout, cin, side, side) for a forward convolution.
    static func forward(_ weight: UnsafePointer<Float>, cout: Int, cin: Int, side: Int) -> PackedFilter {
        let p = PackedFilter(outChannels: cout, inChannels: cin, side: side)
        let t = side * side
        for co in 0..<cout { for ci in 0..<cin { for tap in 0..<t {
            p.base[p.offset(co: co, ci: ci, tap: tap)] = weight[(co * cin + ci) * t + tap]
        } } }
        return p
    }

    /// Packs weights (cout, cin, side, side) for the input gradient: a forward convolution of dout
    /// (cout channels) into dinp (cin channels) with the filter transposed and flipped in space.
    /// `inputChannels` (default all) selects the input channels whose gradient this filter computes,
    /// renumbered from 0: the gradient of a concatenation's parts goes straight to separate tensors.
    static func inputGradient(_ weight: UnsafePointer<Float>, cout: Int, cin: Int, side: Int,
                              inputChannels: Range<Int>? = nil) -> PackedFilter {
        let range = inputChannels ?? 0..<cin
        let p = PackedFilter(outChannels: range.count, inChannels: cout, side: side)
        let t = side * side
        for co in 0..<cout { for ci in range { for tap in 0..<t {
            p.base[p.offset(co: ci - range.lowerBound, ci: co, tap: t - 1 - tap)] = weight[(co * cin + ci) * t + tap]
        } } }
        return p
    }

    /// dweight (cout, cin, side, side) += this packed gradient (laid out as by `forward`).
    func accumulate(into dweight: UnsafeMutablePointer<Float>, cout: Int, cin: Int) {
        for co in 0..<cout { for ci in 0..<cin { for tap in 0..<taps {
            dweight[(co * cin + ci) * taps + tap] += base[offset(co: co, ci: ci, tap: tap)]
        } } }
    }

    /// Adds another packed filter of the same shape into this one (summing per-thread gradients).
    func add(_ other: PackedFilter) {
        for i in 0..<count { base[i] += other.base[i] }
    }
}
