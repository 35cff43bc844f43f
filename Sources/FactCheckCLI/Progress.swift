#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import FactCheckKit
import Synchronization

/// A line on stderr saying how far a long read has come ("reading documents: 2,048 of 10,000"),
/// only on a terminal: first drawn after a moment (a quick command shows none), redrawn at most
/// five times a second, and cleared when the work is done, so it never mixes with the output.
/// The timer is only started, cancelled and let go; `state` is under its lock.
final class ProgressLine: @unchecked Sendable {
    let counter = ReadCounter()
    private let timer: DispatchSourceTimer?
    /// Whether a line is on the screen now, and whether the line has stopped for good.
    private let state = Mutex((drawn: false, stopped: false))

    /// The line of the command now running, for the pager to clear before it takes the screen.
    private static let current = Mutex<ProgressLine?>(nil)

    /// A progress line for `noun` ("documents"); none at all when `enabled` is false (`--json`)
    /// or stderr is not a terminal.
    init(_ noun: String, enabled: Bool = true) {
        guard enabled, isatty(STDERR_FILENO) == 1 else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "factcheck.progress"))
        self.timer = timer
        timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.draw(noun) }
        timer.resume()
        Self.current.withLock { $0 = self }
    }

    deinit {
        timer?.cancel()
    }

    private func draw(_ noun: String) {
        let (done, total) = counter.progress
        guard total > 0 else { return }
        state.withLock { state in
            guard !state.stopped else { return }
            state.drawn = true
            Terminal.send("\r\u{1B}[Kreading \(noun): \(DecimalFormat.grouped(done)) of \(DecimalFormat.grouped(total))", to: STDERR_FILENO)
        }
    }

    /// Stops the line and clears it from the screen.
    func stop() {
        timer?.cancel()
        state.withLock { state in
            if state.drawn { Terminal.send("\r\u{1B}[K", to: STDERR_FILENO) }
            state = (false, true)
        }
    }

    /// Stops whatever line is showing (before a pager takes the terminal).
    static func stopCurrent() {
        current.withLock { $0 }?.stop()
    }
}
