import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the desk's documents live: `--workspace`, else `$FACTCHECK_WORKSPACE`, else the current folder.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace folder (default: $FACTCHECK_WORKSPACE or the current folder).")
    var workspace: String?

    var path: String {
        if let workspace { return workspace }
        if let environment = ProcessInfo.processInfo.environment["FACTCHECK_WORKSPACE"], !environment.isEmpty {
            return environment
        }
        return "."
    }
}
