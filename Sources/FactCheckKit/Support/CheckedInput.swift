import LibXML

/// Reads an input file the careful way the documents are read: a regular file only, under a size
/// cap, compressed data refused.
public enum CheckedInput {
    /// The bytes of the regular file at `path`: unreadable if it cannot be read or is not a regular
    /// file, invalid if it is too large or compressed.
    public static func read(_ path: String, limit: Int) throws(DocumentError) -> [UInt8] {
        do throws(XMLError) {
            return try InputFile.read(path, limit: limit)
        } catch {
            throw DocumentError(error)
        }
    }
}
