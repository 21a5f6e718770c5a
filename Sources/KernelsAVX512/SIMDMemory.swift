// Unaligned SIMD16 loads and stores and the NaN-keeping ReLU, as in NN (this target imports nothing).

@inline(__always)
func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func load16(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func store16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
}

/// max(0, a) that lets NaN through (PyTorch's ReLU), so a diverged model stays visible.
@inline(__always)
func relu16(_ a: SIMD16<Float>) -> SIMD16<Float> { a.replacing(with: 0, where: a .< 0) }
