import Foundation

/// Who is making a change: `--by NAME`, else `$FACTCHECK_REVIEWER`, else `git config user.name`.
public enum ReviewerIdentity {
    /// The reviewer's name, or nil when none of the three gives one.
    public static func resolve(explicit: String?, environment: [String: String], workspace: String) -> String? {
        for candidate in [explicit, environment["FACTCHECK_REVIEWER"]] {
            if let name = candidate?.trimmingWhitespace(), !name.isEmpty { return name }
        }
        return gitUserName(in: workspace)
    }

    /// `git config user.name` as seen from `folder`, if git is installed and it is set.
    private static func gitUserName(in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "user.name"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        return name.isEmpty ? nil : name
    }
}
