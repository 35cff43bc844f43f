#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sorted rows in an unlinked temporary file, closed when the last holder lets go.
final class SpillRun: Sendable {
    let descriptor: Int32
    let size: Int

    /// Writes `rows` in the order `order` gives, in `folder`; nil if the file cannot be made or written.
    convenience init?(_ rows: [ClaimRow], order: [Int], in folder: String) {
        self.init(in: folder) { write in order.allSatisfy { write(rows[$0]) } }
    }

    /// Writes the merge of `runs` (each sorted in `order`) in `folder`; nil if it fails.
    convenience init?(merging runs: [SpillRun], in folder: String, order: ListingOrder) {
        let spill = RowSpill(budget: .max, temporaryFolder: folder, order: order)
        spill.runs = runs
        self.init(in: folder) { write in
            var written = true
            do {
                try spill.forEachSorted { row in if written { written = write(row) } }
            } catch {
                return false
            }
            return written
        }
    }

    /// A new run in `folder` filled by `fill`, which hands each row to the writer it is given and
    /// says whether all of them were written.
    private init?(in folder: String, _ fill: ((ClaimRow) -> Bool) -> Bool) {
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
            SpillRunFormat.encode(row, into: &buffer)
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
