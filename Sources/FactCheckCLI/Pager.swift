#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FactCheckKit
import Synchronization

/// A reading command's output on a terminal, as git pages it: held while it still fits the
/// screen, written straight out if it does; once it is longer than the screen, it goes through
/// `$FACTCHECK_PAGER`, else `$PAGER`, else `less -FRX` (run by `sh -c`; empty or `cat` means none),
/// and the command ends when the pager does.
enum Pager {
    private struct State {
        /// Output held until it is known to be longer than the screen; nil once it is passed on.
        var held: [UInt8]? = []
        var lines = 0
        var room = 0
        var command = ""
        var child: pid_t?
    }

    private static let state = Mutex<State?>(nil)

    /// The pager's command line, if the environment asks for one (or leaves the default).
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let chosen = environment["FACTCHECK_PAGER"] ?? environment["PAGER"] ?? "less -FRX"
        let trimmed = String(chosen.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }

    /// Starts holding standard output, when it is a terminal and a pager is wanted.
    static func begin() {
        guard isatty(STDOUT_FILENO) == 1, let command = command() else { return }
        // Measured now, while standard output is still the terminal.
        let room = max((Screen.lines ?? 24) - 1, 1)
        _ = Screen.columns
        _ = Terminal.stdoutIsTerminal
        state.withLock { $0 = State(room: room, command: command) }
        atexit { Pager.end() }
    }

    /// Takes `bytes` bound for standard output while the output is held or paged; false when
    /// there is no pager in play and the caller writes them itself.
    static func take(_ bytes: UnsafeRawBufferPointer) -> Bool {
        state.withLock { state in
            guard state != nil, state!.held != nil else { return false }
            state!.held! += bytes
            state!.lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if state!.lines > state!.room { start(&state!) }
            return true
        }
    }

    /// Runs the pager on a pipe that becomes standard output, and hands it what was held.
    private static func start(_ state: inout State) {
        guard let held = state.held else { return }
        state.held = nil
        ProgressLine.stopCurrent()
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            write(held)
            return
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        var environment = ProcessInfo.processInfo.environment
        // As git: less quits when all fits one screen, keeps colour, and leaves the screen as it was.
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        if environment["LV"] == nil { environment["LV"] = "-c" }
        let arguments = ["/bin/sh", "-c", state.command]
        var child: pid_t = 0
        let spawned = withCStrings(arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                posix_spawn(&child, "/bin/sh", &actions, nil, argv, envp)
            }
        }
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            write(held)
            return
        }
        // A reader who quits the pager early closes the pipe: what is left is dropped quietly.
        signal(SIGPIPE, SIG_IGN)
        dup2(ends[1], STDOUT_FILENO)
        close(ends[1])
        state.child = child
        write(held)
    }

    private static func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Descriptor.writeAll($0, to: STDOUT_FILENO) }
    }

    /// At exit: writes out what was held (it fitted the screen), or lets the pager finish.
    static func end() {
        let (held, child) = state.withLock { state -> ([UInt8]?, pid_t?) in
            defer { state = nil }
            return (state?.held, state?.child)
        }
        if let held { write(held) }
        if let child {
            close(STDOUT_FILENO)
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        }
    }
}

/// Calls `body` with `strings` as a NULL-terminated C array.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
