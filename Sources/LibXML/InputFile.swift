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
public enum InputFile {
    /// The largest file read by default (a report with a hundred thousand claims fits).
    public static let defaultLimit = 512 * 1024 * 1024

    /// The bytes of the regular file at `path`, or an error saying why they cannot be used.
    public static func read(_ path: String, limit: Int = defaultLimit) throws(XMLError) -> [UInt8] {
        // O_NONBLOCK keeps a FIFO from hanging the open; it changes nothing for regular files.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .unreadable(path: path, reason: systemError()) }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: systemError()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile(path: path) }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }

        // Read until end of file, never past the cap, even if the file grew since fstat.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: systemError())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= limit else { throw .tooLarge(path: path, size: bytes.count, limit: limit) }
        }
        if let format = compressionFormat(of: bytes) { throw .compressed(path: path, format: format) }
        return bytes
    }

    /// The name of the compression format `bytes` start with, if any.
    public static func compressionFormat(of bytes: [UInt8]) -> String? {
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

    private static func systemError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
