#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's words for the last failed call.
enum SystemError {
    /// `strerror(errno)`, lower-case: "no such file or directory".
    static func lastMessage() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
