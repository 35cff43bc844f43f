import CXMLMemory
import Dispatch
import Foundation
import LibXML
import Testing

/// What a thread hands back to the one waiting for it.
private final class ThreadResult<T>: @unchecked Sendable {
    var value: T?
}

/// Runs `body` on a new thread of its own (a fresh cache) and returns what it returned.
private func onNewThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
    let box = ThreadResult<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.start()
    done.wait()
    return box.value!
}

/// The allocator libxml2 is given (`CXMLMemory`): blocks keep their contents through every
/// resize, freed small blocks are kept per thread up to a limit, and libxml2 really uses it.
@Suite struct XMLMemory {
    private func fill(_ block: UnsafeMutableRawPointer, _ count: Int) {
        for index in 0..<count { block.storeBytes(of: UInt8(truncatingIfNeeded: index &* 7), toByteOffset: index, as: UInt8.self) }
    }

    private func holds(_ block: UnsafeMutableRawPointer, _ count: Int) -> Bool {
        (0..<count).allSatisfy { block.load(fromByteOffset: $0, as: UInt8.self) == UInt8(truncatingIfNeeded: $0 &* 7) }
    }

    @Test func resizingKeepsTheContents() throws {
        var block = try #require(fc_xml_malloc(100))
        fill(block, 100)
        // Within the block's size class, then to a larger class, then past the small blocks, then larger still.
        for size in [110, 400, 5_000, 100_000] {
            let previous = min(size, 100)
            block = try #require(fc_xml_realloc(block, size))
            #expect(holds(block, previous))
            fill(block, size)
        }
        block = try #require(fc_xml_realloc(block, 50))
        #expect(holds(block, 50))
        fc_xml_free_block(block)
        fc_xml_free_block(nil)
        let fresh = try #require(fc_xml_realloc(nil, 32))
        fc_xml_free_block(fresh)
    }

    @Test func copiesAndEmptyRequests() throws {
        let copy = try #require(fc_xml_strdup("café <claim>"))
        #expect(String(cString: copy) == "café <claim>")
        fc_xml_free_block(copy)
        let empty = try #require(fc_xml_malloc(0))
        fc_xml_free_block(empty)
    }

    /// Freed small blocks are kept for reuse, but never more than 8 MiB of them on a thread.
    @Test func cacheIsBoundedPerThread() {
        let limit = 8 << 20
        let kept = onNewThread { () -> (Int, Int, Bool) in
            let blocks = (0..<50_000).compactMap { _ in fc_xml_malloc(500) }
            let before = fc_xml_cached_bytes()
            blocks.forEach { fc_xml_free_block($0) }
            let after = fc_xml_cached_bytes()
            // A block asked for again comes from the cache.
            let again = fc_xml_malloc(500)
            let reused = fc_xml_cached_bytes() < after
            fc_xml_free_block(again)
            return (before, after, reused)
        }
        #expect(kept.0 == 0)
        #expect(kept.1 > 0 && kept.1 <= limit)
        #expect(kept.2)
    }

    /// A block made on one thread may be freed on another: it joins that thread's cache.
    @Test func blocksMoveBetweenThreads() throws {
        let address = try #require(onNewThread { fc_xml_malloc(64).map { UInt(bitPattern: $0) } })
        let cached = onNewThread { () -> Int in
            fc_xml_free_block(UnsafeMutableRawPointer(bitPattern: address))
            return fc_xml_cached_bytes()
        }
        // The block is in the freeing thread's cache, whatever size class it was rounded up to.
        #expect(cached >= 64)
    }

    /// libxml2 allocates through it: a parsed document's nodes land in this thread's cache when
    /// the document is released.
    @Test func libxml2UsesIt() throws {
        let cached = onNewThread { () -> Int in
            let name = (try? XMLDocument.parse(Array("<r><a x=\"1\">one</a><b>two</b></r>".utf8), path: "r.xml"))?.root.name
            return name == "r" ? fc_xml_cached_bytes() : -1
        }
        #expect(cached > 0)
    }
}
