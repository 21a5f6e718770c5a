import Tensor

// Every activation of one forward pass for one (batch, H, W), allocated once and reused by every
// step of that shape. Gradient tensors are added on the first training pass only (inference never
// allocates them). Activations that no backward pass reads are not kept apart: the transposed
// convolution's gradient reuses the decoder block's gradient buffer once that block is done.
final class UNetActivations {
    let batch: Int, height: Int, width: Int
    let encoder: [[BlockActivations]]
    /// pool[l] (N, c_l, H/2^(l+1), W/2^(l+1)): the input of level l + 1.
    let pool: [Tensor]
    let bottleneck: [BlockActivations]
    /// up[l] (N, c_l, H/2^l, W/2^l): transposed-conv output; concat[l] = [encoder skip, up[l]].
    let up: [Tensor]
    let concat: [Tensor]
    let decoder: [[BlockActivations]]
    let logits: Tensor
    let scratch: UnsafeMutablePointer<Float>
    private(set) var dpool: [Tensor] = []
    private(set) var dconcat: [Tensor] = []
    private(set) var dlogits: Tensor?

    init(model: UNet, batch: Int, height: Int, width: Int) {
        self.batch = batch; self.height = height; self.width = width
        let depth = model.depth, bn = model.batchNorm
        let tensor = { (c: Int, level: Int) in Tensor(batch: batch, channels: c, height: height >> level, width: width >> level) }
        let blocks = { (c: Int, level: Int) in
            (0..<2).map { _ in BlockActivations(batch: batch, channels: c, height: height >> level, width: width >> level, batchNorm: bn) }
        }
        encoder = (0..<depth).map { blocks(model.channels($0), $0) }
        pool = (0..<depth).map { tensor(model.channels($0), $0 + 1) }
        bottleneck = blocks(model.channels(depth), depth)
        up = (0..<depth).map { tensor(model.channels($0), $0) }
        concat = (0..<depth).map { tensor(2 * model.channels($0), $0) }
        decoder = (0..<depth).map { blocks(model.channels($0), $0) }
        logits = tensor(1, 0)
        let scratchCount = (0..<depth).map {
            transposedConv2x2ScratchCount(batch: batch, cin: model.channels($0 + 1), cout: model.channels($0),
                                          height: height >> ($0 + 1), width: width >> ($0 + 1))
        }.max()!
        scratch = .allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
    }

    deinit { scratch.deallocate() }

    var hasGradients: Bool { dlogits != nil }

    func allocateGradients() {
        guard !hasGradients else { return }
        for b in encoder.joined() { b.allocateGradient() }
        for b in bottleneck { b.allocateGradient() }
        for b in decoder.joined() { b.allocateGradient() }
        dpool = pool.map { Tensor(batch: $0.batch, channels: $0.channels, height: $0.height, width: $0.width) }
        dconcat = concat.map { Tensor(batch: $0.batch, channels: $0.channels, height: $0.height, width: $0.width) }
        dlogits = Tensor(batch: batch, channels: 1, height: height, width: width)
    }

}
