// The module users import to write and check strategies: it re-exports the simulation (what a strategy
// is written against), the engine (what a check is configured with and what it reports) and the
// rendering stage (the lanes). The stages are separate targets so that SwiftPM enforces the direction
// (README, "Architecture"): linearizability ← simulation ← engine ← rendering, and linearizability ←
// recorded histories ← rendering. Recorded-history checking is its own product, `CacheAsideHistories`,
// and linearizability checking is not re-exported here: a strategy's author never names either.
@_exported import CacheAsideSimulation
@_exported import CacheAsideEngine
@_exported import CacheAsideRendering
