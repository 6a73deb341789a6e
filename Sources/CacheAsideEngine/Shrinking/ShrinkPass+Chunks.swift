/// The passes that drop many clients or operations per replay, before the passes that drop one: delta
/// debugging's halving (Zeller & Hildebrandt, TSE 2002) on the run's outline. Sixty-four clients, two of
/// which race, lose the other sixty-two in a dozen replays instead of sixty-two; and a race between
/// operations late in a run sheds everything before it in one edit, where dropping one operation at a
/// time fails at every step because it moves the racers apart.
extension ShrinkPass {
    /// Drops halves, quarters, … of the clients (down to pairs; `dropClients` tries each one), the
    /// other clients keeping their schedule and timing.
    static let dropClientChunks = ShrinkPass(name: "drop client chunks") { state in
        sweepOutline(&state) { outline, layout in
            let operations = outline.operations
            return halvingChunks(of: outline.clientSlots, smallest: 2).compactMap { chunk in
                let slots = Set(chunk)
                return outline.removingOperations(Set(operations.filter { slots.contains($0.slot) }), layout: layout, shift: 0)
            }
        }
    }

    /// Drops every operation that began before some point of the run, then halves, quarters, … of the
    /// operations in the order they began, the rest keeping their timing: each remaining operation
    /// starts as long after its client's previous one as before, and the whole run starts earlier by the
    /// time the dropped prefix took (or, when the failure needs the clock to have moved on — an entry
    /// to expire — not at all). Bounded like the pairs, after `dropClientChunks` has done the bulk.
    static let dropOperationChunks = ShrinkPass(name: "drop operation chunks") { state in
        sweepOutline(&state) { outline, layout in
            let began = outline.operations.compactMap { operation in
                outline.operationTicks[operation].map { (operation, $0.begin) }
            }
            guard began.count >= 2, began.count <= maximumOperationsForChunks else { return [] }
            let ordered = began.sorted { ($0.1, $0.0.slot) < ($1.1, $1.0.slot) }.map(\.0)
            let prefixes = (1..<ordered.count).reversed().map { Array(ordered.prefix($0)) }
            return (prefixes + halvingChunks(of: ordered, smallest: 2)).flatMap { chunk -> [RunOutline] in
                let removed = Set(chunk)
                let shift = outline.earliestStartShift(keeping: ordered.filter { !removed.contains($0) }, layout: layout)
                return Set([shift, 0]).sorted(by: >).compactMap { outline.removingOperations(removed, layout: layout, shift: $0) }
            }
        }
    }

    /// The most operations a run may have for `dropOperationChunks` (its prefixes are linear in them).
    static let maximumOperationsForChunks = 64

    /// `elements` cut into halves, then quarters, … down to chunks of `smallest`, largest first; the
    /// whole is never a chunk.
    static func halvingChunks<Element>(of elements: [Element], smallest: Int) -> [[Element]] {
        var chunks: [[Element]] = []
        var size = (elements.count + 1) / 2
        while size >= smallest, size < elements.count {
            chunks += stride(from: 0, to: elements.count, by: size).map {
                Array(elements[$0..<min($0 + size, elements.count)])
            }
            size = size == smallest ? 0 : max((size + 1) / 2, smallest)
        }
        return chunks
    }
}
