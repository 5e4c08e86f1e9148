import Foundation

/// Filters for `funnel list` and exports; all optional, combined with AND.
public struct CandidateFilter: Sendable, Equatable {
    public var stage: Stage?
    public var status: Status?
    public var tag: String?
    public var owner: String?

    public init(stage: Stage? = nil, status: Status? = nil, tag: String? = nil, owner: String? = nil) {
        self.stage = stage
        self.status = status
        self.tag = tag.map { Tags.normalize([$0]).first ?? $0 }
        self.owner = owner
    }
}
