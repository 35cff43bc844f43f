#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LibXML

/// Writes files so that a crash, a full disk or a failed fsync at any moment leaves either the old
/// content or the new, never a mix: temporary file in the same folder, fsync, rename, fsync the folder.
enum AtomicFile {
    /// Replaces the file at `path` with `bytes`, keeping its permissions.
    static func replace(_ path: String, with bytes: [UInt8]) throws(DocumentError) {
        try Replacement(path, with: bytes).commit()
    }

    /// What a new file is made of: bytes, and stretches of an open file copied as they are.
    enum Piece: Sendable {
        case bytes([UInt8])
        case copy(OpenInputFile, Range<Int>)
    }

    /// New content for `path`, written and flushed beside it but not yet in its place: `commit`
    /// renames it over the file; released without a commit, it is removed. So the writing can go
    /// on while the change is still being checked.
    ///
    /// Sendable because it is handed from the thread that writes it to the one that commits it;
    /// only one of them holds it at a time.
    final class Replacement: @unchecked Sendable {
        let path: String
        private var temporary: String?

        convenience init(_ path: String, with bytes: [UInt8]) throws(DocumentError) {
            try self.init(path, with: [.bytes(bytes)])
        }

        init(_ path: String, with pieces: [Piece]) throws(DocumentError) {
            var info = stat()
            let mode = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o644
            self.path = path
            temporary = try writeTemporary(beside: path, pieces: pieces, mode: mode)
        }

        func commit() throws(DocumentError) {
            guard let written = temporary else { return }
            temporary = nil
            guard rename(written, path) == 0 else {
                let reason = SystemError.lastMessage()
                unlink(written)
                throw failure(path, "cannot replace the document: \(reason)")
            }
            try syncFolder(of: path, afterWriting: "the change is written")
        }

        deinit {
            if let temporary { unlink(temporary) }
        }
    }

    /// Creates `path` with `bytes`; refuses if it exists, even if another process creates it meanwhile.
    static func create(_ path: String, with bytes: [UInt8]) throws(DocumentError) {
        let temporary = try writeTemporary(beside: path, pieces: [.bytes(bytes)], mode: 0o644)
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            let reason = errno == EEXIST ? "it already exists" : SystemError.lastMessage()
            throw failure(path, "cannot create file: \(reason)")
        }
        try syncFolder(of: path, afterWriting: "the file is created")
    }

    /// Refuses, as `create` would, a `path` that already exists.
    static func checkFree(_ path: String) throws(DocumentError) {
        var info = stat()
        if lstat(path, &info) == 0 { throw failure(path, "cannot create file: it already exists") }
    }

    /// The temporary file's name, hidden and unique: `.NAME.tmp-PID-RANDOM`.
    private static func writeTemporary(beside path: String, pieces: [Piece], mode: mode_t) throws(DocumentError) -> String {
        let (folder, name) = PathNames.split(path)
        let temporary = PathNames.join(folder, ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, "cannot write in \(folder): \(SystemError.lastMessage())") }
        do throws(DocumentError) {
            for piece in pieces {
                switch piece {
                case .bytes(let bytes):
                    guard bytes.withUnsafeBytes({ Descriptor.writeAll($0, to: fd) }) else {
                        throw failure(path, "cannot write the document: \(SystemError.lastMessage())")
                    }
                case .copy(let file, let range):
                    try copy(range, of: file, to: fd, path: path)
                }
            }
            guard fsync(fd) == 0 else { throw failure(path, "cannot flush the document to disk: \(SystemError.lastMessage())") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            unlink(temporary)
            throw failure(path, "cannot write the document: \(SystemError.lastMessage())")
        }
        return temporary
    }

    /// Copies `range` of `file` through a buffer of a megabyte: no copy of the whole file in memory.
    private static func copy(_ range: Range<Int>, of file: OpenInputFile, to fd: Int32, path: String) throws(DocumentError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let got = file.read(at: offset, into: chunk.baseAddress!, count: min(chunk.count, range.upperBound - offset))
            guard got >= 0 else { throw failure(path, "cannot read the document: \(SystemError.lastMessage())") }
            guard got > 0 else { throw failure(path, "the document got shorter while it was being rewritten") }
            guard Descriptor.writeAll(UnsafeRawBufferPointer(rebasing: chunk[..<got]), to: fd) else {
                throw failure(path, "cannot write the document: \(SystemError.lastMessage())")
            }
            offset += got
        }
    }

    /// Flushes the folder of `path`, whose new file is already in place (`done` says what is): a
    /// failure here is reported as that state, not as a failed write.
    private static func syncFolder(of path: String, afterWriting done: String) throws(DocumentError) {
        let folder = PathNames.split(path).folder
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var reason: String?
        if fd < 0 {
            reason = SystemError.lastMessage()
        } else {
            if fsync(fd) != 0 { reason = SystemError.lastMessage() }
            close(fd)
        }
        guard let reason else { return }
        throw .writtenNotFlushed([Diagnostic(
            file: path, severity: .warning,
            message: "\(done) and every reader sees it, but \(folder) could not be flushed to disk (\(reason)): "
                + "a system crash before the disk catches up could still undo it; do not repeat the command")])
    }

    private static func failure(_ path: String, _ message: String) -> DocumentError {
        .unreadable([Diagnostic(file: path, message: message)])
    }
}

/// Writes command output to a file the same safe way documents are written.
public enum OutputFile {
    /// Writes `text` to `path` atomically, replacing any file there.
    public static func write(_ text: String, to path: String) throws(DocumentError) {
        try AtomicFile.replace(path, with: Array(text.utf8))
    }
}
