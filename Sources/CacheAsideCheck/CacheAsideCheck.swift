// The one module users import: it re-exports every stage of the library, so `import CacheAsideCheck`
// gives the whole public API. The stages are separate targets so that SwiftPM enforces the direction
// (README, "Architecture"): linearizability ← simulation ← engine ← rendering, and linearizability ←
// recorded histories ← rendering.
@_exported import CacheAsideLinearizability
@_exported import CacheAsideSimulation
@_exported import CacheAsideEngine
@_exported import CacheAsideHistories
@_exported import CacheAsideRendering
