import Foundation
import TestSupport

/// What one run of the built `factcheck` binary did.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the real `factcheck` executable that `swift build` put beside the test bundle.
enum FactCheckProcess {
    static let binary: URL = {
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL,
                          Bundle.main.bundleURL.deletingLastPathComponent()]
        for case let folder? in candidates {
            let url = folder.appendingPathComponent("factcheck")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        preconditionFailure("the factcheck binary was not found next to \(Bundle.main.bundleURL.path)")
    }()

    /// The repository's `Samples/` folder.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path

    /// Runs `factcheck arguments…` (or another `executable`) in `directory` with `environment` added to a clean one.
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], input: String? = nil,
        executable: String? = nil
    ) throws -> RunResult {
        let scratch = TemporaryDirectory()
        let outPath = scratch.file("stdout")
        let errPath = scratch.file("stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": scratch.path]
        env.merge(environment) { $1 }
        process.environment = env
        let out = FileHandle(forWritingAtPath: outPath)!
        let err = FileHandle(forWritingAtPath: errPath)!
        process.standardOutput = out
        process.standardError = err
        if let input {
            let inPath = try scratch.write("stdin", input)
            process.standardInput = FileHandle(forReadingAtPath: inPath)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return RunResult(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
