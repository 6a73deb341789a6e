/// What an HTML timeline draws, laid out: rows, bars from one position to another, point marks, shaded
/// stretches, and the position where something broke.
///
/// Positions are integers on one axis — event indices for a run, line numbers for a recorded history —
/// because overlap in that total order is what linearizability judges; ticks are only labels on the axis
/// (several events share a tick, and a bar from tick 3 to tick 3 would hide the race it is there to
/// show). The page's script only draws this; every decision about what goes where is made here, in
/// Swift, so the picture is as deterministic as the JSON.
package struct Timeline: Sendable, Codable, Equatable {
    /// One horizontal row.
    package struct Row: Sendable, Codable, Equatable {
        /// Its label, at the left.
        package var label: String
        /// `client`, `worker`, `cache`, `database` or `process`: the page styles rows by it.
        package var kind: String
        /// Whether it starts folded to a thin strip (a client with nothing to do near the marked event).
        package var folded: Bool
    }

    /// A stretch of a row: an operation (`op-bar`) or a value held (`content-span`).
    package struct Bar: Sendable, Codable, Equatable {
        package var row: Int
        package var from: Int
        /// The position it ends at, inclusive; `nil` runs to the end of the axis (never returned).
        package var to: Int?
        package var label: String
        /// The CSS classes that style it, e.g. `op-bar read`.
        package var style: String
        package var marked: Bool
        package var details: String
        /// For a history: its place in the longest linearisable prefix, from 1.
        package var order: Int?
    }

    /// One call or event at one position.
    package struct Mark: Sendable, Codable, Equatable {
        package var row: Int
        package var at: Int
        /// `call-mark` plus the component: `cache`, `database`, `lock`, `clock`, and `waiting`.
        package var style: String
        package var marked: Bool
        package var details: String
    }

    /// A shaded stretch over some rows (a staleness window).
    package struct Shade: Sendable, Codable, Equatable {
        package var rows: [Int]
        package var from: Int
        package var to: Int?
        package var details: String
    }

    /// A labelled position on the axis.
    package struct Tick: Sendable, Codable, Equatable {
        package var at: Int
        package var label: String
    }

    package var rows: [Row] = []
    package var bars: [Bar] = []
    package var marks: [Mark] = []
    package var shades: [Shade] = []
    package var axis: [Tick] = []
    /// One past the last position.
    package var extent: Int = 1
    /// Where the property broke, if at one place.
    package var marked: Int?
    /// What the axis counts, in words.
    package var axisName: String = ""

    package init() {}

    /// The number of bars that stand for operations, which the page must draw one each of.
    package var operationBarCount: Int { bars.filter { $0.style.hasPrefix("op-bar") }.count }
}
