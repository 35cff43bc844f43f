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

    func open(version: String = "test", warnings: inout [String]) -> WorkspaceIndex {
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
        try index.search(query) { _ in true }.map { "\($0.row.document):\($0.row.claim)" }
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
        #expect(try index.search("Kenneth") { _ in true }.map(\.row.path) == [renamed])
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
