import Foundation
import TestSupport
import Testing

/// `Tests/FaultInjection/fault_injection.c`, compiled once per test run and preloaded into the
/// binary, makes one file-system call fail as a sick disk would.
private let shim: String? = {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FaultInjection/fault_injection.c").path
    let folder = NSTemporaryDirectory() + "/factcheck-fault-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let library = folder + "/libfault.so"
    guard let result = try? FactCheckProcess.run(
        ["cc", "-shared", "-fPIC", "-O1", "-Wall", "-o", library, source, "-ldl"], in: folder, executable: "/usr/bin/env"),
        result.status == 0
    else { return nil }
    return library
}()

/// The commands that change a document, each as a reviewer types it on the sample's pending c12.
private let writes: [(String, [String])] = [
    ("note", ["note", "nk-icc:c12", "Checked against the record."]),
    ("mark", ["mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "https://example.org/record"]),
    ("assign", ["assign", "nk-icc:c12"]),
    ("dismiss", ["dismiss", "nk-icc:c12", "--note", "A forecast, not a claim of fact."]),
    ("source add", ["source", "add", "nk-icc:c12", "https://example.org/record"]),
    ("add", ["add", "nk-icc", "--quote", "55 others withdrew"]),
]

/// The faults that strike before the new file is in place, with what the error names.
private let faults: [(String, String)] = [
    ("open-temp:ENOSPC", "no space left on device"),
    ("write-temp:EDQUOT", "disk quota exceeded"),
    ("write-temp:ENOSPC", "no space left on device"),
    ("fsync-temp:EIO", "input/output error"),
    ("close-temp:EIO", "input/output error"),
    ("rename:EROFS", "read-only file system"),
    ("rename:EIO", "input/output error"),
]

@Suite(.enabled(if: shim != nil, "needs a C compiler (cc) to build the fault-injection shim"))
struct FaultInjection {
    private func run(_ arguments: [String], in desk: Desk, fault: String) throws -> RunResult {
        try desk.run(arguments, environment: ["LD_PRELOAD": shim!, "FACTCHECK_FAULT": fault])
    }

    private func leftovers(_ desk: Desk) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: desk.folder.path).filter { $0.contains(".tmp-") }
    }

    /// Every write command × every fault before the rename: exit 3, one clear line, the document
    /// byte for byte as it was, no temporary file left.
    @Test(arguments: faults)
    func aFaultBeforeTheRenameChangesNothing(fault: String, reason: String) throws {
        for (name, arguments) in writes {
            let desk = try Desk()
            let before = try desk.document()
            let result = try run(arguments, in: desk, fault: fault)
            #expect(result.status == 3, "\(name) under \(fault): \(result.stderr)")
            #expect(result.stdout == "", "\(name) under \(fault)")
            #expect(result.stderr.hasPrefix("nk-icc.factcheck.xml: error: cannot "), "\(name) under \(fault): \(result.stderr)")
            #expect(result.stderr.hasSuffix(": \(reason)\n"), "\(name) under \(fault): \(result.stderr)")
            #expect(try desk.document() == before, "\(name) under \(fault)")
            #expect(try leftovers(desk).isEmpty, "\(name) under \(fault)")
        }
    }

    /// The folder cannot be flushed after the rename: the change is in place, the user is told so
    /// (exit 0, a warning), and running the command again does not apply it twice.
    @Test func aFaultAfterTheRenameIsReportedAsItIs() throws {
        for (name, arguments) in writes {
            let desk = try Desk()
            let result = try run(arguments, in: desk, fault: "fsync-folder:EIO")
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stderr == "nk-icc.factcheck.xml: warning: the change is written and every reader sees it, but . could not "
                + "be flushed to disk (input/output error): a system crash before the disk catches up could still undo it; "
                + "do not repeat the command\n", "\(name)")
            let after = try desk.document()
            #expect(try desk.run("validate").status == 0)
            let again = try desk.run(arguments)
            #expect(again.status == 1, "\(name) again: \(again.stderr)")
            #expect(try desk.document() == after, "\(name) again changed the document")
            #expect(try leftovers(desk).isEmpty)
        }
    }

    /// A batch in one document: a fault before the rename changes none of its claims and is told
    /// once; one after it leaves all of them changed, with the warning, exit 0.
    @Test func aBatchUnderFaults() throws {
        let batch = ["assign", "nk-icc:c12", "nk-icc:c13"]
        let desk = try Desk()
        let before = try desk.document()
        let failed = try run(batch, in: desk, fault: "fsync-temp:EIO")
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(failed.stderr.components(separatedBy: "error: cannot ").count == 2, "\(failed.stderr)")
        #expect(failed.stdout == "0 claims changed, 2 refused\n")
        #expect(try desk.document() == before)
        let flushed = try run(batch, in: desk, fault: "fsync-folder:EIO")
        #expect(flushed.status == 0, "\(flushed.stderr)")
        #expect(flushed.stdout.hasSuffix("2 claims changed\n"), "\(flushed.stdout)")
        #expect(flushed.stderr.hasPrefix("nk-icc.factcheck.xml: warning: the change is written"), "\(flushed.stderr)")
        #expect(try desk.run("list", "--status", "in-review").stdout.hasSuffix("2 claims\n"))
        #expect(try leftovers(desk).isEmpty)
    }

    /// A writer killed with its temporary file complete, just before the rename, leaves that file;
    /// the next writer of the document removes it, and the document is as it was plus its change.
    @Test func aKilledWritersTemporaryIsRemovedByTheNext() throws {
        let desk = try Desk()
        let before = try desk.document()
        let process = Process()
        process.executableURL = FactCheckProcess.binary
        process.arguments = ["note", "nk-icc:c12", "Never lands."]
        process.currentDirectoryURL = URL(fileURLWithPath: desk.folder.path)
        process.environment = ["FACTCHECK_REVIEWER": "Alex Example", "LD_PRELOAD": shim!, "FACTCHECK_FAULT": "stall-rename"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while try leftovers(desk).isEmpty && Date() < deadline { usleep(10_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try leftovers(desk).count == 1)
        #expect(try desk.document() == before)
        #expect(try desk.run("note", "nk-icc:c12", "After the kill.").status == 0)
        #expect(try leftovers(desk).isEmpty)
        #expect(try desk.run("validate").status == 0)
    }

    /// Writes that the system takes a few bytes at a time still give the whole document.
    @Test func shortWritesStillWriteEverything() throws {
        for (name, arguments) in writes {
            let desk = try Desk()
            let result = try run(arguments, in: desk, fault: "short-write-temp")
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(try desk.run("validate").status == 0, "\(name)")
        }
    }

    /// A new document: a fault before it is in place leaves nothing; after, it is reported as made.
    @Test func importUnderFaults() throws {
        for (fault, reason) in [("link:ENOSPC", "no space left on device"), ("write-temp:EDQUOT", "disk quota exceeded")] {
            let folder = TemporaryDirectory()
            try folder.write("article.txt", "The committee said the figure rose by 12 percent in the year to March.\n")
            let result = try FactCheckProcess.run(
                ["import", "article.txt", "--id", "figure", "--title", "Figure", "--no-extract"], in: folder.path,
                environment: ["LD_PRELOAD": shim!, "FACTCHECK_FAULT": fault])
            #expect(result.status == 3, "\(fault): \(result.stderr)")
            #expect(result.stderr.hasSuffix(": \(reason)\n"), "\(fault): \(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["article.txt"])
        }
    }
}

/// A real full file system: a small tmpfs, mounted where the test may (as root, as CI runs).
@Suite struct FullFileSystem {
    @Test func aFullDiskRefusesEveryWriteAndKeepsTheDocument() throws {
        let scratch = TemporaryDirectory()
        let mountPoint = scratch.file("disk")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try FactCheckProcess.run(
            ["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mountPoint], in: scratch.path, executable: "/usr/bin/env")
        guard mounted.status == 0 else {
            print("FullFileSystem skipped: cannot mount a tmpfs here (\(mounted.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? FactCheckProcess.run(["umount", mountPoint], in: scratch.path, executable: "/usr/bin/env") }
        let sample = try String(contentsOfFile: FactCheckProcess.samples + "/nk-icc.factcheck.xml", encoding: .utf8)
        try sample.write(toFile: mountPoint + "/nk-icc.factcheck.xml", atomically: false, encoding: .utf8)
        // Fill what is left, a kilobyte at a time, until the file system says it is full.
        let filler = FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: mountPoint + "/filler", contents: nil); return mountPoint + "/filler" }())!
        let kilobyte = Data(repeating: 0x2E, count: 1024)
        while (try? filler.write(contentsOf: kilobyte)) != nil {}
        try? filler.close()
        let environment = ["FACTCHECK_REVIEWER": "Alex Example"]
        for (name, arguments) in writes {
            let result = try FactCheckProcess.run(arguments, in: mountPoint, environment: environment)
            #expect(result.status == 3, "\(name): \(result.stderr)")
            #expect(result.stderr.hasSuffix(": no space left on device\n"), "\(name): \(result.stderr)")
            #expect(try String(contentsOfFile: mountPoint + "/nk-icc.factcheck.xml", encoding: .utf8) == sample, "\(name)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: mountPoint).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "\(name)")
        }
        // Room again: the next write goes through.
        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        #expect(try FactCheckProcess.run(writes[0].1, in: mountPoint, environment: environment).status == 0)
    }
}
