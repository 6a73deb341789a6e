import CacheAsideCheck
import Testing

/// Every line of `expectedVerdicts`, checked by the tool itself.
@Suite struct CatalogueVerdictTests {
    @Test(arguments: expectedVerdicts)
    func modelKeepsAndBreaksWhatItsDocCommentClaims(_ expectation: Expectation) throws {
        let findings = try VerdictSearch(expectation).findings(for: expectation.verdicts).get()
        for (claim, verdict) in expectation.verdicts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard verdict != .rare else { continue }
            let finding = try #require(findings[claim])
            switch verdict {
            case .holds:
                #expect(
                    finding.firstFailingSeed == nil,
                    "\(claim) was claimed to hold, but seed \(finding.firstFailingSeed ?? 0) breaks it")
                #expect(finding.seedsRun >= 10_000, "a guarantee needs at least 10,000 seeds")
            case .violated:
                #expect(
                    finding.firstFailingSeed != nil,
                    "\(claim) was claimed to break, but held over \(finding.seedsRun) seeds")
            case .rare:
                break
            }
        }
    }
}
