/// The review workflow of PRODUCT.md §4 as one pure table: which step leads from which status to which.
public enum Workflow {
    /// One step a reviewer can take on a claim.
    public enum Step: Sendable, Hashable, CustomStringConvertible {
        case assign
        case unassign
        case mark(Status)
        case dismiss
        case reopen

        /// The step a history event of `action` leading to `to` took, if `action` moves a claim.
        init?(action: Action, to: Status) {
            switch action {
            case .assign: self = .assign
            case .unassign: self = .unassign
            case .mark: self = .mark(to)
            case .dismiss: self = .dismiss
            case .reopen: self = .reopen
            case .create, .note, .addSource, .removeSource, .conflict, .resolve: return nil
            }
        }

        /// The history action the step records.
        public var action: Action {
            switch self {
            case .assign: .assign
            case .unassign: .unassign
            case .mark: .mark
            case .dismiss: .dismiss
            case .reopen: .reopen
            }
        }

        /// The command that takes the step, as a user types it.
        public var description: String {
            switch self {
            case .assign: "assign"
            case .unassign: "unassign"
            case .mark(let status): "mark \(status.rawValue)"
            case .dismiss: "dismiss"
            case .reopen: "reopen"
            }
        }
    }

    /// Every allowed step: from which statuses, to which status.
    public static let table: [(step: Step, from: Set<Status>, to: Status)] = [
        (.assign, [.pending], .inReview),
        (.unassign, [.inReview], .pending),
        (.mark(.verified), [.pending, .inReview], .verified),
        (.mark(.disputed), [.pending, .inReview], .disputed),
        (.mark(.unverifiable), [.pending, .inReview], .unverifiable),
        (.dismiss, [.pending], .dismissed),
        (.reopen, [.verified, .disputed, .unverifiable, .dismissed], .inReview),
    ]

    /// The status `step` leads to from `status`, or nil if the step is not allowed there.
    public static func target(of step: Step, from status: Status) -> Status? {
        table.first { $0.step == step && $0.from.contains(status) }?.to
    }

    /// The status `history` leads to: each event that moves a claim applies when the table allows
    /// its step from the status reached so far, and is passed over when not (a merge can bring
    /// together steps that two reviewers took from the same status); a merge's `conflict` and the
    /// `resolve` that settles it always apply. A history of one reviewer's steps leads where its
    /// last event does. Nil for an empty history.
    public static func replay(_ history: [HistoryEvent]) -> Status? {
        guard var status = history.first?.to else { return nil }
        for event in history.dropFirst() {
            switch event.action {
            case .create, .note, .addSource, .removeSource:
                continue
            case .conflict, .resolve:
                status = event.to
            case .assign, .unassign, .mark, .dismiss, .reopen:
                if let step = Step(action: event.action, to: event.to), target(of: step, from: status) == event.to {
                    status = event.to
                }
            }
        }
        return status
    }

    /// The steps allowed from `status`, in table order.
    public static func steps(from status: Status) -> [(step: Step, to: Status)] {
        table.filter { $0.from.contains(status) }.map { ($0.step, $0.to) }
    }
}
