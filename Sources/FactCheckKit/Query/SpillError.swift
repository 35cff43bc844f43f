/// A temporary file of sorted rows could not be read back.
public struct SpillError: Error, Sendable {
    public let message: String
}
