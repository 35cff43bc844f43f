import FactCheckKit
import Foundation
import Testing

@testable import FactCheckCLI

/// `RowSpill`: `list`'s rows sorted within a memory budget, through temporary files. Serialized:
/// one test points TMPDIR elsewhere for a moment.
@Suite(.serialized) struct SortedRows {
    /// Rows with every kind of field: no score, ties on score, several documents, no assignee or
    /// rating, quotes with multi-byte text.
    private func rows(_ count: Int) -> [ListedRow] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { index in
            ListedRow(
                score: index % 7 == 0 ? nil : Double(Int.random(in: 0...20, using: &generator)) / 20,
                document: "doc-\(Int.random(in: 0..<40, using: &generator))", path: "/desk/doc-\(index).factcheck.xml",
                number: index, status: Status.allCases[index % Status.allCases.count],
                rating: index % 3 == 0 ? nil : Rating.allCases[index % Rating.allCases.count],
                assignee: index % 2 == 0 ? nil : "Reviewer \(index % 5)",
                quote: index % 4 == 0 ? "" : "Quote \(index): «café» 🚀 " + String(repeating: "x", count: index % 50))
        }
    }

    private func sorted(_ spill: RowSpill) throws -> [ListedRow] {
        var out: [ListedRow] = []
        try spill.forEachSorted { out.append($0) }
        return out
    }

    @Test func manyRunsMergeToTheSortedRows() throws {
        let input = rows(2_000)
        let spill = RowSpill(budget: 16)  // 125 runs: merged into one whenever 32 pile up
        input.forEach(spill.append)
        let expected = input.sorted(by: ListedRow.precedes)
        #expect(spill.count == 2_000)
        #expect(spill.runCount >= 1 && spill.runCount < 32)
        #expect(try sorted(spill) == expected)
        // Read again: the runs are read anew.
        #expect(try sorted(spill) == expected)
    }

    /// Each document's rows are gathered apart and joined to the others when it has been read.
    @Test func absorbedSpillsKeepTheirRuns() throws {
        let input = rows(1_000)
        let shared = SharedRows(budget: 50)
        for start in stride(from: 0, to: input.count, by: 125) {
            let document = RowSpill(budget: 40)
            input[start..<start + 125].forEach(document.append)
            shared.absorb(document)
            #expect(document.count == 0)
        }
        let all = shared.take()
        #expect(all.count == 1_000)
        #expect(all.runCount >= 8)
        #expect(try sorted(all) == input.sorted(by: ListedRow.precedes))
    }

    @Test func emptyAndInMemoryOnly() throws {
        #expect(try sorted(RowSpill(budget: 10)).isEmpty)
        let few = rows(5)
        let spill = RowSpill(budget: 10)
        few.forEach(spill.append)
        #expect(try sorted(spill) == few.sorted(by: ListedRow.precedes))
    }

    /// With nowhere to write runs, every row stays in memory and the order is the same.
    @Test func rowsStayInMemoryWhenNoRunCanBeWritten() throws {
        setenv("TMPDIR", "/nonexistent/factcheck-test", 1)
        defer { unsetenv("TMPDIR") }
        let input = rows(500)
        let spill = RowSpill(budget: 8)
        input.forEach(spill.append)
        #expect(spill.runCount == 0)
        #expect(try sorted(spill) == input.sorted(by: ListedRow.precedes))
    }

    /// The runs are unlinked as soon as they are made: nothing is left in the temporary folder.
    @Test func runsLeaveNoFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        setenv("TMPDIR", folder, 1)
        defer { unsetenv("TMPDIR") }
        let spill = RowSpill(budget: 8)
        rows(100).forEach(spill.append)
        #expect(spill.runCount >= 1)
        #expect(try sorted(spill).count == 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
