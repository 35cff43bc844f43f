import SQLiteStore

/// Writes through the tool keep the index up to date at once, under the document's lock, so the
/// next `list` has nothing of theirs to read again.
///
/// Only a document the index held as it was just before the write is updated (the same stat, not
/// racily clean, valid): anything else is left for the next refresh to read, as it would be
/// without this. Any failure here is silent for the same reason: the index is a cache.
extension WorkspaceIndex {
    /// After claim `claim` of the document at `path` was written.
    static func written(_ claim: Claim, path: String, before: FileStat, workspace root: String) {
        guard let index = existing(workspace: root, version: ToolVersion.current) else { return }
        try? index.update(path: path, before: before) { writer, file, document throws(SQLiteError) in
            try writer.replace(claim: claim, file: file, document: document)
        }
    }

    /// After the whole document at `path` was written.
    static func written(_ document: AnnotationDocument, path: String, before: FileStat, workspace root: String) {
        guard let index = existing(workspace: root, version: ToolVersion.current) else { return }
        try? index.update(path: path, before: before) { writer, file, _ throws(SQLiteError) in
            try writer.replaceClaims(of: file, with: document.claims, document: document.article.id)
        }
    }

    /// Runs `change` on the rows of the file at `path` in one transaction, then notes the file's new
    /// stat, if the index held it as `before`.
    private func update(
        path: String, before: FileStat, _ change: (IndexWriter, Int64, String) throws(SQLiteError) -> Void
    ) throws(SQLiteError) {
        guard let after = FileStat(path) else { return }
        try database.transaction { () throws(SQLiteError) in
            guard let row = try database.rows(
                "SELECT row, size, mtime, ctime, inode, indexed, id FROM files WHERE path = ? AND problems IS NULL",
                [.text(relative(path))]).first,
                let file = row[0].integer
            else { return }
            let noted = FileStat(size: row[1].integer ?? -1, mtime: row[2].integer ?? -1, ctime: row[3].integer ?? -1, inode: row[4].integer ?? -1)
            guard noted == before, before.mtime < (row[5].integer ?? 0) else { return }
            let writer = try IndexWriter(self)
            try change(writer, file, row[6].text ?? "")
            try database.run(
                "UPDATE files SET size = ?, mtime = ?, ctime = ?, inode = ?, indexed = ? WHERE row = ?",
                [.integer(after.size), .integer(after.mtime), .integer(after.ctime), .integer(after.inode),
                 .integer(FileStat.now()), .integer(file)])
            try writer.finish()
        }
    }
}
