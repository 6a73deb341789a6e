extension RunModel {
    /// Which actors the pictures of a run fold, decided once so that the lanes and the HTML timeline fold
    /// the same ones.
    ///
    /// A crowded run (64 clients) is mostly clients that have nothing to do with the violation; every
    /// picture puts them aside — the lanes in a shared `others` column, the timeline in thin rows — and
    /// says so. Which ones is a fact about the run, not about a picture, so it is derived here: how far (in
    /// events) each actor's nearest event is from the focus (the marked event, else the last), with an
    /// actor in the middle of an operation at the focus counted as at it however long ago it last acted
    /// (the first loader holding the lock while the second load breaks the stampede limit).
    package struct Folding: Sendable, Codable, Equatable {
        /// Every actor, the most involved first: by distance from the focus, then by name (shorter first,
        /// so `client 2` before `client 10`). A picture that must fold more (lanes fitting a narrow width)
        /// folds from the end of this list.
        package var byInvolvement: [String]
        /// The actors every picture folds, in column order: in a run of more than `crowdedAbove` actors,
        /// those whose nearest event is more than `nearness` events from the focus. Empty otherwise.
        package var folded: [String]

        /// Runs with at most this many actors fold none: every one fits.
        package static let crowdedAbove = 8
        /// How near (in events) to the focus an actor must act to keep its own row or column.
        package static let nearness = 25
    }
}

extension RunModel.Folding {
    /// The folding of a run with `actors` (in column order), `events` and `operations`, focused on event
    /// `focus`.
    init(actors: [String], events: [RunModel.Event], operations: [RunModel.Operation], focus: Int) {
        var distance: [String: Int] = [:]
        for event in events {
            guard let actor = event.actor else { continue }
            distance[actor] = min(distance[actor] ?? .max, abs(event.index - focus))
        }
        for operation in operations where operation.invokeEvent <= focus && (operation.endEvent ?? .max) >= focus {
            distance[operation.actor] = 0
        }
        func rank(_ actor: String) -> (Int, Int, String) { (distance[actor] ?? .max, actor.count, actor) }
        byInvolvement = actors.sorted { rank($0) < rank($1) }
        folded = actors.count > Self.crowdedAbove ? actors.filter { (distance[$0] ?? .max) > Self.nearness } : []
    }
}
