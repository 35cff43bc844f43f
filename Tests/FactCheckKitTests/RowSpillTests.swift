import Foundation
import TestSupport
import Testing

@testable import FactCheckKit

/// `RowSpill`: a listing's rows sorted within a memory budget, through temporary files in a
/// folder each test makes for itself.
@Suite struct SortedRows {
    private let scratch = TemporaryDirectory()
    /// Rows with every kind of field: no score, ties on score, several documents, no assignee or
    /// rating, quotes with multi-byte text.
    private func rows(_ count: Int) -> [ClaimRow] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { index in
            ClaimRow(
                score: index % 7 == 0 ? nil : Double(Int.random(in: 0...20, using: &generator)) / 20,
                document: "doc-\(Int.random(in: 0..<40, using: &generator))", path: "/desk/doc-\(index).factcheck.xml",
                number: index, status: Status.allCases[index % Status.allCases.count],
                rating: index % 3 == 0 ? nil : Rating.allCases[index % Rating.allCases.count],
                assignee: index % 2 == 0 ? nil : "Reviewer \(index % 5)",
                quote: index % 4 == 0 ? "" : "Quote \(index): «café» 🚀 " + String(repeating: "x", count: index % 50),
                changed: 20141110_100000_000 + Int64(Int.random(in: 0..<20, using: &generator)) * 1_000_000_000)
        }
    }

    private func sorted(_ spill: RowSpill) throws -> [ClaimRow] {
        var out: [ClaimRow] = []
        try spill.forEachSorted { out.append($0) }
        return out
    }

    @Test func manyRunsMergeToTheSortedRows() throws {
        let input = rows(2_000)
        let spill = RowSpill(budget: 16, temporaryFolder: scratch.path)  // 125 runs: merged into one whenever 32 pile up
        input.forEach(spill.append)
        let expected = input.sorted { ClaimRow.precedes($0, $1) }
        #expect(spill.count == 2_000)
        #expect(spill.runCount >= 1 && spill.runCount < 32)
        #expect(try sorted(spill) == expected)
        // Read again: the runs are read anew.
        #expect(try sorted(spill) == expected)
    }

    /// Every order survives the runs: written sorted, merged, and read back in the same order, the
    /// change time among the fields a run keeps.
    @Test(arguments: ListingOrder.allCases) func everyOrderMergesToTheSortedRows(order: ListingOrder) throws {
        let input = rows(600)
        let spill = RowSpill(budget: 16, temporaryFolder: scratch.path, order: order)
        input.forEach(spill.append)
        #expect(spill.runCount >= 1)
        let expected = input.sorted { ClaimRow.precedes($0, $1, by: order) }
        #expect(try sorted(spill) == expected)
        var first: [ClaimRow] = []
        try spill.forEachSorted(limit: 7) { first.append($0) }
        #expect(first == Array(expected.prefix(7)))
    }

    @Test func theOrdersSortByWhatTheyName() {
        func row(_ document: String, _ number: Int, score: Double?, status: Status, changed: Int64) -> ClaimRow {
            ClaimRow(score: score, document: document, path: "", number: number, status: status, rating: nil, assignee: nil,
                     quote: "", changed: changed)
        }
        let old = row("a", 2, score: 0.9, status: .verified, changed: 20141118_100000_000)
        let new = row("b", 1, score: 0.2, status: .pending, changed: 20141119_100000_000)
        let none = row("a", 1, score: nil, status: .pending, changed: 20141117_100000_000)
        let rows = [old, new, none]
        #expect(rows.sorted { ClaimRow.precedes($0, $1, by: .score) } == [old, new, none])
        #expect(rows.sorted { ClaimRow.precedes($0, $1, by: .time) } == [new, old, none])
        #expect(rows.sorted { ClaimRow.precedes($0, $1, by: .doc) } == [none, old, new])
        #expect(rows.sorted { ClaimRow.precedes($0, $1, by: .status) } == [new, none, old])
    }

    /// Change times sort as instants, written with or without a fraction; a date sorts before
    /// every time of its day.
    @Test func changeKeysSortLikeTheirInstants() {
        #expect(UTCTime.sortKey("2014-11-18T15:04:05Z") == "002014-11-18T15:04:05.000000000")
        #expect(UTCTime.sortKey("2014-11-18T15:04:05.25Z") == "002014-11-18T15:04:05.250000000")
        #expect(UTCTime.sortKey("2014-11-18T15:04:05Z") < UTCTime.sortKey("2014-11-18T15:04:05.5Z"))
        #expect(UTCTime.sortKey("2014-11-18") < UTCTime.sortKey("2014-11-18T00:00:00Z"))
        #expect(UTCTime.sortKey("2014-11-17T23:59:59Z") < UTCTime.sortKey("2014-11-18"))
        #expect(UTCTime.sortNumber("2014-11-18T15:04:05Z") == 20141118_150405_000)
        #expect(UTCTime.sortNumber("2014-11-18T15:04:05.25Z") == 20141118_150405_250)
        #expect(UTCTime.sortNumber("2014-11-18T15:04:05.2509Z") == 20141118_150405_250)
        #expect(UTCTime.sortNumber("2014-11-18") == 20141118_000000_000)
        #expect(UTCTime.sortNumber("2014-11-17T23:59:59.999Z") < UTCTime.sortNumber("2014-11-18"))
    }

    /// Each document's rows are gathered apart and joined to the others when it has been read.
    @Test func absorbedSpillsKeepTheirRuns() throws {
        let input = rows(1_000)
        let shared = SharedRows(budget: 50, temporaryFolder: scratch.path, order: .score)
        for start in stride(from: 0, to: input.count, by: 125) {
            let document = RowSpill(budget: 40, temporaryFolder: scratch.path)
            input[start..<start + 125].forEach(document.append)
            shared.absorb(document)
            #expect(document.count == 0)
        }
        let all = shared.take()
        #expect(all.count == 1_000)
        #expect(all.runCount >= 8)
        #expect(try sorted(all) == input.sorted { ClaimRow.precedes($0, $1) })
    }

    @Test func emptyAndInMemoryOnly() throws {
        #expect(try sorted(RowSpill(budget: 10, temporaryFolder: scratch.path)).isEmpty)
        let few = rows(5)
        let spill = RowSpill(budget: 10, temporaryFolder: scratch.path)
        few.forEach(spill.append)
        #expect(try sorted(spill) == few.sorted { ClaimRow.precedes($0, $1) })
    }

    /// With nowhere to write runs, every row stays in memory and the order is the same.
    @Test func rowsStayInMemoryWhenNoRunCanBeWritten() throws {
        let input = rows(500)
        let spill = RowSpill(budget: 8, temporaryFolder: scratch.file("nonexistent/folder"))
        input.forEach(spill.append)
        #expect(spill.runCount == 0)
        #expect(try sorted(spill) == input.sorted { ClaimRow.precedes($0, $1) })
    }

    /// The runs are unlinked as soon as they are made: nothing is left in the temporary folder.
    @Test func runsLeaveNoFiles() throws {
        let folder = scratch.file("runs")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let spill = RowSpill(budget: 8, temporaryFolder: folder)
        rows(100).forEach(spill.append)
        #expect(spill.runCount >= 1)
        #expect(try sorted(spill).count == 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
