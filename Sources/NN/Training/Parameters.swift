// Parameters live in ONE flat Float buffer with named views, like llm.c's malloc_and_point_parameters:
// the optimizer is one loop over it, a checkpoint is it behind a header, and gradients are a second
// buffer with the same layout. Names and shapes follow PyTorch (e.g. `down0.conv1.weight` (16,1,3,3)).

/// One named tensor in a flat buffer.
public struct ParameterSpec: Equatable, Sendable {
    public let name: String
    public let shape: [Int]
    public var count: Int { shape.reduce(1, *) }
    public init(name: String, shape: [Int]) { self.name = name; self.shape = shape }
}

/// A flat, zero-initialized, 64-byte aligned Float buffer holding the tensors of `specs` in order.
public final class FlatBuffer {
    public let specs: [ParameterSpec]
    /// Offset in floats of each spec's first element, in spec order.
    public let offsets: [Int]
    /// Total floats.
    public let count: Int
    public let data: UnsafeMutablePointer<Float>
    private let indexByName: [String: Int]

    public init(specs: [ParameterSpec]) {
        var offsets: [Int] = [], total = 0
        for spec in specs { offsets.append(total); total += spec.count }
        self.specs = specs
        self.offsets = offsets
        self.count = total
        self.indexByName = Dictionary(uniqueKeysWithValues: specs.enumerated().map { ($1.name, $0) })
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1) * MemoryLayout<Float>.stride, alignment: 64)
        data = raw.bindMemory(to: Float.self, capacity: max(total, 1))
        data.initialize(repeating: 0, count: max(total, 1))
    }

    deinit { UnsafeMutableRawPointer(data).deallocate() }

    public func contains(_ name: String) -> Bool { indexByName[name] != nil }

    public func spec(_ name: String) -> ParameterSpec? { indexByName[name].map { specs[$0] } }

    /// Pointer to the first element of the named tensor; the name must exist.
    public func view(_ name: String) -> UnsafeMutablePointer<Float> {
        guard let i = indexByName[name] else { preconditionFailure("no tensor named \(name) in this buffer") }
        return data + offsets[i]
    }

    /// A copy of the named tensor's values (for tests and inspection).
    public func values(_ name: String) -> [Float] {
        let spec = self.spec(name)!
        return Array(UnsafeBufferPointer(start: view(name), count: spec.count))
    }

    public func zero() { data.update(repeating: 0, count: count) }

    /// All values in layout order.
    public var all: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }
}
