import CacheAsideCheck

/// An independent computation of staleness against the database: the history replayed tick by tick into
/// a plain map of cache entries and a map of committed rows, written from the rules alone (a set stores,
/// an add, cas or lease set stores when it says so, a refused or dropped call changes nothing, an entry
/// set at `t` with TTL `T` is readable before `t + T`, only the cache's own restart empties it), then
/// sampled after the last event of every tick. A key disagrees at a tick when its readable entry is not
/// the committed row (a negative entry agrees with no row).
///
/// Serial time only: every step has its own tick there, so no window opens and closes within one tick
/// and the samples see every window.
enum DatabaseStalenessOracle {
    struct Figures: Equatable {
        var reads: [Int]
        var windows: [Int]
        var writeLags: [Int]
    }

    private struct Entry {
        var value: Value
        var expiresAt: Ticks?
        func isReadable(at tick: Ticks) -> Bool { expiresAt.map { tick < $0 } ?? true }
    }

    static func figures(_ run: RunRecord) -> Figures {
        let events = run.history.events
        let keys = run.finalWorld.keys
        var cache: [Key: Entry] = [:]
        var longestTTL: Ticks = 0
        var rows: [Key: Value?] = [:]
        for key in keys { rows[key] = run.plan.absentKeys.contains(key) ? .some(nil) : .some(.initial) }
        for (key, expiry) in run.plan.warmEntries where keys.contains(key) && !run.plan.absentKeys.contains(key) {
            cache[key] = Entry(value: .initial, expiresAt: expiry)
            longestTTL = max(longestTTL, expiry)
        }
        // Every commit (key, row, event index, tick), in order.
        var commits: [(key: Key, row: Value?, index: Int, tick: Ticks)] = []
        var disagreeing: [Key: [Ticks: Bool]] = [:]
        func sample(_ tick: Ticks) {
            for key in keys {
                guard let entry = cache[key], entry.isReadable(at: tick) else {
                    disagreeing[key, default: [:]][tick] = false
                    continue
                }
                let row = rows[key] ?? .some(.initial)
                let agrees = entry.value == .noRow ? row == nil : entry.value == row
                disagreeing[key, default: [:]][tick] = !agrees
            }
        }
        let lastTick = events.last?.tick ?? 0
        var position = 0
        for tick in 0...lastTick {
            while position < events.count, events[position].tick == tick {
                let event = events[position]
                if event.actor == nil, case .fault = event.kind { cache.removeAll() }
                if case .step(let step) = event.kind {
                    switch (step.action, step.outcome) {
                    case (_, .fault), (_, .silentlyDropped): break
                    case (.cacheSet(let key, let value, let ttl), _),
                        (.cacheAdd(let key, let value, let ttl), .stored(true)),
                        (.cacheCompareAndSet(let key, let value, let ttl, _), .stored(true)),
                        (.cacheLeaseSet(let key, let value, let ttl, _), .stored(true)):
                        cache[key] = Entry(value: value, expiresAt: ttl.map { tick + $0 })
                        longestTTL = max(longestTTL, ttl ?? 0)
                    case (.cacheDelete(let key), _): cache[key] = nil
                    case (.databaseWrite(let key, let value), _):
                        rows[key] = .some(value)
                        commits.append((key, value, position, tick))
                    case (.databaseDelete(let key), _):
                        rows[key] = .some(nil)
                        commits.append((key, nil, position, tick))
                    default: break
                    }
                }
                position += 1
            }
            sample(tick)
        }
        // After the run nothing changes but expiry; a disagreement still there past every TTL never ends.
        let horizon = lastTick + longestTTL + 2
        if horizon > lastTick { for tick in (lastTick + 1)...horizon { sample(tick) } }
        func disagrees(_ key: Key, _ tick: Ticks) -> Bool {
            disagreeing[key]?[min(tick, horizon)] ?? false
        }

        // Windows: maximal runs of disagreeing ticks.
        var windows: [Int] = []
        for key in keys {
            var start: Ticks?
            for tick in 0...horizon {
                if disagrees(key, tick), start == nil { start = tick }
                if !disagrees(key, tick), let begun = start {
                    windows.append(tick - begun)
                    start = nil
                }
            }
            if start != nil { windows.append(Measurement.unbounded) }
        }

        // Write lags: from the commit to the first tick after the last disagreeing tick of its tenure; a
        // tenure that ends disagreeing lasts until that disagreement ends.
        var writeLags: [Int] = []
        for (number, commit) in commits.enumerated() {
            let next = commits[(number + 1)...].first { $0.key == commit.key }?.tick ?? horizon + 1
            guard let last = (commit.tick..<next).last(where: { disagrees(commit.key, $0) }) else {
                writeLags.append(0)
                continue
            }
            if last < next - 1 {
                writeLags.append(last + 1 - commit.tick)
            } else {
                let end = next <= horizon ? (next...horizon).first { !disagrees(commit.key, $0) } : nil
                writeLags.append(end.map { $0 - commit.tick } ?? Measurement.unbounded)
            }
        }

        // Reads: the commit that replaced the returned row, if it landed before the read began.
        var reads: [Int] = []
        for read in run.history.operations where read.returned {
            guard case .read(let key) = read.operation, let end = read.endIndex else { continue }
            let returned = read.result == .noRow ? nil : read.result
            let initial: Value? = run.plan.absentKeys.contains(key) ? nil : .initial
            var rowSince: Int? = initial == returned ? -1 : nil  // event index of the returned row's last commit
            for commit in commits where commit.key == key && commit.index < end && commit.row == returned {
                rowSince = commit.index
            }
            guard let since = rowSince,
                let newer = commits.first(where: { $0.key == key && $0.index > since }), newer.index < read.invokeIndex
            else {
                reads.append(0)
                continue
            }
            reads.append(read.invokeTick - newer.tick)
        }
        // An entry left behind a newer row after the run, as a read at its last readable tick would see it.
        for key in keys {
            guard let entry = cache[key], entry.isReadable(at: lastTick) else { continue }
            let row = rows[key] ?? .some(.initial)
            let cached: Value? = entry.value == .noRow ? nil : entry.value
            guard cached != row else { continue }
            let initial: Value? = run.plan.absentKeys.contains(key) ? nil : .initial
            var since: Int? = initial == cached ? -1 : nil
            for commit in commits where commit.key == key && commit.row == cached { since = commit.index }
            guard let since, let newer = commits.first(where: { $0.key == key && $0.index > since }) else { continue }
            reads.append(entry.expiresAt.map { max($0 - 1 - newer.tick, 0) } ?? Measurement.unbounded)
        }
        return Figures(reads: reads, windows: windows, writeLags: writeLags)
    }
}
