import CBLAS

// The only importer of CBLAS: the rest of the code sees these Swift functions.

/// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, row-major.
@inline(__always)
public func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                  alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                  b: UnsafePointer<Float>, ldb: Int,
                  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// Sets OpenBLAS's own thread count (1 when calling it from inside our own threads).
public func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }

/// The kernel family OpenBLAS picked for this CPU at load time ("SkylakeX", "Haswell", "Zen", …; a CPU
/// model newer than its table gets "Prescott", its slowest). OPENBLAS_CORETYPE overrides the choice.
public var blasCoreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }
