import Synchronization

/// The widest cell of each column so far, over every worker's documents.
final class ColumnWidths: Sendable {
    private let widths: Mutex<[Int]>

    init(_ initial: [Int]) {
        widths = Mutex(initial)
    }

    func widen(to others: [Int]) {
        widths.withLock { widths in
            for column in widths.indices { widths[column] = max(widths[column], others[column]) }
        }
    }

    var current: [Int] { widths.withLock { $0 } }
}
