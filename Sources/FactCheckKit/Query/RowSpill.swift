/// Rows kept in a listing's order (`ClaimRow.precedes`) within a memory budget. Past `budget` rows, the rows in memory are
/// sorted and written to a temporary file (a run; unlinked at once, so nothing is left behind),
/// and reading merges the runs with what is still in memory. A listing of every claim of a large
/// archive so holds a few megabytes at a time. If a run cannot be written, its rows stay in
/// memory: the list is still complete, only larger.
///
/// Used by one thread at a time: a worker's own for one document, or the shared one under the
/// lock of `SharedRows`.
public final class RowSpill: @unchecked Sendable {
    public let budget: Int
    /// The order the rows are handed out in.
    public let order: ListingOrder
    /// Where runs are made (each unlinked as soon as it is opened).
    public let temporaryFolder: String
    private var rows: [ClaimRow] = []
    var runs: [SpillRun] = []
    public private(set) var count = 0
    /// A run could not be written: from then on the rows stay in memory, and are not sorted again
    /// and again in vain.
    private var cannotSpill = false

    /// How many runs the rows are spread over now (for tests).
    var runCount: Int { runs.count }

    /// Rows kept in memory up to `budget`, then sorted in `order` into runs in `temporaryFolder`.
    public init(budget: Int, temporaryFolder: String, order: ListingOrder = .score) {
        self.budget = budget
        self.temporaryFolder = temporaryFolder
        self.order = order
    }

    public func append(_ row: ClaimRow) {
        rows.append(row)
        count += 1
        if rows.count >= budget && !cannotSpill { spill() }
    }

    /// Takes over everything `other` (kept in the same order) holds.
    public func absorb(_ other: RowSpill) {
        absorbWithoutSpilling(other)
        if rows.count >= budget && !cannotSpill { spill() }
    }

    /// `absorb`, leaving the rows in memory over budget (`SharedRows` spills them outside its lock).
    func absorbWithoutSpilling(_ other: RowSpill) {
        runs += other.runs
        other.runs = []
        rows += other.rows
        other.rows = []
        count += other.count
        other.count = 0
        cannotSpill = cannotSpill || other.cannotSpill
        compactRuns()
    }

    /// The rows in memory, if they reached the budget, in a spill of their own (taken out of this one).
    func takeRowsIfFull() -> RowSpill? {
        guard rows.count >= budget, !cannotSpill else { return nil }
        let full = RowSpill(budget: budget, temporaryFolder: temporaryFolder, order: order)
        full.rows = rows
        full.count = rows.count
        rows = []
        count -= full.count
        return full
    }

    /// Hands out every row in order, or the first `limit`; may be called again (the runs are read anew).
    public func forEachSorted(limit: Int = .max, _ body: (ClaimRow) -> Void) throws(SpillError) {
        let order = self.order
        let sorted = Self.sortedIndices(of: rows, by: order)
        let readers = runs.map(SpillRunReader.init)
        var memory = sorted.lazy.map { self.rows[$0] }.makeIterator()
        var handed = 0
        var heads: [ClaimRow?] = try readers.map { reader throws(SpillError) in try reader.next() }
        var inMemory = memory.next()
        while true {
            var best: Int?  // index into heads; nil means the row in memory
            var bestRow = inMemory
            for (index, head) in heads.enumerated() {
                if let head, bestRow.map({ ClaimRow.precedes(head, $0, by: order) }) ?? true {
                    best = index
                    bestRow = head
                }
            }
            guard handed < limit, let row = bestRow else { return }
            body(row)
            handed += 1
            if let best {
                heads[best] = try readers[best].next()
            } else {
                inMemory = memory.next()
            }
        }
    }

    /// The indices of `rows` in order. The indices are sorted, not the rows: a row is eight
    /// fields, four of them strings, and every move of one during a sort retained and released
    /// them; nor is a sorted copy made, which would hold every row twice.
    private static func sortedIndices(of rows: [ClaimRow], by order: ListingOrder) -> [Int] {
        rows.withUnsafeBufferPointer { buffer in
            buffer.indices.sorted { ClaimRow.precedes(buffer[$0], buffer[$1], by: order) }
        }
    }

    /// Sorts the rows in memory and writes them out as a run; keeps them if that fails.
    func spill() {
        let sorted = Self.sortedIndices(of: rows, by: order)
        guard let run = SpillRun(rows, order: sorted, in: temporaryFolder) else {
            cannotSpill = true
            return
        }
        runs.append(run)
        rows.removeAll(keepingCapacity: true)
        compactRuns()
    }

    /// Very many runs would mean very many open files: merges them into one now and then.
    private func compactRuns() {
        if runs.count >= 32, let merged = SpillRun(merging: runs, in: temporaryFolder, order: order) { runs = [merged] }
    }
}
