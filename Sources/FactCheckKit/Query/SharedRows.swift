import Synchronization

/// The rows of every document read so far, shared by the workers: a document's rows are added
/// only once it has been read whole and found valid.
final class SharedRows: Sendable {
    private let spill: Mutex<RowSpill>

    init(budget: Int, temporaryFolder: String, order: ListingOrder) {
        spill = Mutex(RowSpill(budget: budget, temporaryFolder: temporaryFolder, order: order))
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
