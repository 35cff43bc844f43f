/// git's conflict markers, left in a document when a merge could not be made claim by claim. A file
/// holding them is not XML; it is reported as what it is, not as libxml2's complaint about a `<`.
enum ConflictMarkers {
    /// The line of the first marker (`<<<<<<<`, `=======` or `>>>>>>>` starting a line and followed
    /// by a space or the line's end), counting from 1.
    static func firstLine(in bytes: some Collection<UInt8>) -> Int? {
        var line = 1
        var atLineStart = true
        var run: UInt8 = 0
        var runLength = 0
        for byte in bytes {
            if runLength > 0 {
                if byte == run {
                    runLength += 1
                    continue
                }
                if runLength == 7 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
                    return line
                }
                runLength = 0
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                continue
            }
            if atLineStart && (byte == UInt8(ascii: "<") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">")) {
                run = byte
                runLength = 1
            }
            atLineStart = false
        }
        return runLength == 7 ? line : nil
    }

    /// The error for a file holding markers at `line`.
    static func error(path: String, line: Int) -> DocumentError {
        .invalid([Diagnostic(
            file: path, line: line, column: 1,
            message: "unresolved merge conflict markers at line \(line): git could not merge this document claim by claim; "
                + "keep one side's lines between the markers (or check the file out again) and run validate")])
    }
}
