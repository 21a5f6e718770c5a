#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Scratch memory for the convolutions' packed filters, per-thread gradient accumulators and bias
// blocks, so a training step allocates nothing once its shapes have been seen (fresh megabyte-sized
// allocations cost page faults every call). Each calling thread has its own grow-only workspace
// (thread-local), so two models trained on two threads never share one; a layer call takes each slot
// at most once at a time, and the kernels' worker threads only use pointers handed to them.

final class Workspace {
    enum Slot: Int, CaseIterable {
        /// The packed filter of a forward pass or an input gradient.
        case filter
        /// The per-thread packed weight gradients of one backward call, side by side.
        case gradients
        /// Bias blocks (16 floats per output block) and per-thread bias gradients.
        case bias
        /// A Winograd band's transformed inputs and its products (per worker thread).
        case winogradInput, winogradOutput
    }

    private var buffers = [UnsafeMutablePointer<Float>?](repeating: nil, count: Slot.allCases.count)
    private var capacities = [Int](repeating: 0, count: Slot.allCases.count)

    deinit { for b in buffers { b.map { UnsafeMutableRawPointer($0).deallocate() } } }

    /// `count` zeroed, 64-byte-aligned floats of `slot`, valid until the slot is asked for again.
    func zeroed(_ slot: Slot, count: Int) -> UnsafeMutablePointer<Float> {
        let p = scratch(slot, count: count)
        p.update(repeating: 0, count: max(count, 16))
        return p
    }

    /// `count` 64-byte-aligned floats of `slot`, not cleared (the caller writes every one it reads).
    func scratch(_ slot: Slot, count: Int) -> UnsafeMutablePointer<Float> {
        let i = slot.rawValue, n = max(count, 16)
        if capacities[i] < n {
            buffers[i].map { UnsafeMutableRawPointer($0).deallocate() }
            let raw = UnsafeMutableRawPointer.allocate(byteCount: n * 4, alignment: 64)
            buffers[i] = raw.bindMemory(to: Float.self, capacity: n)
            capacities[i] = n
        }
        return buffers[i]!
    }

    /// The calling thread's workspace, created on first use and freed when the thread ends.
    static var current: Workspace {
        if let p = pthread_getspecific(key) { return Unmanaged<Workspace>.fromOpaque(p).takeUnretainedValue() }
        let w = Workspace()
        pthread_setspecific(key, Unmanaged.passRetained(w).toOpaque())
        return w
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { p in
            #if canImport(Glibc)
            guard let p else { return }
            #endif
            Unmanaged<Workspace>.fromOpaque(p).release()
        }
        precondition(status == 0, "Workspace: pthread_key_create failed (\(status))")
        return key
    }()
}
