/// FNV-1a, 64 bits: a hash that is the same on every machine and every run, unlike Swift's
/// `Hasher`, which is seeded at random per process. Used for keys that are stored and compared
/// across runs (a synthetic Message-ID, an mbox entry's key); not for security.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var hash = value
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        if done == nil {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        value = hash
    }

    /// The hash of `bytes`, as lower-case hex of `digits` characters (at most 16).
    public static func hex<Bytes: Sequence>(_ bytes: Bytes, digits: Int = 16) -> String where Bytes.Element == UInt8 {
        var hash = StableHash()
        hash.add(bytes)
        return hash.hex(digits: digits)
    }

    public func hex(digits: Int = 16) -> String {
        let text = String(value, radix: 16)
        let full = String(repeating: "0", count: 16 - text.count) + text
        return String(full.prefix(max(1, min(16, digits))))
    }
}
