import CSHA256

/// SHA-256 (FIPS 180-4), for the article text's hash, which every read checks. On processors with
/// SHA instructions the compression function runs on them (`CSHA256`); elsewhere in Swift. The
/// tests check both against the standard's test vectors and each other.
public enum SHA256 {
    /// Whether the processor's SHA instructions are used.
    public static let accelerated = fc_sha256_accelerated() == 1

    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex(of: $0) }
    }

    /// The digest of `text`'s UTF-8 bytes as hex, read where the string keeps them (no copy).
    public static func hex(ofUTF8 text: String) -> String {
        var text = text
        return text.withUTF8 { hex(of: $0) }
    }

    private static func hex(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest(of: bytes, accelerated: accelerated) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(of bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest(of: $0, accelerated: accelerated) }
    }

    /// The digest computed in Swift, whatever the processor: to check the accelerated one against.
    public static func portableDigest(of bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest(of: $0, accelerated: false) }
    }

    private static func digest(of bytes: UnsafeBufferPointer<UInt8>, accelerated: Bool) -> [UInt8] {
        var state = State()
        let whole = bytes.count / 64 * 64
        state.compress(bytes.baseAddress, blocks: whole / 64, accelerated: accelerated)
        // The rest of the input, the 0x80 marker, zeros, and the length in bits fill one or two last blocks.
        var tail = Array(bytes[whole...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { input in
            state.compress(input.baseAddress, blocks: tail.count / 64, accelerated: accelerated)
        }
        let words = [state.a, state.b, state.c, state.d, state.e, state.f, state.g, state.h]
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
    }

    /// One round: `h` becomes the new `a` and `d` the new `e`; the caller renames the rest.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ constantAndWord: UInt32
    ) {
        let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
        let choice = (e & f) ^ (~e & g)
        let temp1 = h &+ sum1 &+ choice &+ constantAndWord
        let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
        let majority = (a & b) ^ (a & c) ^ (b & c)
        d = d &+ temp1
        h = temp1 &+ sum0 &+ majority
    }

    /// The eight working words, kept in locals rather than an array: the compression function is
    /// the whole cost of hashing an article on every read.
    private struct State {
        var a: UInt32 = 0x6a09_e667, b: UInt32 = 0xbb67_ae85, c: UInt32 = 0x3c6e_f372, d: UInt32 = 0xa54f_f53a
        var e: UInt32 = 0x510e_527f, f: UInt32 = 0x9b05_688c, g: UInt32 = 0x1f83_d9ab, h: UInt32 = 0x5be0_cd19

        /// `blocks` 64-byte blocks from `data`.
        mutating func compress(_ data: UnsafePointer<UInt8>?, blocks: Int, accelerated: Bool) {
            guard let data, blocks > 0 else { return }
            if accelerated {
                var words = (a, b, c, d, e, f, g, h)
                withUnsafeMutableBytes(of: &words) { raw in
                    fc_sha256_blocks(raw.baseAddress!.assumingMemoryBound(to: UInt32.self), data, blocks)
                }
                (a, b, c, d, e, f, g, h) = words
                return
            }
            withUnsafePointer(to: fc_sha256_round_constants) { table in
                table.withMemoryRebound(to: UInt32.self, capacity: 64) { first in
                    let constants = UnsafeBufferPointer(start: first, count: 64)
                    for block in 0..<blocks {
                        compress(data + 64 * block, constants: constants)
                    }
                }
            }
        }

        /// One 64-byte block of the compression function.
        mutating func compress(_ block: UnsafePointer<UInt8>, constants: UnsafeBufferPointer<UInt32>) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                for index in 0..<16 {
                    let offset = index * 4
                    schedule[index] = UInt32(block[offset]) << 24 | UInt32(block[offset + 1]) << 16
                        | UInt32(block[offset + 2]) << 8 | UInt32(block[offset + 3])
                }
                for index in 16..<64 {
                    let w15 = schedule[index - 15], w2 = schedule[index - 2]
                    let s0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 >> 3)
                    let s1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 >> 10)
                    schedule[index] = schedule[index - 16] &+ s0 &+ schedule[index - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, h) = (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h)
                // Eight rounds a pass, the working words renamed by argument order instead of moved.
                var index = 0
                while index < 64 {
                    round(a, b, c, &d, e, f, g, &h, constants[index] &+ schedule[index])
                    round(h, a, b, &c, d, e, f, &g, constants[index + 1] &+ schedule[index + 1])
                    round(g, h, a, &b, c, d, e, &f, constants[index + 2] &+ schedule[index + 2])
                    round(f, g, h, &a, b, c, d, &e, constants[index + 3] &+ schedule[index + 3])
                    round(e, f, g, &h, a, b, c, &d, constants[index + 4] &+ schedule[index + 4])
                    round(d, e, f, &g, h, a, b, &c, constants[index + 5] &+ schedule[index + 5])
                    round(c, d, e, &f, g, h, a, &b, constants[index + 6] &+ schedule[index + 6])
                    round(b, c, d, &e, f, g, h, &a, constants[index + 7] &+ schedule[index + 7])
                    index += 8
                }
                self.a &+= a; self.b &+= b; self.c &+= c; self.d &+= d
                self.e &+= e; self.f &+= f; self.g &+= g; self.h &+= h
            }
        }
    }

    @inline(__always)
    fileprivate static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
