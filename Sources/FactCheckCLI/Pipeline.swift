import Dispatch
import Synchronization

/// Hands what `produce` makes, in batches, to `consume` on a thread of its own, in order, so the
/// two run on two cores; at most a few batches wait between them, so memory stays flat. Returns
/// once `consume` has had the last batch.
func pipelined<Item: Sendable>(
    batch size: Int = 1024, _ produce: ((Item) -> Void) -> Void, consume: @escaping @Sendable ([Item]) -> Void
) {
    let queue = BatchQueue<Item>()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        while let batch = queue.take() { consume(batch) }
        done.signal()
    }
    var batch: [Item] = []
    batch.reserveCapacity(size)
    produce { item in
        batch.append(item)
        if batch.count == size {
            queue.put(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    if !batch.isEmpty { queue.put(batch) }
    queue.close()
    done.wait()
}

/// Batches between a producer and a consumer: `put` waits while four are waiting, `take` while
/// none is, until the queue is closed.
private final class BatchQueue<Item: Sendable>: Sendable {
    private let state = Mutex<(batches: [[Item]], closed: Bool)>(([], false))
    private let free = DispatchSemaphore(value: 4)
    private let ready = DispatchSemaphore(value: 0)

    func put(_ batch: [Item]) {
        free.wait()
        state.withLock { $0.batches.append(batch) }
        ready.signal()
    }

    func close() {
        state.withLock { $0.closed = true }
        ready.signal()
    }

    func take() -> [Item]? {
        while true {
            ready.wait()
            let next: [Item]?? = state.withLock { state in
                if !state.batches.isEmpty { return .some(state.batches.removeFirst()) }
                return state.closed ? .some(nil) : nil
            }
            if let next {
                if next != nil { free.signal() }
                return next
            }
        }
    }
}
