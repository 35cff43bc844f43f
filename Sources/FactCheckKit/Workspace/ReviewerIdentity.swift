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
        let name = ChildProcess.output(of: ["git", "-C", folder, "config", "user.name"])?.trimmingWhitespace()
        return name?.isEmpty == false ? name : nil
    }
}
