/// Placeholder.
struct EDNHistoryReader {
    init(_ bytes: UnsafeBufferPointer<UInt8>) {}
    mutating func next() throws(RecordedHistoryError) -> RecordedEvent? { nil }
}
