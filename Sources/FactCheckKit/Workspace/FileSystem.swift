#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Folder creation for `init`.
enum FileSystem {
    /// Makes `path` and its parents, like `mkdir -p`.
    static func makeFolder(_ path: String) throws(DocumentError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .unreadable([Diagnostic(file: current, message: "cannot create folder: \(SystemError.lastMessage())")])
            }
        }
    }
}
