#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Scores how worth checking a sentence is: a logistic model over named features, so every
/// score comes with the features that produced it.
///
/// The model was trained on debate and speech transcripts, where fewer than 3 in 100 sentences
/// were checked; news articles assert far more. The score is therefore centred on that base
/// rate: 0.5 means as likely to be checked as the average training sentence, and higher means
/// more. The ranking is the model's, unchanged.
public enum CheckWorthiness {
    /// The most features kept with a claim's score, largest contributions first.
    public static let keptFeatures = 10

    /// The score of `sentence` in [0, 1], with each firing feature's contribution to the log-odds.
    public static func score(_ sentence: String) -> Score {
        let model = CheckWorthinessModel.trained
        var logit = model.bias - model.baseRateLogit
        var contributions: [Feature] = []
        for (name, value) in CheckWorthinessFeatures.extract(sentence) {
            guard let weight = model.weights[name] else { continue }
            logit += weight * value
            contributions.append(Feature(name: name, weight: weight * value))
        }
        contributions.sort { abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.name < $1.name }
        return Score(value: 1 / (1 + exp(-logit)), features: Array(contributions.prefix(keptFeatures)))
    }
}
