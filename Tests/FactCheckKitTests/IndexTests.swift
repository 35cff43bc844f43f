@testable import FactCheckKit
import Foundation
import Testing

/// A workspace folder with a copy of the sample, and its index.
private final class IndexedDesk {
    let root: String
    init() throws {
        root = NSTemporaryDirectory() + "/factcheck-index-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.sample("nk-icc.factcheck.xml"), toPath: document)
    }
    deinit { try? FileManager.default.removeItem(atPath: root) }

    var document: String { root + "/nk-icc.factcheck.xml" }

    func open(version: String = ToolVersion.current, warnings: inout [String]) -> WorkspaceIndex {
        var heard: [String] = []
        let index = WorkspaceIndex.open(workspace: root, version: version) { heard.append($0) }!
        warnings += heard
        return index
    }

    func refresh(_ index: WorkspaceIndex) throws -> (WorkspaceIndex.Refresh, failures: Int) {
        var failures = 0
        let report = try index.refresh(DocumentFinder.documents(in: root)) { _ in failures += 1 }
        return (report, failures)
    }

    func quotes(_ index: WorkspaceIndex, _ query: String) throws -> [String] {
        try index.search(query).map { "\($0.row.document):\($0.row.claim)" }
    }
}

@Suite struct WorkspaceIndexStaleness {
    @Test func anUnchangedDocumentIsNotReadAgainAndAnEditIs() throws {
        let desk = try IndexedDesk()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        #expect(try desk.refresh(index).0 == .init(read: 1, unchanged: 0, removed: 0))
        #expect(try desk.refresh(index).0 == .init(read: 0, unchanged: 1, removed: 0))
        // An edit of the same size, within the same second: the stat differs (mtime's nanoseconds, ctime).
        var text = try String(contentsOfFile: desk.document, encoding: .utf8)
        text = text.replacingOccurrences(of: "<note author=\"Sample Reviewer\"", with: "<note author=\"Sample Reviewex\"")
        try #require(text.utf8.count == (try FileManager.default.attributesOfItem(atPath: desk.document)[.size] as! Int))
        try text.write(toFile: desk.document, atomically: false, encoding: .utf8)
        #expect(try desk.refresh(index).0.read == 1)
        #expect(warnings.isEmpty)
    }

    /// git's racy rule: a file modified at or after the moment its rows were written may have
    /// changed unseen within that instant; it is read again until it is older.
    @Test func aFileNotOlderThanItsIndexingIsReadAgain() throws {
        let desk = try IndexedDesk()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        let future = Date().addingTimeInterval(3600)
        try FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: desk.document)
        #expect(try desk.refresh(index).0.read == 1)
        #expect(try desk.refresh(index).0.read == 1, "a racily clean file must be read again")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: desk.document)
        #expect(try desk.refresh(index).0.read == 1)
        #expect(try desk.refresh(index).0.unchanged == 1)
    }

    @Test func deletedAndRenamedDocumentsAreFollowed() throws {
        let desk = try IndexedDesk()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        _ = try desk.refresh(index)
        #expect(try desk.quotes(index, "Kenneth").count == 1)
        let renamed = desk.root + "/sub/nk-icc.factcheck.xml"
        try FileManager.default.createDirectory(atPath: desk.root + "/sub", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: desk.document, toPath: renamed)
        #expect(try desk.refresh(index).0 == .init(read: 1, unchanged: 0, removed: 1))
        #expect(try index.search("Kenneth").map(\.row.path) == [renamed])
        try FileManager.default.removeItem(atPath: renamed)
        #expect(try desk.refresh(index).0.removed == 1)
        #expect(try desk.quotes(index, "Kenneth").isEmpty)
    }

    @Test func anInvalidDocumentIsReportedEveryTimeUntilFixed() throws {
        let desk = try IndexedDesk()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        let good = try String(contentsOfFile: desk.document, encoding: .utf8)
        try good.replacingOccurrences(of: "status=\"verified\"", with: "status=\"bogus\"").write(
            toFile: desk.document, atomically: true, encoding: .utf8)
        #expect(try desk.refresh(index).failures == 1)
        #expect(try desk.refresh(index).failures == 1)
        #expect(try desk.quotes(index, "Kenneth").isEmpty)
        try good.write(toFile: desk.document, atomically: true, encoding: .utf8)
        #expect(try desk.refresh(index).failures == 0)
        #expect(try desk.quotes(index, "Kenneth").count == 1)
    }

    @Test func anotherVersionOrADamagedFileRebuildsIt() throws {
        let desk = try IndexedDesk()
        var warnings: [String] = []
        _ = try desk.refresh(desk.open(version: "1", warnings: &warnings))
        let path: String
        do {
            let rebuilt = desk.open(version: "2", warnings: &warnings)
            #expect(warnings.count == 1 && warnings[0].contains("another version"))
            #expect(try desk.refresh(rebuilt).0.read == 1)
            path = rebuilt.path
        }
        // Damaged while no one had it open.
        try Data(String(repeating: "not a database; ", count: 400).utf8).write(to: URL(fileURLWithPath: path))
        var again: [String] = []
        let fresh = desk.open(version: "2", warnings: &again)
        #expect(again.count == 1 && again[0].contains("rebuilding"))
        #expect(try desk.refresh(fresh).0.read == 1)
        #expect(try desk.quotes(fresh, "Kenneth").count == 1)
    }
}

