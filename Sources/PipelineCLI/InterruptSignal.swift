import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C while following jobs: the first SIGINT is noted (the run cancels the jobs it submitted and
/// says so); a second one ends the process at once. Installed only by the executor runs: a run in
/// this process still ends at the first Ctrl-C, with training resumable from its checkpoint.
final class InterruptSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var source: DispatchSourceSignal?

    static func install(onFirst: @escaping @Sendable () -> Void) -> InterruptSignal {
        let interrupt = InterruptSignal()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            interrupt.lock.lock()
            interrupt.count += 1
            let count = interrupt.count
            interrupt.lock.unlock()
            if count == 1 { onFirst() } else { exit(130) }
        }
        source.resume()
        interrupt.source = source
        return interrupt
    }

    var happened: Bool {
        lock.lock()
        defer { lock.unlock() }
        return count > 0
    }
}
