// This stage builds on CacheAsideSimulation (README, "Architecture"); every file here sees it.
@_exported import CacheAsideSimulation
