/// The tool's version: `--version`, and part of what the workspace index was made by.
public enum ToolVersion {
    public static let current = "0.1.0"
}
