import ArgumentParser
import FactCheckKit

/// Reads the documents under some paths one at a time, so memory stays flat however large the
/// workspace; unreadable or invalid ones are reported on stderr and remembered for the exit code.
struct DocumentScan {
    private(set) var failure: DocumentError?

    /// Calls `body` with each valid document under `paths`, in path order.
    mutating func forEach(_ paths: [String], _ body: (LoadedDocument) throws -> Void) throws {
        for entry in DocumentFinder.entries(for: paths) {
            switch entry {
            case .missing(let path):
                record(.unreadable([.init(file: path, message: "no such file or folder")]))
            case .document(let path):
                do {
                    try body(try DocumentLoader.load(path: path))
                } catch let error as DocumentError {
                    record(error)
                }
            }
        }
    }

    private mutating func record(_ error: DocumentError) {
        Terminal.report(error.diagnostics)
        if case .unreadable = failure { return }
        failure = error
    }

    /// Throws the exit code for what went wrong, after the results were printed.
    func finish() throws {
        switch failure {
        case .unreadable?: throw ExitCode(3)
        case .invalid?: throw ExitCode(1)
        case nil: break
        }
    }
}
