#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files the careful way: regular files only, a size cap, compressed data refused.
///
/// libxml2's own file readers follow any path and silently inflate gzip, so the tool reads
/// every file itself and hands libxml2 bytes in memory.
package enum InputFile {
    /// The largest file read by default (a report with a hundred thousand claims fits).
    package static let defaultLimit = 512 * 1024 * 1024

    /// The bytes of the regular file at `path`, or an error saying why they cannot be used.
    package static func read(_ path: String, limit: Int = defaultLimit) throws(XMLError) -> [UInt8] {
        try OpenInputFile(path, limit: limit).readUncompressed()
    }

    /// The name of the compression format `bytes` start with, if any.
    package static func compressionFormat(of bytes: [UInt8]) -> String? {
        let signatures: [(String, [UInt8])] = [
            ("gzip", [0x1F, 0x8B]),
            ("bzip2", [0x42, 0x5A, 0x68]),
            ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
            ("zstd", [0x28, 0xB5, 0x2F, 0xFD]),
            ("zip", [0x50, 0x4B, 0x03, 0x04]),
            ("lzma", [0x5D, 0x00, 0x00]),
        ]
        return signatures.first { bytes.starts(with: $0.1) }?.0
    }
}

/// A regular file opened for reading in pieces, checked as `InputFile.read` checks it: for
/// documents too large to hold. Readers read it at offsets of their own (several at once), never
/// past the size cap, and it is closed when the last of them lets go.
package final class OpenInputFile: Sendable {
    package let path: String
    package let limit: Int
    /// The size when it was opened.
    package let size: Int
    private let descriptor: Int32

    package init(_ path: String, limit: Int = InputFile.defaultLimit) throws(XMLError) {
        // O_NONBLOCK keeps a FIFO from hanging the open; it changes nothing for regular files.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: systemError()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = systemError()
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .notRegularFile(path: path)
        }
        guard Int(info.st_size) <= limit else {
            close(descriptor)
            throw .tooLarge(path: path, size: Int(info.st_size), limit: limit)
        }
        self.path = path
        self.limit = limit
        self.size = Int(info.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Up to `count` bytes from `offset` into `buffer`; 0 at the end of the file, -1 on an error.
    package func read(at offset: Int, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let result = pread(descriptor, buffer, count, off_t(offset))
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// The whole file, read until its end (never past the cap, even if it grew since it was opened).
    func readAll() throws(XMLError) -> [UInt8] {
        // Straight into the array, sized from fstat plus a byte to see the end: no chunk buffer
        // to allocate and clear for every document of a workspace.
        var capacity = min(size, limit) + 1
        var bytes: [UInt8] = []
        while true {
            var failed = false
            let start = bytes.count
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                if start > 0 { _ = buffer.initialize(from: bytes) }
                count = start
                while count < capacity {
                    let got = read(at: count, into: buffer.baseAddress! + count, count: capacity - count)
                    if got < 0 {
                        failed = true
                        return
                    }
                    if got == 0 { return }
                    count += got
                }
            }
            if failed { throw .unreadable(path: path, reason: systemError()) }
            guard bytes.count <= limit else { throw .tooLarge(path: path, size: bytes.count, limit: limit) }
            if bytes.count < capacity { return bytes }
            capacity = min(capacity * 2, limit + 1)  // the file grew: read on
        }
    }

    /// The whole file, refused if it is compressed data.
    package func readUncompressed() throws(XMLError) -> [UInt8] {
        let bytes = try readAll()
        if let format = InputFile.compressionFormat(of: bytes) { throw .compressed(path: path, format: format) }
        return bytes
    }

    /// The first `count` bytes (fewer if the file is shorter).
    package func head(_ count: Int) throws(XMLError) -> [UInt8] {
        try bytes(in: 0..<count)
    }

    /// The bytes in `range` (fewer if the file ends before it does).
    package func bytes(in range: Range<Int>) throws(XMLError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var filled = 0
        while filled < range.count {
            let got = bytes.withUnsafeMutableBytes {
                read(at: range.lowerBound + filled, into: $0.baseAddress! + filled, count: range.count - filled)
            }
            if got < 0 { throw .unreadable(path: path, reason: systemError()) }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(range.count - filled)
        return bytes
    }

    /// Where line `line` (1-based) starts, as a byte offset; nil if the file has fewer lines.
    /// Reads the file up to there, a megabyte at a time.
    /// Where byte `offset` of the file is, read from its start (for an error found while streaming).
    package func location(ofOffset offset: Int) -> TextLocation {
        var location = TextLocation()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position = 0
        while position < offset {
            let got = chunk.withUnsafeMutableBytes { read(at: position, into: $0.baseAddress!, count: min($0.count, offset - position)) }
            guard got > 0 else { break }
            chunk.withUnsafeBytes { location.advance(over: UnsafeRawBufferPointer(rebasing: $0[..<got])) }
            position += got
        }
        return location
    }

    package func offset(ofLine line: Int) throws(XMLError) -> Int? {
        guard line >= 1 else { return nil }
        var newlines = line - 1
        if newlines == 0 { return 0 }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        let base = UnsafeRawPointer(chunk.baseAddress!)
        var offset = 0
        while offset <= limit {
            let got = read(at: offset, into: chunk.baseAddress!, count: min(chunk.count, limit + 1 - offset))
            if got < 0 { throw .unreadable(path: path, reason: systemError()) }
            if got == 0 { return nil }
            var position = base
            while let newline = memchr(position, 0x0A, position.distance(to: base + got)) {
                position = UnsafeRawPointer(newline) + 1
                newlines -= 1
                if newlines == 0 { return offset + base.distance(to: position) }
            }
            offset += got
        }
        return nil
    }
}

private func systemError() -> String {
    String(cString: strerror(errno)).lowercased()
}
