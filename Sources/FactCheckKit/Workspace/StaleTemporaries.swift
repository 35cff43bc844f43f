#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that writers killed mid-write left beside a document (`.NAME.tmp-PID-RANDOM`,
/// see `AtomicFile`), removed by the next writer of that document.
enum StaleTemporaries {
    /// Removes the temporaries of `path` whose writing process is gone. Called with the document's
    /// lock held, so no live writer of this document is making one; the process check keeps a file
    /// whose writer still runs all the same (a writer on another machine sharing the folder, a pid
    /// taken again). Returns the names removed.
    @discardableResult
    static func remove(beside path: String) -> [String] {
        let (folder, name) = PathNames.split(path)
        let prefix = ".\(name).tmp-"
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var removed: [String] = []
        while let entry = readdir(directory) {
            let entryName = withUnsafePointer(to: &entry.pointee.d_name) { field in
                String(cString: UnsafeRawPointer(field).assumingMemoryBound(to: CChar.self))
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let fields = entryName.dropFirst(prefix.count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]), pid > 0, UInt32(fields[1]) != nil,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            if unlink(PathNames.join(folder, entryName)) == 0 { removed.append(entryName) }
        }
        return removed
    }
}
