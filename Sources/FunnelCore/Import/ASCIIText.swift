/// The normalisations every imported row runs (`Email.normalize`, `LinkedIn.normalize`,
/// `Tags.parse`), done on the bytes of plain printable ASCII text, which is nearly every cell
/// of a real sheet. Foundation's trimming, case mapping and `CharacterSet` tests were 2 of the
/// 3.4 s a 100,000-row import spent validating.
///
/// Each returns nil whenever it is not sure (any byte outside the printable range, a percent
/// escape, an invalid value) and the caller then runs its general code, which gives the same
/// answer or the same error: so the fast path can only ever agree with it. For printable ASCII
/// the two are the same rules: no white space to trim, characters are bytes, lower-casing is
/// A–Z → a–z, and the only alphanumerics are 0–9, A–Z, a–z.
enum ASCIIText {
    private static func isPrintable(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }

    /// `Email.normalize` for a valid address in printable ASCII; nil otherwise.
    static func normalizedEmail(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var at: Int?
        for b in text.utf8 {
            guard isPrintable(b) else { return nil }
            if b == UInt8(ascii: "@") {
                guard at == nil else { return nil }
                at = bytes.count
            }
            bytes.append(lower(b))
        }
        guard let at, bytes.count <= 254 else { return nil }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".")
        else { return nil }
        var previous: UInt8 = 0
        for b in local {
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""): return nil
            case UInt8(ascii: ".") where previous == UInt8(ascii: "."): return nil
            default: previous = b
            }
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return nil }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ $0 == UInt8(ascii: "-") || isAlphanumeric($0) })
            else { return nil }
        }
        guard labels.last!.count >= 2 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `LinkedIn.normalize` for a valid profile URL in printable ASCII without percent escapes;
    /// nil otherwise.
    static func canonicalLinkedIn(_ text: String) -> String? {
        let all = Array(text.utf8)
        guard all.allSatisfy(isPrintable), !all.contains(UInt8(ascii: "%")) else { return nil }
        var rest = all[...]
        for scheme in ["https://", "http://"] {
            let prefix = Array(scheme.utf8)
            if rest.count >= prefix.count, zip(rest, prefix).allSatisfy({ lower($0) == $1 }) {
                rest = rest.dropFirst(prefix.count)
            }
        }
        if let cut = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { rest = rest[..<cut] }
        let parts = rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return nil }
        let host = parts[0].map(lower)
        let domain = Array("linkedin.com".utf8)
        guard host == domain || (host.count > domain.count && host.suffix(domain.count + 1) == [UInt8(ascii: ".")] + domain)
        else { return nil }
        let kind = parts[1].map(lower)
        guard kind == Array("in".utf8) || kind == Array("pub".utf8) else { return nil }
        let segments = kind == Array("in".utf8) ? [parts[2]] : Array(parts[2...])
        var out = Array("https://www.linkedin.com/".utf8) + kind
        for segment in segments {
            guard segment.count <= 100,
                  segment.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") })
            else { return nil }
            out.append(UInt8(ascii: "/"))
            out += segment.map(lower)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Tags.parse` for text of printable ASCII and spaces; nil otherwise.
    static func parsedTags(_ text: String) -> [String]? {
        var tags: [String] = []
        var seen = Set<String>()
        var current: [UInt8] = []
        var pendingDash = false
        func finish() {
            if !current.isEmpty {
                let tag = String(decoding: current, as: UTF8.self)
                if seen.insert(tag).inserted { tags.append(tag) }
            }
            current.removeAll(keepingCapacity: true)
            pendingDash = false
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                finish()
            case UInt8(ascii: " "):
                // Inner runs of spaces become one dash; leading and trailing ones go.
                if !current.isEmpty { pendingDash = true }
            default:
                guard isPrintable(b) else { return nil }
                if pendingDash {
                    current.append(UInt8(ascii: "-"))
                    pendingDash = false
                }
                current.append(lower(b))
            }
        }
        finish()
        return tags
    }
}
