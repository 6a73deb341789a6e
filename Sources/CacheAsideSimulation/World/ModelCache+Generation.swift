extension ModelCache {
    /// `key`'s generation counter: 0 until the first bump (and again after a restart).
    public func generation(_ key: Key) -> Int { generations[key] ?? 0 }

    /// Increments `key`'s generation counter and returns the new generation. The entry itself is left as
    /// it is: a generation only tells a reader that a write happened since it looked.
    public mutating func bumpGeneration(_ key: Key) -> Int {
        let next = generation(key) + 1
        generations[key] = next
        return next
    }
}
