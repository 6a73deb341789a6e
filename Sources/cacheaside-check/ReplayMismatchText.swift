import CacheAsideCheck
import CacheAsideModels

/// A refused replay token in the command line's terms: the flags whose values differ from those it was
/// made with, spelled as the user types them.
enum ReplayMismatchText {
    /// What to tell the user about `error`, met replaying under `options`.
    static func explain(_ error: ReplayToken.DecodingError, _ options: CheckOptions) -> String {
        guard let mismatch = error.mismatch else { return error.description }
        var flags: [String] = []
        for part in mismatch.parts where !(part == .strategySettings && ttlAgrees(mismatch, options)) {
            var flag = flag(for: part)
            // Of the same model, the settings are its TTL and, if it takes any, its parameters.
            if part == .strategySettings, !mismatch.parts.contains(.strategy), !options.model.entry.parameters.isEmpty {
                flag = "--ttl or --model parameters"
            }
            if !flags.contains(flag) { flags.append(flag) }
        }
        return "this replay token was made with different \(mismatch.listing(flags)); "
            + "run the replay command exactly as the report printed it"
    }

    /// The flag that sets `part`. Parts no flag sets alone come from a preset.
    static func flag(for part: RunFingerprint.Part) -> String {
        switch part {
        case .strategy: "--model"
        case .strategySettings: "--ttl"
        case .clients: "--clients"
        case .operationsPerClient: "--ops"
        case .keys: "--keys"
        case .writeRatio: "--write-ratio"
        case .thinkTime: "--think-time"
        case .keySkew: "--key-skew"
        case .warmStart: "--warm-start"
        case .absentKeys: "--absent-keys"
        case .faults: "--faults"
        case .stepBudget: "--step-budget"
        case .clockJumps: "--clock-jumps"
        case .cacheCallLatency: "--cache-latency"
        case .databaseReadLatency: "--db-read-latency"
        case .databaseWriteLatency: "--db-write-latency"
        case .logReadLatency: "--worker-lag"
        case .timing: "--timing"
        case .databaseCapacity: "--db-capacity"
        case .databaseTimeout: "--db-timeout"
        case .cacheFlushAt: "--cache-flush-at"
        case .hosts: "--hosts"
        case .leaseTTL, .workerStepsAfterClients: "--scenario"
        }
    }

    /// Whether a strategy-settings difference is the model's alone: settings are a function of the model,
    /// its parameters and the TTL, so when the models differ too, the token's model (found by its digest)
    /// built with this TTL and its defaults has the token's settings when the TTLs agree (and the token's
    /// parameters were its defaults).
    private static func ttlAgrees(_ mismatch: RunFingerprint.Mismatch, _ options: CheckOptions) -> Bool {
        guard mismatch.isExact, mismatch.parts.contains(.strategy) else { return false }
        func digests(_ strategy: any CachingStrategy) -> [RunFingerprint.Part: UInt16] {
            RunFingerprint(strategy: strategy, workload: options.workload, options: options.simulation).digests
        }
        let made = mismatch.madeWith.digests
        guard let model = ModelCatalogue.entries.first(where: { digests($0.make(nil))[.strategy] == made[.strategy] })
        else { return false }
        return digests(model.make(options.ttl))[.strategySettings] == made[.strategySettings]
    }
}
