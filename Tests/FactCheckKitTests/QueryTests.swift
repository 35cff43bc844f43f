import Foundation
import TestSupport
import Testing

@testable import FactCheckKit

/// A workspace of real files: the sample twice, one invalid document, and a path that is missing.
private struct Desk {
    let scratch = TemporaryDirectory()
    let sample: String

    init() throws {
        sample = try String(contentsOfFile: Fixture.sample("nk-icc.factcheck.xml"), encoding: .utf8)
        try scratch.write("desk/a/nk-icc.factcheck.xml", sample)
        try scratch.write("desk/b/nk-icc.factcheck.xml", sample)
        try scratch.write("desk/c/broken.factcheck.xml", "<annotation")
        try scratch.write("desk/notes.txt", "not a document")
    }

    var paths: [String] { [scratch.file("desk"), scratch.file("missing")] }
}

@Suite struct WorkspaceScanning {
    @Test func countsEachKindOfDocumentAndReportsFailuresInPathOrder() throws {
        let desk = try Desk()
        var scan = WorkspaceScan()
        var failures: [DocumentError] = []
        let ids = scan.map(desk.paths, { path throws(DocumentError) in
            var id = ""
            try DocumentStream.read(path: path, article: { id = $0.id }) { _ in }
            return id
        }, onFailure: { failures.append($0) })
        #expect(ids == ["nk-icc", "nk-icc"])
        #expect((scan.valid, scan.invalid, scan.unreadable, scan.checked) == (2, 1, 1, 4))
        #expect(failures.count == 2)
        #expect(failures.first?.diagnostics.first?.file.hasSuffix("broken.factcheck.xml") == true)
        #expect(failures.last?.diagnostics.first?.message == "no such file or folder")
        #expect(scan.errors == failures.map(\.diagnostics.count).reduce(0, +))
    }
}

@Suite struct ClaimCounting {
    @Test func countsTheValidDocuments() throws {
        let desk = try Desk()
        var scan = WorkspaceScan()
        let counts = ClaimCounts.count(desk.paths, scan: &scan)
        #expect(counts.documents == 2)
        #expect(counts.claims == 26)
        #expect(counts.byStatus == [.pending: 4, .inReview: 0, .verified: 12, .disputed: 8, .unverifiable: 2, .dismissed: 0])
        #expect(counts.byRating[.accurate] == 8)
        #expect(counts.byRating[.mostlyAccurate] == 4)
        #expect(counts.byRating[.mixed] == 4)
        #expect(counts.byReviewer == ["Sample Reviewer": 20])
        #expect(scan.invalid == 1 && scan.unreadable == 1)
    }
}

@Suite struct ClaimQuerying {
    /// The rows in order, without their paths: the desk's two copies of the sample tie on
    /// everything else, so which comes first is not defined.
    private func sorted(_ rows: RowSpill) throws -> [ClaimRow] {
        var out: [ClaimRow] = []
        try rows.forEachSorted { row in
            var row = row
            row.path = ""
            out.append(row)
        }
        return out
    }

    @Test func rowsComeInListingOrderWhateverTheBudget() throws {
        let desk = try Desk()
        let filter = ClaimFilter(statuses: Set(Status.allCases))
        var scan = WorkspaceScan()
        let inMemory = ClaimQuery(filter: filter, temporaryFolder: desk.scratch.path).run(desk.paths, scan: &scan)
        let expected = try sorted(inMemory.rows)
        #expect(expected.count == 26)
        for (earlier, later) in zip(expected, expected.dropFirst()) {
            #expect(!ClaimRow.precedes(later, earlier))
        }
        var spilled = WorkspaceScan()
        let small = ClaimQuery(filter: filter, rowsInMemory: 3, temporaryFolder: desk.scratch.path).run(desk.paths, scan: &spilled)
        #expect(try sorted(small.rows) == expected)
        #expect(small.rows.runCount >= 1)
        #expect((spilled.valid, spilled.invalid, spilled.unreadable) == (2, 1, 1))
    }

    @Test func theFilterPicksStatusAssigneeRatingAndDocument() throws {
        let desk = try Desk()
        func rows(_ filter: ClaimFilter) throws -> [ClaimRow] {
            var scan = WorkspaceScan()
            return try sorted(ClaimQuery(filter: filter, temporaryFolder: desk.scratch.path).run(desk.paths, scan: &scan).rows)
        }
        #expect(try rows(ClaimFilter(statuses: [.pending])).count == 4)
        #expect(try rows(ClaimFilter(statuses: [.pending], documents: ["nk-icc"])).map(\.document) == Array(repeating: "nk-icc", count: 4))
        #expect(try rows(ClaimFilter(statuses: [.pending], documents: ["other"])).isEmpty)
        #expect(try rows(ClaimFilter(statuses: [.verified], rating: .accurate)).count == 8)
        #expect(try rows(ClaimFilter(statuses: [.verified], rating: .mixed)).isEmpty)
        #expect(try rows(ClaimFilter(statuses: Set(Status.allCases), assignee: "Nobody Here")).isEmpty)
    }

