/// A client operation as it was invoked: a read of a key, or a write of a specific fresh value.
public enum ClientOperation: Hashable, Sendable, CustomStringConvertible {
    /// A read of `key`.
    case read(Key)
    /// A write of `value` to `key`.
    case write(Key, Value)

    /// The key the operation touches.
    public var key: Key {
        switch self {
        case .read(let key), .write(let key, _): key
        }
    }

    /// Whether this is a read.
    public var isRead: Bool {
        if case .read = self { return true }
        return false
    }

    /// `read k1` or `write k1=v2`, as reports print it.
    public var description: String {
        switch self {
        case .read(let key): "read \(key)"
        case .write(let key, let value): "write \(key)=\(value)"
        }
    }
}
