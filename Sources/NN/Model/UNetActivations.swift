import Tensor

// Every activation of one forward pass for one (batch, H, W), allocated once and reused by every
// step of that shape. Gradient tensors are added on the first training pass only (inference never
// allocates them). Only what a backward pass reads is kept, and gradients share buffers:
// - the transposed convolution writes straight into the upper half of concat[l] (no separate
//   output, no concatenation copy) whenever the skip half is whole channel blocks (c_l % 16 == 0);
// - the first decoder block's input gradient goes straight to its two parts (skip, upsampled), so
//   the concatenation's gradient is never formed;
// - per level, two work buffers serve decoder[l][1], decoder[l][0], the upsampled half and
//   encoder[l][0] in turn (never live together); only the skip gradient (encoder[l][1]) lives from
//   the decoder's backward to the encoder's;
// - the one-channel logits gradient is a view of decoder[0][0]'s gradient buffer (see below).
final class UNetActivations {
    let batch: Int, height: Int, width: Int
    let encoder: [[BlockActivations]]
    /// pool[l] (N, c_l, H/2^(l+1), W/2^(l+1)): the input of level l + 1.
    let pool: [Tensor]
    let bottleneck: [BlockActivations]
    /// up[l] (N, c_l, H/2^l, W/2^l): the transposed conv's own output, only when c_l % 16 != 0 (tiny
    /// test widths); otherwise nil and it writes into concat[l]. concat[l] = [encoder skip, up].
    let up: [Tensor?]
    let concat: [Tensor]
    let decoder: [[BlockActivations]]
    let logits: Tensor
    /// dpool[l]: gradient of pool[l]. dup[l]: gradient of the upsampled half of concat[l].
    private(set) var dpool: [Tensor] = []
    private(set) var dup: [Tensor] = []
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
        up = (0..<depth).map { model.channels($0) % 16 == 0 ? nil : tensor(model.channels($0), $0) }
        concat = (0..<depth).map { tensor(2 * model.channels($0), $0) }
        decoder = (0..<depth).map { blocks(model.channels($0), $0) }
        logits = tensor(1, 0)
    }

    var hasGradients: Bool { dlogits != nil }

    /// Hands every block its gradient buffer (see the sharing rules above).
    func allocateGradients() {
        guard !hasGradients else { return }
        let shaped = { (t: Tensor) in Tensor(batch: t.batch, channels: t.channels, height: t.height, width: t.width) }
        for l in encoder.indices {
            let work = shaped(decoder[l][1].out), other = shaped(decoder[l][0].out)
            decoder[l][1].dout = work
            decoder[l][0].dout = other
            encoder[l][1].dout = shaped(encoder[l][1].out)
            encoder[l][0].dout = work
            dup.append(work)
        }
        bottleneck[1].dout = shaped(bottleneck[1].out)
        bottleneck[0].dout = shaped(bottleneck[0].out)
        dpool = pool.map(shaped)
        // dlogits (one channel) lives in decoder[0][0]'s gradient buffer: the head's backward consumes it
        // before decoder[0][1]'s backward writes that buffer (68 MB less at width 16, batch 16).
        dlogits = Tensor(viewing: decoder[0][0].dout!, channels: 1)
    }

    /// Drops the gradient buffers (this shape is no longer trained on); they come back on demand.
    func releaseGradients() {
        guard hasGradients else { return }
        for b in encoder.joined() { b.dout = nil }
        for b in bottleneck { b.dout = nil }
        for b in decoder.joined() { b.dout = nil }
        dpool = []; dup = []; dlogits = nil
    }
}
