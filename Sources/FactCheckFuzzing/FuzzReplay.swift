import Glibc
import LibXML

/// Runs a fuzz target's check over files and folders of inputs, for builds without libFuzzer: the
/// seed corpus in the tests, a crash input reproduced under the debugger.
enum FuzzReplay {
    /// Checks every file named on the command line, or inside a folder named there; prints the count.
    static func run(_ check: ([UInt8]) -> Void) {
        let arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty else {
            FuzzReplay.printError("usage: \(CommandLine.arguments[0]) FILE-OR-FOLDER...\n")
            exit(2)
        }
        var count = 0
        for argument in arguments {
            for file in files(at: argument) {
                let bytes: [UInt8]
                do {
                    bytes = try InputFile.read(file)
                } catch {
                    printError("\(error)\n")
                    exit(2)
                }
                check(bytes)
                count += 1
            }
        }
        print("\(count) inputs checked")
    }

    /// The file itself, or a folder's regular files (not its subfolders) in name order.
    static func files(at path: String) -> [String] {
        guard let folder = opendir(path) else { return [path] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            var info = stat()
            if stat("\(path)/\(name)", &info) == 0, info.st_mode & S_IFMT == S_IFREG { names.append(name) }
        }
        return names.sorted().map { "\(path)/\($0)" }
    }

    /// Writes `message` to standard error, unbuffered, so it is out before an abort.
    static func printError(_ message: String) {
        var bytes = Array(message.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            bytes = bytes.dropFirst(count)
        }
    }
}
