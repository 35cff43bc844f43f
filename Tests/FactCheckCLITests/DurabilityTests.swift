import FactCheckKit
import Foundation
import TestSupport
import Testing

@Suite struct Durability {
    @Test func concurrentReviewersLoseNothing() throws {
        let desk = try Desk()
        let workers = (1...8).map { number -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [
                "-c",
                "for i in $(seq 1 25); do \"$0\" note nk-icc:c\(number) \"worker \(number) change $i\" >/dev/null || exit 1; done",
                FactCheckProcess.binary.path,
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: desk.folder.path)
            process.environment = ["FACTCHECK_REVIEWER": "Worker \(number)", "PATH": "/usr/bin:/bin"]
            return process
        }
        for worker in workers { try worker.run() }
        for worker in workers { worker.waitUntilExit() }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })

        let document = try DocumentLoader.load(path: desk.documentPath).document
        for number in 1...8 {
            let claim = try #require(document.claim("c\(number)"))
            #expect(claim.notes.map(\.text) == (1...25).map { "worker \(number) change \($0)" })
            #expect(claim.history.filter { $0.action == .note }.count == 25)
        }
        let events = document.claims.flatMap(\.history).filter { $0.action == .note }
        #expect(events.count == 200)
    }

    /// Kills `note` at random moments over twice the time a whole run takes, so some kills land
    /// before the write completes and some after; the test fails unless both happened.
    @Test func killedWritersLeaveTheStateBeforeOrAfterOneChange() throws {
        let desk = try Desk()
        func start(_ text: String, on claim: String = "nk-icc:c12") throws -> Process {
            let process = Process()
            process.executableURL = FactCheckProcess.binary
            process.arguments = ["note", claim, text]
            process.currentDirectoryURL = URL(fileURLWithPath: desk.folder.path)
            process.environment = ["FACTCHECK_REVIEWER": "Alex Example"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // How long a whole run takes here: the median of three, on another claim.
        var durations: [Double] = []
        for warmUp in 1...3 {
            let started = Date()
            let process = try start("warm-up \(warmUp)", on: "nk-icc:c11")
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            durations.append(Date().timeIntervalSince(started))
        }
        let whole = durations.sorted()[1]
        var before = try DocumentLoader.load(path: desk.documentPath).document
        // At least 30 rounds, and on until kills have landed both before and after a write completed:
        // other tests running beside this one can make a run far slower (or faster) than the warm-up,
        // so every fifth round with only one outcome so far widens (or narrows) the window.
        var window = 2 * whole
        var rounds = 0
        var completed = 0
        while rounds < 30 || (rounds < 300 && (completed == 0 || completed == rounds)) {
            rounds += 1
            let round = rounds
            if round % 5 == 0 && completed == 0 { window *= 2 }
            if round % 5 == 0 && completed == round - 1 { window /= 2 }
            let process = try start("round \(round)")
            usleep(UInt32(min(Double.random(in: 0...window), 30) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let after = try DocumentLoader.load(path: desk.documentPath).document
            if after != before {
                var undone = after
                let index = try #require(undone.claims.firstIndex { $0.id == "c12" })
                #expect(undone.claims[index].notes.popLast()?.text == "round \(round)")
                #expect(undone.claims[index].history.popLast()?.note == nil)
                #expect(undone == before, "round \(round) changed more than one note")
                completed += 1
            }
            before = after
        }
        #expect(try desk.run("validate").status == 0)
        #expect(before.claim("c12")?.notes.count == completed)
        #expect(completed > 0, "no kill landed after a write completed (a whole run took \(whole) s)")
        #expect(completed < rounds, "no kill landed before a write completed (a whole run took \(whole) s)")
    }

    @Test func aResultThatFailsValidationWritesNothing() throws {
        let desk = try Desk()
        let before = try desk.document()
        let longURL = "https://example.org/" + String(repeating: "a", count: 3000)
        let result = try desk.run("source", "add", "nk-icc:c12", longURL)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: the change would make the document invalid, so nothing was written: element 'source', attribute 'url': [facet 'maxLength']"))
        #expect(try desk.document() == before)
    }

    @Test func aFullDiskWritesNothing() throws {
        let desk = try Desk()
        let before = try desk.document()
        // A file size limit below the document's size makes the write fail as a full disk would.
        let result = try FactCheckProcess.run(
            ["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" note nk-icc:c12 'Checked.'", FactCheckProcess.binary.path],
            in: desk.folder.path, environment: ["FACTCHECK_REVIEWER": "Alex Example"], executable: "/bin/bash")
        #expect(result.status == 3)
        #expect(result.stderr == "nk-icc.factcheck.xml: error: cannot write the document: file too large\n")
        #expect(try desk.document() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: desk.folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// A killed writer's temporary file is removed by the next writer of the document; one whose
    /// writer still runs, or another document's, is left alone.
    @Test func staleTemporariesAreRemovedByTheNextWriter() throws {
        let desk = try Desk()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let gone = finished.processIdentifier
        let alive = ProcessInfo.processInfo.processIdentifier
        let stale = ".nk-icc.factcheck.xml.tmp-\(gone)-12345"
        let running = ".nk-icc.factcheck.xml.tmp-\(alive)-67890"
        let other = ".other.factcheck.xml.tmp-\(gone)-1"
        for name in [stale, running, other] { try desk.folder.write(name, "<factcheck") }
        #expect(try desk.run("note", "nk-icc:c12", "Checked.").status == 0)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: desk.folder.path).filter { $0.contains(".tmp-") })
        #expect(left == [running, other])
    }

    /// A document that is a symbolic link is changed in the file it points at; the link stays.
    @Test func aLinkedDocumentIsWrittenThrough() throws {
        let folder = TemporaryDirectory()
        try folder.write("archive/nk-icc.factcheck.xml", try String(contentsOfFile: FactCheckProcess.samples + "/nk-icc.factcheck.xml", encoding: .utf8))
        try FileManager.default.createDirectory(atPath: folder.file("desk"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.file("desk/nk-icc.factcheck.xml"), withDestinationPath: "../archive/nk-icc.factcheck.xml")
        let environment = ["FACTCHECK_REVIEWER": "Alex Example"]
        let result = try FactCheckProcess.run(["note", "nk-icc:c12", "Through the link."], in: folder.file("desk"), environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("desk/nk-icc.factcheck.xml")) == "../archive/nk-icc.factcheck.xml")
        #expect(try String(contentsOfFile: folder.file("archive/nk-icc.factcheck.xml"), encoding: .utf8).contains("Through the link."))
        #expect(try FactCheckProcess.run(["validate"], in: folder.file("desk")).status == 0)
        // A loop of links is refused, and nothing is written.
        try FileManager.default.createSymbolicLink(atPath: folder.file("desk/loop.factcheck.xml"), withDestinationPath: "loop.factcheck.xml")
        let loop = try FactCheckProcess.run(["note", "loop:c1", "x"], in: folder.file("desk"), environment: environment)
        #expect(loop.status == 3)
        #expect(loop.stderr.contains("loop.factcheck.xml: error:"), "\(loop.stderr)")
    }

    /// Under a file-size limit, with SIGXFSZ left at its default (which kills): still a clear error.
    @Test func aFileSizeLimitIsAnErrorNotASignal() throws {
        let desk = try Desk()
        let before = try desk.document()
        let result = try FactCheckProcess.run(
            ["-c", "ulimit -f 16; exec \"$0\" note nk-icc:c12 'Checked.'", FactCheckProcess.binary.path],
            in: desk.folder.path, environment: ["FACTCHECK_REVIEWER": "Alex Example"], executable: "/bin/bash")
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr == "nk-icc.factcheck.xml: error: cannot write the document: file too large\n")
        #expect(try desk.document() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: desk.folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test(.enabled(if: geteuid() != 0, "root may write into read-only folders"))
    func anUnwritableFolderWritesNothing() throws {
        let desk = try Desk()
        let before = try desk.document()
        chmod(desk.folder.path, 0o555)
        defer { chmod(desk.folder.path, 0o755) }
        let result = try desk.run("note", "nk-icc:c12", "Checked.")
        #expect(result.status == 3)
        #expect(try desk.document() == before)
    }

    @Test func oneMarkChangesOnlyThatClaimsLines() throws {
        let desk = try Desk()
        let before = try desk.document().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(try desk.run("mark", "nk-icc:c12", "disputed", "--rating", "misleading", "--source", "https://example.org/sc").status == 0)
        let after = try desk.document().split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(before.firstIndex { $0.contains("<claim id=\"c12\"") })
        let next = try #require(before.firstIndex { $0.contains("<claim id=\"c13\"") })
        let nextAfter = try #require(after.firstIndex { $0.contains("<claim id=\"c13\"") })
        #expect(before[..<start] == after[..<start])
        #expect(before[next...] == after[nextAfter...])
        #expect(after[start] == "  <claim id=\"c12\" status=\"disputed\" created=\"2026-11-27T09:00:00Z\">")
    }
}