    @Test func quotesAreCutAndWidthsMeasured() throws {
        let desk = try Desk()
        var scan = WorkspaceScan()
        let found = ClaimQuery(filter: ClaimFilter(statuses: Set(Status.allCases)), quoteLimit: 10, temporaryFolder: desk.scratch.path)
            .run(desk.paths, scan: &scan, initialWidths: [5, 0], widen: { row, widths in
                widths[0] = max(widths[0], row.document.count)
                widths[1] = max(widths[1], row.quote.count)
            })
        let rows = try sorted(found.rows)
        #expect(rows.allSatisfy { $0.quote.count <= 10 })
        #expect(found.widths == [6, rows.map(\.quote.count).max()!])
    }
}

@Suite struct ArticleImporting {
    @Test func importsTheSeedArticleIntoAWorkspace() throws {
        let scratch = TemporaryDirectory()
        let workspace = Workspace(root: scratch.path)
        let outcome = try ArticleImport(publisher: "Example Publisher")
            .run(Fixture.sample("un-panel-north-korea-icc.txt"), in: workspace, actor: "factcheck", time: "2026-12-03T12:00:00Z")
        #expect(outcome.document.article.id == "un-panel-north-korea-icc")
        #expect(outcome.document.article.publisher == "Example Publisher")
        #expect(outcome.path == workspace.newDocumentPath(for: "un-panel-north-korea-icc"))
        #expect(!outcome.claims.isEmpty)
        #expect(outcome.claims.allSatisfy { $0.status == .pending && $0.created == "2026-12-03T12:00:00Z" })
        let stored = try DocumentLoader.load(path: outcome.path).document
        #expect(stored.article == outcome.document.article)
        #expect(stored.claims.map(\.anchor) == outcome.claims.map(\.anchor))
    }

    @Test func withoutAThresholdNoClaimsAreProposed() throws {
        let scratch = TemporaryDirectory()
        let outcome = try ArticleImport(id: "seed", threshold: nil)
            .run(Fixture.sample("un-panel-north-korea-icc.txt"), in: Workspace(root: scratch.path), actor: "factcheck", time: "2026-12-03T12:00:00Z")
        #expect(outcome.claims.isEmpty)
        #expect(outcome.document.claims.isEmpty)
        #expect(outcome.path.hasSuffix("/seed.factcheck.xml"))
    }

    @Test func aFileNameWithoutAnIDIsRefusedAndNothingWritten() throws {
        let scratch = TemporaryDirectory()
        let file = try scratch.write("in/---.txt", "A sentence of an article.\n")
        #expect(ArticleImport.documentID(forFile: file).name == "---.txt")
        #expect(ArticleImport.documentID(forFile: file).id == nil)
        #expect(ArticleImport.documentID(forFile: "/in/UN Panel.Backs.txt").id == "un-panel")
        #expect {
            try ArticleImport().run(file, in: Workspace(root: scratch.file("desk")), actor: "factcheck", time: "2026-12-03T12:00:00Z")
        } throws: { error in
            if case .noDocumentID(name: "---.txt")? = error as? ArticleImport.Failure { true } else { false }
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("desk")))
    }

    @Test func aMissingArticleIsADocumentError() throws {
        let scratch = TemporaryDirectory()
        #expect {
            try ArticleImport().run(scratch.file("absent.txt"), in: Workspace(root: scratch.path), actor: "factcheck", time: "2026-12-03T12:00:00Z")
        } throws: { error in
            if case .document(.unreadable)? = error as? ArticleImport.Failure { true } else { false }
        }
    }
}

@Suite struct NearestNames {
    @Test func distances() {
        #expect(EditDistance.between("nk-icc", "nk-icc") == 0)
        #expect(EditDistance.between("nk-icx", "nk-icc") == 1)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("kitten", "sitting") == 3)
    }

    @Test func onlyASlipIsSuggested() {
        #expect(EditDistance.nearest(to: "nk-icx", in: ["other", "nk-icc", "nk-ic"]) == "nk-icc")
        #expect(EditDistance.nearest(to: "trees", in: ["nk-icc"]) == nil)
        #expect(EditDistance.nearest(to: "nk-icc", in: ["nk-icc"]) == nil)
        #expect(EditDistance.nearest(to: "ab", in: ["ac", "ad"]) == "ac")
    }
}

@Suite struct Grouping {
    @Test(arguments: [(0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (30009, "30,009"), (1234567, "1,234,567"), (-4200, "-4,200")])
    func thousandsAreSetApart(value: Int, text: String) {
        #expect(DecimalFormat.grouped(value) == text)
    }
}
