import CacheAsideCheck
import CacheAsideModels
import Testing

/// The study the hot-key scenario answers — "which strategy prevents a stampede on a hot key that expires
/// under load, and what does it cost?" — as the README states it, each sentence computed from the
/// `compare` table over the scenario's default seeds rather than copied from it.
@Suite struct HotKeyStudyTests {
    static let models = [
        "cache-aside", "single-flight", "early-refresh", "probabilistic-early-expiration", "lease", "read-through",
        "read-through-uncoalesced", "write-through", "write-through-unordered-fill",
    ]

    /// The models of the study in `hot-key-expiry`, over its default seeds (300).
    static let table = Comparison(
        scenario: .hotKeyExpiry, jobs: 2, entries: ModelCatalogue.entries.filter { models.contains($0.name) }
    ).run()

    private func row(_ model: String) throws -> ComparisonRow {
        try #require(Self.table.rows.first { $0.model == model })
    }

    @Test func everyRunCompletesAndTheHotKeyExpiresUnderLoad() throws {
        #expect(Self.table.seeds == 0..<UInt64(Scenario.hotKeyExpiry.seeds))
        for row in Self.table.rows { #expect(row.runFailure == nil, "\(row.model): \(row.runFailure ?? "")") }
        // Plain cache-aside sees the hot key expire several times a run: the TTL is short against the run.
        #expect(try row("cache-aside").hotKeyExpiries.episodesPerRun > 3)
    }

    @Test func cacheAsideLetsManyReadersLoadAtEachExpiry() throws {
        let expiries = try row("cache-aside").hotKeyExpiries
        #expect(try #require(expiries.meanLoads) > 2)
        #expect(try #require(expiries.maxLoads) > 5)
        #expect(try #require(try row("cache-aside").maxConcurrentLoads) > 5)
    }

    @Test func singleFlightLoadsOncePerExpiryAndMakesReadersWait() throws {
        let singleFlight = try row("single-flight")
        let cacheAside = try row("cache-aside")
        #expect(singleFlight.refills(.expiry).maxLoads == 1)
        #expect(singleFlight.maxConcurrentLoads == 1)
        let waiting = try #require(singleFlight.readLatency)
        let plain = try #require(cacheAside.readLatency)
        #expect(waiting.p99 > plain.p99, "single flight's readers should wait for the holder's load")
        #expect(waiting.max > plain.max)
    }

    @Test func earlyRefreshKeepsTheHotKeyFromExpiringAtThePriceOfExtraLoads() throws {
        let refresh = try row("early-refresh")
        let cacheAside = try row("cache-aside")
        #expect(refresh.hotKeyExpiries.episodesPerRun < cacheAside.hotKeyExpiries.episodesPerRun / 2)
        // Every reader in the refresh window reloads: more loads than all the expiry stampedes it saves.
        let saved = cacheAside.hotKeyExpiries.episodesPerRun * (cacheAside.hotKeyExpiries.meanLoads ?? 0)
        #expect(refresh.loadsWithoutMissPerRun > saved)
        #expect(try #require(refresh.databaseReadsPerClientRead) > #require(cacheAside.databaseReadsPerClientRead))
    }

    @Test func probabilisticEarlyExpirationRecomputesAboutOncePerExpiryWithoutCoordination() throws {
        let xfetch = try row("probabilistic-early-expiration")
        let cacheAside = try row("cache-aside")
        let refresh = try row("early-refresh")
        let perExpiry = xfetch.loadsWithoutMissPerRun / cacheAside.hotKeyExpiries.episodesPerRun
        #expect(perExpiry > 0.5 && perExpiry < 3, "early recomputes per expiry of plain cache-aside: \(perExpiry)")
        #expect(xfetch.loadsWithoutMissPerRun < refresh.loadsWithoutMissPerRun / 2)
        #expect(xfetch.hotKeyExpiries.episodesPerRun < cacheAside.hotKeyExpiries.episodesPerRun)
        // No coordination: when an early recompute comes too late, the expiry still stampedes.
        #expect(try #require(xfetch.hotKeyExpiries.maxLoads) > 1)
    }

    @Test func aLeaseLoadsOncePerExpiryAndMakesTheOthersWait() throws {
        let lease = try row("lease")
        let cacheAside = try row("cache-aside")
        #expect(lease.refills(.expiry).maxLoads == 1)
        #expect(try #require(lease.readLatency).max > #require(cacheAside.readLatency).max)
    }

    /// A loading cache coalesces a key's misses into one load, as Caffeine does; the read-through without
    /// coalescing is cache-aside moved into the cache, figure for figure.
    @Test func aLoadingCacheLoadsOncePerRefillWhereTheUncoalescedOneStampedesAsCacheAside() throws {
        let coalesced = try row("read-through")
        let uncoalesced = try row("read-through-uncoalesced")
        let cacheAside = try row("cache-aside")
        #expect(coalesced.hotKeyExpiries.maxLoads == 1)
        #expect(coalesced.refills(.expiry).maxLoads == 1)
        #expect(coalesced.refills(.invalidation).maxLoads == 1)
        #expect(coalesced.maxConcurrentLoads == 1)
        // Below 1 only by the episodes a writer's delete of an already expired entry ends before anyone
        // loaded: the next miss opens another episode, which the one load then counts in.
        #expect(try #require(coalesced.hotKeyExpiries.meanLoads) > 0.95)
        #expect(coalesced.verdicts.allSatisfy { $0.holds }, "\(coalesced.verdicts)")
        #expect(uncoalesced.hotKeyExpiries == cacheAside.hotKeyExpiries)
        #expect(uncoalesced.refills == cacheAside.refills)
        #expect(uncoalesced.maxConcurrentLoads == cacheAside.maxConcurrentLoads)
        #expect(uncoalesced.verdicts == cacheAside.verdicts)
    }

    /// A cache-fronted store orders a key's fills with its writes: no stale fill, one load per refill. The
    /// write-through whose reads fill outside the lock stampedes like cache-aside.
    @Test func aCacheFrontedStoreLoadsOncePerRefillAndTheUnorderedFillDoesNot() throws {
        let ordered = try row("write-through")
        let unordered = try row("write-through-unordered-fill")
        #expect(ordered.verdicts.allSatisfy { $0.holds }, "\(ordered.verdicts)")
        #expect(ordered.hotKeyExpiries.maxLoads == 1)
        #expect(ordered.maxConcurrentLoads == 1)
        #expect(try #require(unordered.hotKeyExpiries.maxLoads) > 1)
        #expect(unordered.verdicts.contains { !$0.holds })
    }
}
