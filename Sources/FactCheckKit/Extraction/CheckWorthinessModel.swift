/// The trained weights of the check-worthiness model: log-odds per unit of each named feature.
///
/// `Scripts/train_checkworthiness.py` writes them to `Models/checkworthiness.tsv`, one
/// `name<TAB>weight` line each, and the build embeds that file in the binary.
struct CheckWorthinessModel: Sendable, Equatable {
    var bias: Double
    /// The log-odds of the training split's base rate of check-worthy sentences.
    var baseRateLogit: Double
    var weights: [String: Double]

    /// The model the build embedded.
    static let trained: CheckWorthinessModel = {
        guard let text = EmbeddedFiles.all["checkworthiness.tsv"] else {
            preconditionFailure("Models/checkworthiness.tsv was not embedded at build time")
        }
        do {
            return try CheckWorthinessModel(parsing: text)
        } catch {
            // The file ships inside the binary and the test suite reads it: a build defect.
            preconditionFailure("Models/checkworthiness.tsv: \(error)")
        }
    }()

    /// Why a weights file cannot be read.
    struct FormatError: Error, Equatable, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// Reads a weights file: `#` comment lines, then `name<TAB>weight` lines, among them
    /// `(bias)` and `(base-rate-logit)`; each name once.
    init(parsing text: String) throws(FormatError) {
        var bias: Double?
        var baseRateLogit: Double?
        var weights: [String: Double] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let weight = Double(fields[1]), weight.isFinite else {
                throw FormatError(line: index + 1, message: "expected name<TAB>weight")
            }
            let name = String(fields[0])
            switch name {
            case "(bias)":
                guard bias == nil else { throw FormatError(line: index + 1, message: "(bias) given twice") }
                bias = weight
            case "(base-rate-logit)":
                guard baseRateLogit == nil else { throw FormatError(line: index + 1, message: "(base-rate-logit) given twice") }
                baseRateLogit = weight
            default:
                guard weights.updateValue(weight, forKey: name) == nil else {
                    throw FormatError(line: index + 1, message: "feature \(name) given twice")
                }
            }
        }
        guard let bias else { throw FormatError(line: 0, message: "no (bias) line") }
        guard let baseRateLogit else { throw FormatError(line: 0, message: "no (base-rate-logit) line") }
        self.init(bias: bias, baseRateLogit: baseRateLogit, weights: weights)
    }

    init(bias: Double, baseRateLogit: Double, weights: [String: Double]) {
        self.bias = bias
        self.baseRateLogit = baseRateLogit
        self.weights = weights
    }
}
