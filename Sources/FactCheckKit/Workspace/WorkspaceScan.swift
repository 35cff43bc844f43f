import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Reads the documents under some paths on every core, one document per worker at a time and
/// each as a stream, so memory stays flat however large the workspace or a document; what each
/// document yields comes back in path order. Unreadable or invalid documents are handed to
/// `onFailure`, in path order, and counted.
public struct WorkspaceScan: Sendable {
    public private(set) var valid = 0
    public private(set) var invalid = 0
    public private(set) var unreadable = 0
    /// The diagnostics of every failed document, added up.
    public private(set) var errors = 0

    /// How many documents were looked at: valid, invalid or unreadable.
    public var checked: Int { valid + invalid + unreadable }
    /// Counts the documents as they are read, for a progress line.
    public var counter: ReadCounter?

    public init(counter: ReadCounter? = nil) {
        self.counter = counter
    }

    /// `read`'s result for each valid document under `paths`, in path order; `read` is given a
    /// document's path and streams it (see `DocumentStream`). A path that does not exist counts
    /// as unreadable. `onFailure` is called on this thread, in path order, once every document
    /// has been read.
    public mutating func map<T: Sendable>(
        _ paths: [String], _ read: @escaping @Sendable (String) throws(DocumentError) -> T,
        onFailure: (DocumentError) -> Void = { _ in }
    ) -> [T] {
        let entries = DocumentFinder.entries(for: paths)
        let outcomes = Outcomes<T>(count: entries.count)
        let counter = counter
        counter?.expect(entries.count)
        let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8, max(entries.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = outcomes.claim() {
                switch entries[index] {
                case .missing(let path):
                    outcomes.store(.failure(.unreadable([.init(file: path, message: "no such file or folder")])), at: index)
                case .document(let path):
                    do throws(DocumentError) {
                        outcomes.store(.success(try read(path)), at: index)
                    } catch {
                        outcomes.store(.failure(error), at: index)
                    }
                }
                counter?.read()
            }
        }
        var values: [T] = []
        for outcome in outcomes.results {
            switch outcome {
            case .success(let value)?:
                valid += 1
                values.append(value)
            case .failure(let error)?:
                onFailure(error)
                errors += error.diagnostics.count
                switch error {
                case .unreadable: unreadable += 1
                case .invalid: invalid += 1
                case .writtenNotFlushed: break  // only writes report it; a scan reads
                }
            case nil:
                break
            }
        }
        return values
    }
}

/// Results filled in by the workers, and the next index to take.
private final class Outcomes<T: Sendable>: Sendable {
    private struct State {
        var next = 0
        var results: [Result<T, DocumentError>?]
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(results: Array(repeating: nil, count: count)))
    }

    var results: [Result<T, DocumentError>?] { state.withLock { $0.results } }

    func claim() -> Int? {
        state.withLock { state in
            guard state.next < state.results.count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func store(_ result: Result<T, DocumentError>, at index: Int) {
        state.withLock { $0.results[index] = result }
    }
}
