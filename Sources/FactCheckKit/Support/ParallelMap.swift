import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// `transform` of each of `items`, worked out on every core (a few items per turn), in order.
func parallelMap<Item: Sendable, Value: Sendable>(
    _ items: [Item], chunk: Int = 16, _ transform: @escaping @Sendable (Item) -> Value
) -> [Value] {
    guard items.count > chunk else { return items.map(transform) }
    let chunks = (items.count + chunk - 1) / chunk
    let results = Mutex<[[Value]?]>(Array(repeating: nil, count: chunks))
    let next = Atomic<Int>(0)
    let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8, chunks)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let number = next.add(1, ordering: .relaxed).oldValue
            guard number < chunks else { return }
            let values = items[number * chunk..<min(items.count, (number + 1) * chunk)].map(transform)
            results.withLock { $0[number] = values }
        }
    }
    return results.withLock { $0.flatMap { $0 ?? [] } }
}
