import CacheAsideCheck
import CacheAsideModels
import Testing

/// `--model NAME:param=value`: one grammar for the check and `compare`, parsed against each catalogue
/// entry's parameter descriptions.
@Suite struct ModelChoiceTests {
    @Test func parametersFollowTheColonAndEveryFurtherEqualsItemBelongsToTheModelBeforeIt() throws {
        let choices = try ModelChoice.parseList("probabilistic-early-expiration:delta=4,beta=2.0,cache-aside,lease:patience=9")
        #expect(choices.map(\.description) == [
            "probabilistic-early-expiration:beta=2,delta=4", "cache-aside", "lease:patience=9",
        ])
        let xfetch = try #require(choices[0].make(30) as? ProbabilisticEarlyExpiration)
        #expect(xfetch.beta == 2 && xfetch.recomputeTicks == 4 && xfetch.ttl == 30)
        #expect((choices[2].make(60) as? Lease)?.patience == 9)
    }

    @Test func aSweepIsOneChoicePerValueInTheOrderGiven() throws {
        let choices = try ModelChoice.parseList("probabilistic-early-expiration:beta=0.5|1|2|4,delta=3")
        #expect(choices.map(\.description) == [0.5, 1, 2, 4].map {
            "probabilistic-early-expiration:beta=\($0 == $0.rounded() ? "\(Int($0))" : "\($0)"),delta=3"
        })
        #expect(throws: ModelChoice.SyntaxError.self) { try ModelChoice.parse("probabilistic-early-expiration:beta=1|2") }
        #expect(throws: ModelChoice.SyntaxError.self) {
            try ModelChoice.parseList("probabilistic-early-expiration:beta=1|2,delta=1|2")
        }
    }

    /// A mistake is one line that names what the model takes, so the fix is in the message.
    @Test func anUnknownParameterOrABadValueNamesTheParametersTheModelTakes() {
        let cases: [(String, String)] = [
            ("probabilistic-early-expiration:gamma=1", "probabilistic-early-expiration has no parameter 'gamma'; it takes beta ("),
            ("probabilistic-early-expiration:beta=-1", "beta=-1 is not a number > 0"),
            ("probabilistic-early-expiration:beta=nan", "beta=nan is not a number > 0"),
            ("delayed-double-delete:delay=soon", "delay=soon is not ticks ≥ 0; delayed-double-delete takes delay (ticks ≥ 0, default 5)"),
            ("early-refresh:window", "'window' needs a value"),
            ("cache-aside:delay=5", "cache-aside has no parameter 'delay'; it takes no parameters"),
            ("memcached-magic:x=1", "unknown model 'memcached-magic'; choose one of cache-aside,"),
            ("lease:patience=1,patience=2", "patience given twice"),
        ]
        for (text, message) in cases {
            do {
                _ = try ModelChoice.parseList(text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.message.hasPrefix(message) || error.message.contains(message), "\(text): \(error.message)")
                #expect(!error.message.contains("\n"), "\(text): \(error.message)")
            }
        }
    }

    /// Every parameter of every model reaches the strategy's settings, so a replay token made with one
    /// value is refused under another; and the default it lists is the value a plain entry has.
    @Test func everyParameterOfEveryModelChangesItsSettings() throws {
        for entry in ModelCatalogue.entries {
            for parameter in entry.parameters {
                let fallback = entry.make(60)
                let other = try #require(
                    ["3", "7", "none", "0.5"].compactMap(parameter.canonical).first { $0 != parameter.value(fallback) },
                    "\(entry.name) \(parameter.name)")
                let choice = try ModelChoice.parse("\(entry.name):\(parameter.name)=\(other)")
                #expect(choice.make(60).settings != fallback.settings, "\(entry.name) \(parameter.name)=\(other)")
                #expect(parameter.value(choice.make(60)) == other)
                #expect(try ModelChoice.parse(entry.name).make(60).settings == fallback.settings)
            }
        }
    }

    @Test func theEffectiveDescriptionListsEveryParameterWithItsValueForTheTTL() throws {
        #expect(try ModelChoice.parse("early-refresh").effectiveDescription(ttl: 30) == "early-refresh:window=6")
        #expect(try ModelChoice.parse("probabilistic-early-expiration:beta=2").effectiveDescription(ttl: 60)
            == "probabilistic-early-expiration:beta=2,delta=2")
        #expect(try ModelChoice.parse("cache-aside").effectiveDescription(ttl: 60) == "cache-aside")
    }
}
