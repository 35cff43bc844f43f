#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds annotation documents under the paths a user names.
public enum DocumentFinder {
    /// One named path: a document to read, or one that does not exist.
    public enum Entry: Sendable, Hashable {
        case document(String)
        case missing(String)
    }

    /// Files named directly are taken as they are; folders are searched recursively for
    /// `*.factcheck.xml`, in sorted order. Hidden folders (`.git`, `.build`) are skipped. A folder
    /// named directly whose name is a document's (`x.factcheck.xml/`) is taken as the document the
    /// user meant, so reading it says it is not a regular file, rather than checking nothing.
    public static func entries(for paths: [String]) -> [Entry] {
        var result: [Entry] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                result.append(.missing(path))
                continue
            }
            var name = Substring(path)
            while name.count > 1 && name.hasSuffix("/") { name = name.dropLast() }
            if (info.st_mode & S_IFMT) == S_IFDIR && !name.hasSuffix(AnnotationDocument.fileSuffix) {
                result += documents(in: path).map(Entry.document)
            } else {
                result.append(.document(path))
            }
        }
        return result
    }

    /// Every `*.factcheck.xml` below `folder`, sorted by path (byte by byte, as `ls` in the C locale)
    /// unless `sorted` is false (in the order the folders list them).
    public static func documents(in folder: String, sorted: Bool = true) -> [String] {
        var found: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                // Read in place up to its NUL: a copy of the whole field would read bytes past
                // the name that were never written (valgrind reports each use of them).
                let name = withUnsafePointer(to: &entry.pointee.d_name) { field in
                    String(cString: UnsafeRawPointer(field).assumingMemoryBound(to: CChar.self))
                }
                if name.hasPrefix(".") { continue }
                let path = PathNames.join(current, name)
                // The entry's type from readdir saves a stat per file; some file systems leave it unknown.
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var info = stat()
                    guard stat(path, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    pending.append(path)
                } else if type == UInt8(DT_REG), name.hasSuffix(AnnotationDocument.fileSuffix) {
                    found.append(path)
                }
            }
        }
        return sorted ? found.sorted { $0.bytePrecedes($1) } : found
    }
}
