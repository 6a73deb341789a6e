// This stage builds on CacheAsideLinearizability (README, "Architecture"); every file here sees it.
@_exported import CacheAsideLinearizability
