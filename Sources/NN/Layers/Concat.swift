import Tensor

// Channel concatenation for the U-Net's skip connections: out = [a, b] along channels.
// When a's channel count is a multiple of 16 (every real width), both halves are whole channel
// blocks and the copy is plane by plane; otherwise (tiny test widths) it goes channel by channel.

/// a (N,Ca,H,W), b (N,Cb,H,W) -> out (N,Ca+Cb,H,W). With b nil only a's channels are written (whole
/// channel blocks: Ca % 16 == 0); the caller writes the rest in place, as the U-Net's upsampling does.
public func concatForward(out: Tensor, a: Tensor, b: Tensor?) {
    if let b { checkConcatShapes(out, a, b) } else {
        precondition(a.channels % 16 == 0 && a.channels < out.channels && a.batch == out.batch
                     && a.height == out.height && a.width == out.width,
                     "concatForward without b: a \(a.shape) must be whole channel blocks of out \(out.shape)")
    }
    forEachImage(out.batch, work: out.imageStride) { n in
        if a.channels % 16 == 0 {
            (out.data + n * out.imageStride).update(from: a.data + n * a.imageStride, count: a.imageStride)
            guard let b else { return }
            (out.data + n * out.imageStride + a.imageStride).update(from: b.data + n * b.imageStride, count: b.imageStride)
        } else {
            for c in 0..<a.channels { copyChannel(to: out, n, c, from: a, c) }
            for c in 0..<b!.channels { copyChannel(to: out, n, a.channels + c, from: b!, c) }
        }
    }
}

/// dout (N,Ca+Cb,H,W) -> da (N,Ca,H,W), db (N,Cb,H,W), both overwritten.
public func concatBackward(da: Tensor, db: Tensor, dout: Tensor) {
    checkConcatShapes(dout, da, db)
    forEachImage(dout.batch, work: dout.imageStride) { n in
        if da.channels % 16 == 0 {
            (da.data + n * da.imageStride).update(from: dout.data + n * dout.imageStride, count: da.imageStride)
            (db.data + n * db.imageStride).update(from: dout.data + n * dout.imageStride + da.imageStride, count: db.imageStride)
        } else {
            for c in 0..<da.channels { copyChannel(to: da, n, c, from: dout, c) }
            for c in 0..<db.channels { copyChannel(to: db, n, c, from: dout, da.channels + c) }
        }
    }
}

private func checkConcatShapes(_ whole: Tensor, _ a: Tensor, _ b: Tensor) {
    precondition(a.batch == whole.batch && b.batch == whole.batch && a.channels + b.channels == whole.channels
                 && a.height == whole.height && b.height == whole.height
                 && a.width == whole.width && b.width == whole.width,
                 "concat shapes: \(a.shape) + \(b.shape) vs \(whole.shape)")
}

/// Copies the interior of one channel plane (border and other lanes untouched).
@inline(__always)
private func copyChannel(to dst: Tensor, _ n: Int, _ dc: Int, from src: Tensor, _ sc: Int) {
    for y in 0..<src.height {
        let s = src.data + src.index(n, sc, y, 0), d = dst.data + dst.index(n, dc, y, 0)
        for x in 0..<src.width { d[16 * x] = s[16 * x] }
    }
}
