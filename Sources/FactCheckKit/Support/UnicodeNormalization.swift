@_spi(_Unicode) import Swift

// The standard library's own Unicode normalizer, so that the tool does not load the whole of
// Foundation (and ICU) just for NFC: Foundation costs every command about 5 ms of start-up and
// 6 MiB of memory. These are the two places the tool normalizes.
extension String {
    /// Canonical composition (NFC), as anchors and quotes are stored.
    var canonicallyComposed: String {
        isASCII ? self : String(decoding: _nfcCodeUnits, as: UTF8.self)
    }

    /// Canonical decomposition (NFD): a base letter followed by its combining marks.
    var canonicallyDecomposed: String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: _nfd)
        return String(scalars)
    }

    private var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, answered without a table look-up for ASCII (the property
    /// look-up was half the time of importing a long page).
    var isUnicodeWhitespace: Bool {
        value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }
}
