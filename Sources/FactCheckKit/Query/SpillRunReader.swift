#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a run's rows back in order, 64 KiB at a time.
final class SpillRunReader {
    private let run: SpillRun
    private var buffer: [UInt8] = []
    private var position = 0
    private var offset = 0

    init(_ run: SpillRun) {
        self.run = run
    }

    func next() throws(SpillError) -> ClaimRow? {
        if position == buffer.count && offset == run.size { return nil }
        var row: ClaimRow?
        while true {
            row = SpillRunFormat.decode(buffer, at: &position)
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
