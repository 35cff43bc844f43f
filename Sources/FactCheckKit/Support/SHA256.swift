import CSHA256

/// SHA-256 (FIPS 180-4), for the article text's hash, which every read checks. On processors with
/// SHA instructions the compression function runs on them (`CSHA256`); elsewhere in Swift. The
/// tests check both against the standard's test vectors and each other.
public enum SHA256 {
    /// Whether the processor's SHA instructions are used.
    public static let accelerated = fc_sha256_accelerated() == 1

    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(of bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest(of: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(of bytes: [UInt8]) -> [UInt8] {
        digest(of: bytes, accelerated: accelerated)
    }

    /// The digest computed in Swift, whatever the processor: to check the accelerated one against.
    public static func portableDigest(of bytes: [UInt8]) -> [UInt8] {
        digest(of: bytes, accelerated: false)
    }

    private static func digest(of bytes: [UInt8], accelerated: Bool) -> [UInt8] {
        var state = State()
        let whole = bytes.count / 64 * 64
        bytes.withUnsafeBufferPointer { input in
            state.compress(input.baseAddress, blocks: whole / 64, accelerated: accelerated)
        }
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
            roundConstants.withUnsafeBufferPointer { constants in
                for block in 0..<blocks {
                    compress(data + 64 * block, constants: constants)
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

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
