#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Documents that are symbolic links are written through to the file they point at: the lock and
/// the temporary file go beside the target, so the rename replaces it and the link stays a link.
enum SymbolicLinks {
    /// `path` with links in its last component followed (relative targets read from the link's
    /// folder); `path` itself when it is no link. A chain of more than 40 links is refused.
    static func target(of path: String) throws(DocumentError) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else {
                throw .unreadable([Diagnostic(file: path, message: "cannot read the link: \(SystemError.lastMessage())")])
            }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : PathNames.join(PathNames.split(current).folder, target)
        }
        throw .unreadable([Diagnostic(file: path, message: "too many levels of symbolic links")])
    }
}