extension IndexedDesk {
    /// An archive of two synthetic checks beside the sample.
    func writeArchive() throws {
        let archive = CheckArchive(publisher: "Example Checkers", checks: [
            ArchivedCheck(
                url: "https://example.org/checks/koalas", claim: "Koalas are extinct in the wild.",
                summary: "Koalas are listed as vulnerable, not extinct.", rating: .inaccurate, imported: "2026-12-01T00:00:00Z"),
            ArchivedCheck(
                url: "https://example.org/checks/council", claim: "The Security Council voted to refer North Korea to the ICC.",
                summary: "No such Security Council vote took place.", rating: .inaccurate, imported: "2026-12-01T00:00:00Z"),
        ])
        try FileManager.default.createDirectory(atPath: root + "/archive", withIntermediateDirectories: true)
        let path = root + "/archive/example-checkers.checks.xml"
        try archive.serialized(path: path).write(toFile: path, atomically: true, encoding: .utf8)
    }
}

@Suite struct IndexMatchingAndWriteThrough {
    private func texts(_ desk: IndexedDesk) throws -> [String] {
        try DocumentLoader.load(path: desk.document).document.claims.map(\.anchor.exact)
            + ["the Security Council voted", "koalas are extinct", "North Korea ICC referral over human rights", "zebra"]
    }

    /// The index's postings give the in-memory matcher's ranking, scores, strengths and explanations.
    @Test func theIndexRanksAsTheMatcherInMemoryDoes() throws {
        let desk = try IndexedDesk()
        try desk.writeArchive()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        try index.refresh { Issue.record("\($0)") }
        let memory = CheckedClaims.workspace(desk.root)
        #expect(try index.count() == memory.count() && memory.count() > 5)
        for text in try texts(desk) {
            let fromIndex = try index.similar(text, limit: 8)
            let fromMemory = memory.similar(text, limit: 8)
            #expect(fromIndex.map(\.ref) == fromMemory.map(\.ref), "\(text)")
            for (a, b) in zip(fromIndex, fromMemory) {
                #expect(abs(a.score - b.score) < 1e-9 && abs(a.strength - b.strength) < 1e-9, "\(text): \(a.ref)")
                #expect(try index.explain(text, a) == memory.explain(text, b))
            }
        }
        // The archive is matched and searched.
        #expect(try index.similar("Koalas are extinct in the wild", limit: 1).first?.ref == "https://example.org/checks/koalas")
        #expect(try index.searchArchive("vulnerable").hits.map(\.check.url) == ["https://example.org/checks/koalas"])
        #expect(try index.searchArchive("council", rating: .accurate).hits.isEmpty)
    }

    /// A change through the tool updates the index under the document's lock: the next refresh has
    /// nothing to read, and search and similar see the change.
    @Test func aChangeThroughTheToolIsIndexedAtOnce() throws {
        let desk = try IndexedDesk()
        try desk.writeArchive()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        try index.refresh { Issue.record("\($0)") }
        // Both built lazily, and from now on kept.
        #expect(try index.search("zebra").isEmpty)
        #expect(try index.similar("zebra", limit: 1).isEmpty)
        let workspace = Workspace(root: desk.root)
        let c12 = ClaimReference(document: "nk-icc", claim: "c12")
        _ = try ReviewStore.record(.assign(assignee: "Pat Example"), to: c12, in: workspace, by: "Pat Example")
        _ = try ReviewStore.record(
            .mark(.verified, rating: .accurate, sources: [Source(url: "https://example.org/zebra", relation: .supports)],
                  note: "A zebra of a summary."),
            to: c12, in: workspace, by: "Pat Example")
        #expect(try index.refresh { _ in } == .init(read: 0, unchanged: 2, removed: 0))
        #expect(try index.search("zebra").map { "\($0.row.document):\($0.row.claim)" } == ["nk-icc:c12"])
        #expect(try index.similar("zebra", limit: 1).first?.ref == "nk-icc:c12")
        // Still the in-memory matcher's answers.
        let memory = CheckedClaims.workspace(desk.root)
        for text in try texts(desk) {
            #expect(try index.similar(text, limit: 5).map(\.ref) == memory.similar(text, limit: 5).map(\.ref), "\(text)")
        }
        // Reopened: no longer a check to match.
        _ = try ReviewStore.record(.reopen(note: "new evidence", assignee: nil), to: c12, in: workspace, by: "Pat Example")
        #expect(try index.similar("zebra", limit: 1).isEmpty)
        #expect(try index.refresh { _ in }.read == 0)
    }

