/// `import-claimreview`: other desks' ClaimReview into the workspace's archive, one file per
/// publisher. Every file is read and every item checked before anything is written: a bad item
/// imports nothing.
public enum ClaimReviewImport {
    /// What an import did, per publisher.
    public struct Outcome: Sendable {
        public var path: String
        public var publisher: String
        public var added: Int
        /// Checks already in the archive (the same review url): not added twice.
        public var present: Int
    }

    public static func run(
        _ files: [String], into workspace: String, at time: String = UTCClock.now(), dryRun: Bool = false
    ) throws(DocumentError) -> [Outcome] {
        var items: [ClaimReviewReader.Item] = []
        for file in files {
            let bytes = try CheckedInput.read(file, limit: ArticleImporter.sizeLimit)
            items += try ClaimReviewReader.read(bytes, path: file, imported: time)
        }
        var byPublisher: [String: [ArchivedCheck]] = [:]
        var order: [String] = []
        for item in items {
            if byPublisher[item.publisher] == nil { order.append(item.publisher) }
            byPublisher[item.publisher, default: []].append(item.check)
        }
        // Every archive file is made and checked first, then written.
        var writes: [(path: String, text: String, exists: Bool, outcome: Outcome)] = []
        for publisher in order {
            let path = PathNames.join(PathNames.join(workspace, CheckArchive.folder), CheckArchive.fileName(for: publisher))
            let exists = FileSystem.names(in: PathNames.join(workspace, CheckArchive.folder)).contains(CheckArchive.fileName(for: publisher))
            var archive = exists ? try CheckArchive.load(path: path) : CheckArchive(publisher: publisher)
            var known = Set(archive.checks.map(\.url))
            var added = 0
            var present = 0
            for check in byPublisher[publisher]! {
                if known.insert(check.url).inserted {
                    archive.checks.append(check)
                    added += 1
                } else {
                    present += 1
                }
            }
            writes.append((path, try archive.serialized(path: path), exists,
                           Outcome(path: path, publisher: archive.publisher, added: added, present: present)))
        }
        if dryRun { return writes.map(\.outcome) }
        try FileSystem.makeFolder(PathNames.join(workspace, CheckArchive.folder))
        for write in writes where write.outcome.added > 0 {
            if write.exists {
                try AtomicFile.replace(write.path, with: Array(write.text.utf8))
            } else {
                try AtomicFile.create(write.path, with: Array(write.text.utf8))
            }
        }
        return writes.map(\.outcome)
    }
}
