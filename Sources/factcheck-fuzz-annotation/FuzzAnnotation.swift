import FactCheckFuzzing

// Fuzz target: an annotation document (parse, schema, semantic rules, streaming, round trip).
// `make fuzz` builds it with libFuzzer; a plain build replays the files it is given.

/// libFuzzer's callback: one input.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzChecks.annotationDocument(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@main
enum Main {
    static func main() {
        FuzzMain.run(FuzzChecks.annotationDocument, callback: fuzzOneInput)
    }
}