    /// A document edited by hand since it was indexed is not patched by a later write: the next
    /// refresh reads it whole.
    @Test func aWriteAfterAHandEditLeavesTheDocumentToTheNextRefresh() throws {
        let desk = try IndexedDesk()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        try index.refresh { _ in }
        let text = try String(contentsOfFile: desk.document, encoding: .utf8)
        try text.replacingOccurrences(of: "<note author=\"Sample Reviewer\"", with: "<note author=\"Sample Reviewex\"")
            .write(toFile: desk.document, atomically: true, encoding: .utf8)
        _ = try ReviewStore.record(
            .assign(assignee: "Pat Example"), to: ClaimReference(document: "nk-icc", claim: "c12"), in: Workspace(root: desk.root),
            by: "Pat Example")
        #expect(try index.refresh { _ in }.read == 1)
        var assigned: [String] = []
        try index.rows(ClaimFilter(statuses: [.inReview], assignee: "Pat Example"), quoteLimit: nil) { assigned.append("c\($0.number)") }
        #expect(assigned == ["c12"])
    }
}

@Suite struct ArchiveInTheIndex {
    /// An archive file that fails its schema keeps no checks in the index and is reported on every
    /// refresh until it is fixed; fixed, its checks are back.
    @Test func aBrokenArchiveIsReportedEveryTimeAndKeepsNoChecks() throws {
        let desk = try IndexedDesk()
        try desk.writeArchive()
        var warnings: [String] = []
        let index = desk.open(warnings: &warnings)
        _ = try index.similar("warm", limit: 1)  // postings built, so they are kept too
        let path = desk.root + "/archive/example-checkers.checks.xml"
        let good = try String(contentsOfFile: path, encoding: .utf8)
        try good.replacingOccurrences(of: "normalized=\"inaccurate\"", with: "normalized=\"bogus\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            var failures: [DocumentError] = []
            try index.refresh { failures.append($0) }
            #expect(failures.count == 1 && failures[0].diagnostics.first?.file == path, "\(failures)")
            #expect(try index.similar("Koalas are extinct in the wild", limit: 3).allSatisfy { !$0.ref.hasPrefix("https://") })
            #expect(try index.searchArchive("koalas").hits.isEmpty)
        }
        try good.write(toFile: path, atomically: true, encoding: .utf8)
        var failures = 0
        try index.refresh { _ in failures += 1 }
        #expect(failures == 0)
        #expect(try index.similar("Koalas are extinct in the wild", limit: 1).first?.ref == "https://example.org/checks/koalas")
        // The totals the scores use are the in-memory matcher's again.
        let memory = CheckedClaims.workspace(desk.root)
        #expect(try index.count() == memory.count())
        let text = "Koalas are extinct in the wild"
        let scores = zip(try index.similar(text, limit: 3), memory.similar(text, limit: 3))
        #expect(scores.allSatisfy { abs($0.score - $1.score) < 1e-9 && $0.ref == $1.ref })
    }
}

@Suite struct IndexBulkBuild {
    /// An index filled from empty (its claim indexes made after the rows) lists as one grown row by row.
    @Test func aBulkBuildListsAsAGrownOne() throws {
        let desk = try IndexedDesk()
        let sample = try String(contentsOfFile: desk.document, encoding: .utf8)
        func copy(_ number: Int) -> String { sample.replacingOccurrences(of: "id=\"nk-icc\"", with: "id=\"copy-\(number)\"") }
        for number in 0..<300 {
            try copy(number).write(toFile: desk.root + "/copy-\(number).factcheck.xml", atomically: false, encoding: .utf8)
        }
        func listing(_ index: WorkspaceIndex) throws -> [ClaimRow] {
            var rows: [ClaimRow] = []
            try index.rows(ClaimFilter(statuses: Set(Status.allCases)), quoteLimit: nil) { rows.append($0) }
            return rows
        }
        var warnings: [String] = []
        let bulk = desk.open(warnings: &warnings)
        #expect(try bulk.refresh { Issue.record("\($0)") }.read == 301)
        let grown = try #require(WorkspaceIndex.inMemory(workspace: desk.root))
        // One more document each time: never a bulk build.
        let paths = DocumentFinder.documents(in: desk.root)
        for count in 1...paths.count { try grown.refresh(Array(paths[..<count])) { _ in } }
        let rows = try listing(bulk)
        #expect(rows.count == 301 * 13)
        #expect(rows.map(\.path).sorted() == (try listing(grown)).map(\.path).sorted())
        #expect(rows.map(\.quote) == (try listing(grown)).map(\.quote))
        // Its indexes are there again: a change is found by file.
        try copy(7).write(toFile: desk.root + "/copy-7.factcheck.xml", atomically: true, encoding: .utf8)
        #expect(try bulk.refresh { _ in } == .init(read: 1, unchanged: 300, removed: 0))
        #expect(try listing(bulk).count == 301 * 13)
    }
}
