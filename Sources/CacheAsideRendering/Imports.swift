// This stage draws the engine's reports (README, "Architecture"); every file here sees the engine. The
// files that draw recorded histories import CacheAsideHistories themselves: it is not re-exported, so
// the product users import does not carry recorded-history checking.
@_exported import CacheAsideEngine
