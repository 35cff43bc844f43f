import Synchronization

/// How many documents a command has read of those it means to read, for a progress line; the
/// threads reading them count as they go.
public final class ReadCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)

    public init() {}

    /// `count` more documents are to be read.
    public func expect(_ count: Int) {
        expected.add(count, ordering: .relaxed)
    }

    /// `count` more documents have been read.
    public func read(_ count: Int = 1) {
        done.add(count, ordering: .relaxed)
    }

    /// Documents read so far, and to be read in all.
    public var progress: (done: Int, total: Int) {
        (done.load(ordering: .relaxed), expected.load(ordering: .relaxed))
    }
}
