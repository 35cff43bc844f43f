#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FactCheckKit
import Synchronization

/// One row of `list`, as it is sorted and written.
struct ListedRow: Sendable, Equatable {
    var score: Double?
    var document: String
    var path: String
    /// The claim id's number (ids are `c` and a number).
    var number: Int
    var status: Status
    var rating: Rating?
    var assignee: String?
    var quote: String

    init(_ claim: Claim, document: String, path: String, quoteLimit: Int?) {
        score = claim.score?.value
        self.document = document
        self.path = path
        number = Int(claim.id.dropFirst()) ?? 0
        status = claim.status
        rating = claim.verdict?.rating
        assignee = claim.assignee
        quote = quoteLimit.map { claim.anchor.exact.truncated(to: $0) } ?? claim.anchor.exact
    }

    init(
        score: Double?, document: String, path: String, number: Int, status: Status, rating: Rating?,
        assignee: String?, quote: String
    ) {
        (self.score, self.document, self.path, self.number) = (score, document, path, number)
        (self.status, self.rating, self.assignee, self.quote) = (status, rating, assignee, quote)
    }

    /// `list`'s order: best score first (no score last), then by document id and claim number.
    static func precedes(_ lhs: ListedRow, _ rhs: ListedRow) -> Bool {
        let left = lhs.score ?? -1, right = rhs.score ?? -1
        if left != right { return left > right }
        if lhs.document != rhs.document { return lhs.document < rhs.document }
        return lhs.number < rhs.number
    }
}

/// Rows kept in `list`'s order within a memory budget. Past `budget` rows, the rows in memory are
/// sorted and written to a temporary file (a run; unlinked at once, so nothing is left behind),
/// and reading merges the runs with what is still in memory. A list of every claim of a large
/// archive so holds a few megabytes at a time. If a run cannot be written, its rows stay in
/// memory: the list is still complete, only larger.
///
/// Used by one thread at a time: a worker's own for one document, or the shared one under the
/// lock of `SharedRows`.
final class RowSpill: @unchecked Sendable {
    let budget: Int
    private var rows: [ListedRow] = []
    fileprivate var runs: [Run] = []
    private(set) var count = 0
    /// A run could not be written: from then on the rows stay in memory, and are not sorted again
    /// and again in vain.
    private var cannotSpill = false

    /// How many runs the rows are spread over now (for tests).
    var runCount: Int { runs.count }

    init(budget: Int) {
        self.budget = budget
    }

    func append(_ row: ListedRow) {
        rows.append(row)
        count += 1
        if rows.count >= budget && !cannotSpill { spill() }
    }

    /// Takes over everything `other` holds.
    func absorb(_ other: RowSpill) {
        absorbWithoutSpilling(other)
        if rows.count >= budget && !cannotSpill { spill() }
    }

