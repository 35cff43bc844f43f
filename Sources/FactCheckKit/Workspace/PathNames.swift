#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LibXML

/// Small path and system helpers for the workspace store.
enum FilePath {
    /// The folder and file name of `path` (the folder is "." for a bare name).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    static func join(_ folder: String, _ name: String) -> String {
        if folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func systemError() -> String {
        String(cString: strerror(errno)).lowercased()
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Folder creation for `init`.
enum FileSystem {
    /// Makes `path` and its parents, like `mkdir -p`.
    static func makeFolder(_ path: String) throws(DocumentError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .unreadable([Diagnostic(file: current, message: "cannot create folder: \(FilePath.systemError())")])
            }
        }
    }
}
