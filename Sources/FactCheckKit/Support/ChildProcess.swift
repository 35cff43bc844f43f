#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program found on `PATH` and returns what it wrote to standard output, or nil when it
/// could not be started or did not exit with status 0. Standard input and error are /dev/null.
/// (posix_spawn rather than Foundation's Process, which would load all of Foundation.)
enum ChildProcess {
    static func output(of arguments: [String]) -> String? {
        guard let (status, output) = run(arguments), status == 0 else { return nil }
        return output
    }

    /// Runs `arguments` and returns its exit status (-1 when killed by a signal) and standard
    /// output, or nil when it could not be started.
    static func run(_ arguments: [String]) -> (status: Int32, output: String)? {
        guard let program = arguments.first else { return nil }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        defer { close(readEnd) }

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        close(writeEnd)
        guard spawned == 0 else { return nil }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally (low seven bits zero): the exit status.
        return (status & 0x7f == 0 ? (status >> 8) & 0xff : -1, String(decoding: bytes, as: UTF8.self))
    }
}
