#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Workspace {
    /// The workspace a command run in `folder` works on: the nearest folder at or above it holding
    /// `factcheck-workspace.xml`, else the top of the git work tree it is in, else `folder` itself.
    ///
    /// The answer is relative when `folder` is (`..`, `../..`), so paths printed from it read from
    /// where the user is.
    public static func discover(from folder: String = ".") -> String {
        guard let absolute = realpath(folder, nil) else { return folder }
        let depth = String(cString: absolute).split(separator: "/").count
        free(absolute)
        let candidates = (0...depth).map { level in
            level == 0 ? folder : PathNames.join(folder, Array(repeating: "..", count: level).joined(separator: "/"))
        }
        if let settings = candidates.first(where: { isRegularFile(PathNames.join($0, settingsFile)) }) {
            return settings
        }
        if let top = candidates.first(where: { exists(PathNames.join($0, ".git")) }) {
            return top
        }
        return folder
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// A `.git` folder, or the `.git` file of a linked work tree or submodule.
    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
