import Dispatch
import Synchronization

/// Work started on a thread of its own, whose outcome is waited for later.
///
/// A serial queue of its own, not the shared pool: the one who waits may itself be one of the
/// pool's workers (`WorkspaceScan`).
final class BackgroundWork<Success: Sendable, Failure: Error>: Sendable {
    private let outcome = Mutex<Result<Success, Failure>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ label: String, _ work: @escaping @Sendable () throws(Failure) -> Success) {
        DispatchQueue(label: label).async { [self] in
            let result = Result { () throws(Failure) in try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// Waits for the work to end; what it returned, or what it threw.
    func wait() throws(Failure) -> Success {
        done.wait()
        done.signal()  // for whoever waits next
        return try outcome.withLock { $0! }.get()
    }
}
