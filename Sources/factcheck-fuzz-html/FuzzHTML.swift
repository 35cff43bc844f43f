import FactCheckFuzzing

// Fuzz target: an HTML page to import (parse, main text, claims, the document it becomes).
// `make fuzz` builds it with libFuzzer; a plain build replays the files it is given.

/// libFuzzer's callback: one input.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzChecks.htmlPage(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@main
enum Main {
    static func main() {
        FuzzMain.run(FuzzChecks.htmlPage, callback: fuzzOneInput)
    }
}
