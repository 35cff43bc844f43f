import FactCheckKit
import Glibc

/// What the fuzz targets check on each input. Any input may be refused, but only with located,
/// explained diagnostics; whatever is accepted must survive a round trip through the writer, and the
/// streaming reader must agree with the whole-document reader. A broken property stops the process
/// (libFuzzer then keeps the input as a crash).
public enum FuzzChecks {
    /// The name inputs are given in diagnostics.
    static let annotationPath = "fuzz.factcheck.xml"
    static let htmlPath = "fuzz.html"

    /// An annotation document: parse, XSD validation and the semantic rules, read whole and streamed;
    /// an accepted document is written and read again unchanged.
    public static func annotationDocument(_ bytes: [UInt8]) {
        let whole: LoadedDocument?
        do {
            whole = try DocumentLoader.load(bytes: bytes, path: annotationPath)
        } catch {
            requireExplained(error, path: annotationPath, input: "annotation document")
            whole = nil
        }
        compareWithStream(bytes, whole: whole?.document)
        guard let document = whole?.document else { return }
        let written: [UInt8]
        do {
            written = try DocumentStore.checkedBytes(of: document, path: annotationPath)
        } catch {
            fail("an accepted document cannot be written back: \(error)")
        }
        let again: LoadedDocument
        do {
            again = try DocumentLoader.load(bytes: written, path: annotationPath)
        } catch {
            fail("a written document does not read back: \(error)\n--- written:\n\(String(decoding: written, as: UTF8.self))")
        }
        guard again.document == document else {
            fail("a written document reads back different:\n\(describeDifference(document, again.document))")
        }
        do {
            guard try DocumentStore.checkedBytes(of: again.document, path: annotationPath) == written else {
                fail("writing a document twice gives different bytes")
            }
        } catch {
            fail("a document read back cannot be written: \(error)")
        }
    }

    /// An HTML page: the importer's reading of it, the document it becomes with the proposed claims,
    /// and that document's round trip.
    public static func htmlPage(_ bytes: [UInt8]) {
        let imported: ImportedArticle
        do {
            imported = try HTMLImporter.read(bytes, path: htmlPath)
        } catch {
            requireExplained(error, path: htmlPath, input: "HTML page")
            return
        }
        var document: AnnotationDocument
        do {
            document = try ArticleImporter.document(imported, id: "fuzz-page")
        } catch {
            requireExplained(error, path: "fuzz-page", input: "imported article")
            return
        }
        _ = ClaimExtractor.extract(into: &document, actor: "fuzz", time: "2026-01-01T00:00:00Z")
        let written: [UInt8]
        do {
            written = try DocumentStore.checkedBytes(of: document, path: annotationPath)
        } catch {
            // An import refused before anything is written (a title or url the schema cannot take):
            // allowed, when explained.
            requireExplained(error, path: annotationPath, input: "imported document")
            return
        }
        do {
            let again = try DocumentLoader.load(bytes: written, path: annotationPath)
            guard again.document == document else {
                fail("an imported document reads back different:\n\(describeDifference(document, again.document))")
            }
        } catch {
            fail("an imported document, once written, does not read back: \(error)")
        }
    }

    static let claimReviewPath = "fuzz.json"

    /// Published ClaimReview JSON-LD (or a page holding it): every check read goes into a
    /// schema-valid archive file that reads back the same.
    public static func claimReview(_ bytes: [UInt8]) {
        let items: [ClaimReviewReader.Item]
        do {
            items = try ClaimReviewReader.read(bytes, path: claimReviewPath, imported: "2026-01-01T00:00:00Z")
        } catch {
            requireExplained(error, path: claimReviewPath, input: "ClaimReview file")
            return
        }
        let archive = CheckArchive(publisher: items[0].publisher, checks: items.map(\.check))
        let text: String
        do {
            text = try archive.serialized(path: scratchFile)
        } catch {
            fail("checks read from ClaimReview make an archive the schema refuses: \(error)")
        }
        writeScratch(Array(text.utf8), to: scratchFile)
        do {
            let again = try CheckArchive.load(path: scratchFile)
            guard again == archive else { fail("an archive reads back different:\n  \(archive)\n  \(again)") }
        } catch {
            fail("a written archive does not read back: \(error)")
        }
    }

    /// The streaming reader (the path documents over 128 KiB take) decides as the whole reader did
    /// and hands out the same article and claims.
    static func compareWithStream(_ bytes: [UInt8], whole: AnnotationDocument?) {
        let path = scratchFile
        writeScratch(bytes, to: path)
        var article: Article?
        var claims: [Claim] = []
        var streamed: AnnotationDocument?
        do {
            try DocumentStream.read(path: path, streamingAbove: 0, article: { article = $0 }) { claims.append($0) }
            if let article { streamed = AnnotationDocument(article: article, claims: claims) }
        } catch {
            requireExplained(error, path: path, input: "streamed annotation document")
        }
        switch (whole, streamed) {
        case (nil, nil): break
        case (let whole?, let streamed?):
            guard whole == streamed else {
                fail("the streaming reader reads a different document:\n\(describeDifference(whole, streamed))")
            }
        case (nil, _?): fail("the streaming reader accepts a document the whole reader refuses")
        case (_?, nil): fail("the streaming reader refuses a document the whole reader accepts")
        }
    }

    /// One scratch file per process, for the streaming reader, which reads from a file.
    static let scratchFile: String = {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return "\(folder)/factcheck-fuzz-\(getpid()).factcheck.xml"
    }()

    static func writeScratch(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { fail("cannot write the scratch file \(path): errno \(errno)") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { fail("cannot write the scratch file \(path): errno \(errno)") }
            written += count
        }
    }

    /// A refusal names the file and says what is wrong, at a line when it is about a place in it.
    static func requireExplained(_ error: DocumentError, path: String, input: String) {
        if case .writtenNotFlushed = error { fail("a read reported a write: \(error)") }
        guard !error.diagnostics.isEmpty else { fail("a refused \(input) has no diagnostics") }
        for diagnostic in error.diagnostics {
            guard diagnostic.file == path else { fail("a diagnostic names \(diagnostic.file), not \(path): \(diagnostic)") }
            guard !diagnostic.message.isEmpty else { fail("a diagnostic without a message: \(diagnostic)") }
            guard diagnostic.line >= 0, diagnostic.column >= 0 else { fail("a diagnostic at a negative place: \(diagnostic)") }
            guard diagnostic.message.unicodeScalars.allSatisfy({ $0 == "\t" || $0.value >= 0x20 && $0.value != 0x7F }) else {
                fail("a diagnostic's message carries control characters: \(diagnostic.message.debugDescription)")
            }
        }
    }

    static func describeDifference(_ first: AnnotationDocument, _ second: AnnotationDocument) -> String {
        if first.article != second.article {
            return "article:\n  \(String(reflecting: first.article))\n  \(String(reflecting: second.article))"
        }
        if first.claims.count != second.claims.count {
            return "claims: \(first.claims.count) and \(second.claims.count)"
        }
        for (one, other) in zip(first.claims, second.claims) where one != other {
            return "claim \(one.id):\n  \(String(reflecting: one))\n  \(String(reflecting: other))"
        }
        return "the documents differ outside the article and claims"
    }

    static func fail(_ message: String) -> Never {
        FuzzReplay.printError("fuzz property broken: \(message)\n")
        abort()
    }
}