    /// `absorb`, leaving the rows in memory over budget (`SharedRows` spills them outside its lock).
    fileprivate func absorbWithoutSpilling(_ other: RowSpill) {
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
    fileprivate func takeRowsIfFull() -> RowSpill? {
        guard rows.count >= budget, !cannotSpill else { return nil }
        let full = RowSpill(budget: budget)
        full.rows = rows
        full.count = rows.count
        rows = []
        count -= full.count
        return full
    }

    /// Hands out every row in order; may be called again (the runs are read anew).
    func forEachSorted(_ body: (ListedRow) -> Void) throws(SpillError) {
        let order = Self.order(of: rows)
        let readers = runs.map(RunReader.init)
        var memory = order.lazy.map { self.rows[$0] }.makeIterator()
        var heads: [ListedRow?] = try readers.map { reader throws(SpillError) in try reader.next() }
        var inMemory = memory.next()
        while true {
            var best: Int?  // index into heads; nil means the row in memory
            var bestRow = inMemory
            for (index, head) in heads.enumerated() {
                if let head, bestRow.map({ ListedRow.precedes(head, $0) }) ?? true {
                    best = index
                    bestRow = head
                }
            }
            guard let row = bestRow else { return }
            body(row)
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
    private static func order(of rows: [ListedRow]) -> [Int] {
        rows.withUnsafeBufferPointer { buffer in
            buffer.indices.sorted { ListedRow.precedes(buffer[$0], buffer[$1]) }
        }
    }

    /// Sorts the rows in memory and writes them out as a run; keeps them if that fails.
    fileprivate func spill() {
        let order = Self.order(of: rows)
        guard let run = Run(rows, order: order) else {
            cannotSpill = true
            return
        }
        runs.append(run)
        rows.removeAll(keepingCapacity: true)
        compactRuns()
    }

    /// Very many runs would mean very many open files: merges them into one now and then.
    private func compactRuns() {
        if runs.count >= 32, let merged = Run(merging: runs) { runs = [merged] }
    }
}

struct SpillError: Error {
    let message: String
}

/// Sorted rows in an unlinked temporary file, closed when the last holder lets go.
private final class Run: Sendable {
    let descriptor: Int32
    let size: Int

    /// Writes `rows` in the order `order` gives; nil if the file cannot be made or written.
    convenience init?(_ rows: [ListedRow], order: [Int]) {
        self.init { write in order.allSatisfy { write(rows[$0]) } }
    }

    /// Writes the merge of `runs`; nil if it fails.
    convenience init?(merging runs: [Run]) {
        let spill = RowSpill(budget: .max)
        spill.runs = runs
        self.init { write in
            var written = true
            do {
                try spill.forEachSorted { row in if written { written = write(row) } }
            } catch {
                return false
            }
            return written
        }
    }

    /// A new run filled by `fill`, which hands each row to the writer it is given and says whether
    /// all of them were written.
    private init?(_ fill: ((ListedRow) -> Bool) -> Bool) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/.factcheck-list-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var buffer: [UInt8] = []
        var size = 0
        func flush() -> Bool {
            let written = buffer.withUnsafeBytes { Descriptor.writeAll($0, to: descriptor) }
            size += buffer.count
            buffer.removeAll(keepingCapacity: true)
            return written
        }
        let complete = fill { row in
            RunFormat.encode(row, into: &buffer)
            return buffer.count < 1 << 16 || flush()
        }
        guard complete, flush() else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.size = size
    }

    deinit {
        close(descriptor)
    }
}

/// Reads a run's rows back in order, 64 KiB at a time.
private final class RunReader {
    private let run: Run
    private var buffer: [UInt8] = []
    private var position = 0
    private var offset = 0

    init(_ run: Run) {
        self.run = run
    }

    func next() throws(SpillError) -> ListedRow? {
        if position == buffer.count && offset == run.size { return nil }
        var row: ListedRow?
        while true {
            row = RunFormat.decode(buffer, at: &position)
            if row != nil || offset == run.size { break }
            try refill()
        }
        guard let row else { throw SpillError(message: "a temporary file of sorted rows is damaged") }
        return row
    }

    /// Keeps the unread bytes and reads the next piece after them.
    private func refill() throws(SpillError) {
        buffer.removeFirst(position)
        position = 0
        let wanted = max(1 << 16, buffer.count)
        let start = buffer.count
        buffer += [UInt8](repeating: 0, count: min(wanted, run.size - offset))
        let got = buffer.withUnsafeMutableBytes { raw in
            pread(run.descriptor, raw.baseAddress! + start, raw.count - start, off_t(offset))
        }
        guard got > 0 else {
            throw SpillError(message: "cannot read back a temporary file of sorted rows: \(String(cString: strerror(errno)))")
        }
        buffer.removeLast(buffer.count - start - got)
        offset += got
    }
}

/// How a row is stored in a run: fixed fields, then the strings with their lengths.
private enum RunFormat {
    static func encode(_ row: ListedRow, into bytes: inout [UInt8]) {
        append((row.score ?? -1).bitPattern, to: &bytes)
        append(UInt64(bitPattern: Int64(row.number)), to: &bytes)
        bytes.append(UInt8(Status.allCases.firstIndex(of: row.status)!))
        bytes.append(row.rating.map { UInt8(Rating.allCases.firstIndex(of: $0)!) } ?? 0xFF)
        for text in [row.document, row.path, row.assignee ?? "", row.quote] {
            append(UInt64(text.utf8.count), to: &bytes)
            bytes += text.utf8
        }
        bytes.append(row.assignee == nil ? 0 : 1)
    }

    /// The row at `position`, moving past it; nil if `bytes` ends before it does.
    static func decode(_ bytes: [UInt8], at position: inout Int) -> ListedRow? {
        var cursor = position
        guard let scoreBits = read(bytes, &cursor), let number = read(bytes, &cursor), cursor + 2 <= bytes.count else {
            return nil
        }
        let status = Int(bytes[cursor]), rating = Int(bytes[cursor + 1])
        cursor += 2
        var texts: [String] = []
        for _ in 0..<4 {
            guard let length = read(bytes, &cursor), cursor + Int(length) <= bytes.count else { return nil }
            texts.append(String(decoding: bytes[cursor..<cursor + Int(length)], as: UTF8.self))
            cursor += Int(length)
        }
        guard cursor < bytes.count, status < Status.allCases.count else { return nil }
        let hasAssignee = bytes[cursor] == 1
        cursor += 1
        position = cursor
        let score = Double(bitPattern: scoreBits)
        return ListedRow(
            score: score == -1 ? nil : score, document: texts[0], path: texts[1], number: Int(Int64(bitPattern: number)),
            status: Status.allCases[status], rating: rating < Rating.allCases.count ? Rating.allCases[rating] : nil,
            assignee: hasAssignee ? texts[2] : nil, quote: texts[3])
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func read(_ bytes: [UInt8], _ cursor: inout Int) -> UInt64? {
        guard cursor + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[cursor + index]) << UInt64(8 * index) }
        cursor += 8
        return value
    }
}

/// The rows of every document read so far, shared by the workers: a document's rows are added
/// only once it has been read whole and found valid.
final class SharedRows: Sendable {
    private let spill: Mutex<RowSpill>

    init(budget: Int) {
        spill = Mutex(RowSpill(budget: budget))
    }

    /// Takes over `rows`. When the rows in memory reach the budget, they are sorted and written
    /// out after the lock is let go, so the other workers do not wait for it.
    func absorb(_ rows: RowSpill) {
        guard let full = spill.withLock({ shared -> RowSpill? in
            shared.absorbWithoutSpilling(rows)
            return shared.takeRowsIfFull()
        }) else { return }
        full.spill()
        spill.withLock { $0.absorbWithoutSpilling(full) }
    }

    /// The rows, once the workers are done.
    func take() -> RowSpill {
        spill.withLock { $0 }
    }
}
