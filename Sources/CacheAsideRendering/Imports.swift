// This stage draws the engine's reports and recorded histories (README, "Architecture"); every file here sees them.
@_exported import CacheAsideEngine
@_exported import CacheAsideHistories
