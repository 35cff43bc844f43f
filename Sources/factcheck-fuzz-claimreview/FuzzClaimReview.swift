import FactCheckFuzzing

// Fuzz target: published ClaimReview JSON-LD, or a page holding it, read into the archive.
// `make fuzz` builds it with libFuzzer; a plain build replays the files it is given.

/// libFuzzer's callback: one input.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzChecks.claimReview(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@main
enum Main {
    static func main() {
        FuzzMain.run(FuzzChecks.claimReview, callback: fuzzOneInput)
    }
}
