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
                quote: index % 4 == 0 ? "" : "Quote \(index): «café» 🚀 " + String(repeating: "x", count: index % 50))
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
        let expected = input.sorted(by: ClaimRow.precedes)
        #expect(spill.count == 2_000)
        #expect(spill.runCount >= 1 && spill.runCount < 32)
        #expect(try sorted(spill) == expected)
        // Read again: the runs are read anew.
        #expect(try sorted(spill) == expected)
    }

    /// Each document's rows are gathered apart and joined to the others when it has been read.
    @Test func absorbedSpillsKeepTheirRuns() throws {
        let input = rows(1_000)
        let shared = SharedRows(budget: 50, temporaryFolder: scratch.path)
        for start in stride(from: 0, to: input.count, by: 125) {
            let document = RowSpill(budget: 40, temporaryFolder: scratch.path)
            input[start..<start + 125].forEach(document.append)
            shared.absorb(document)
            #expect(document.count == 0)
        }
        let all = shared.take()
        #expect(all.count == 1_000)
        #expect(all.runCount >= 8)
        #expect(try sorted(all) == input.sorted(by: ClaimRow.precedes))
    }

    @Test func emptyAndInMemoryOnly() throws {
        #expect(try sorted(RowSpill(budget: 10, temporaryFolder: scratch.path)).isEmpty)
        let few = rows(5)
        let spill = RowSpill(budget: 10, temporaryFolder: scratch.path)
        few.forEach(spill.append)
        #expect(try sorted(spill) == few.sorted(by: ClaimRow.precedes))
    }

    /// With nowhere to write runs, every row stays in memory and the order is the same.
    @Test func rowsStayInMemoryWhenNoRunCanBeWritten() throws {
        let input = rows(500)
        let spill = RowSpill(budget: 8, temporaryFolder: scratch.file("nonexistent/folder"))
        input.forEach(spill.append)
        #expect(spill.runCount == 0)
        #expect(try sorted(spill) == input.sorted(by: ClaimRow.precedes))
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
