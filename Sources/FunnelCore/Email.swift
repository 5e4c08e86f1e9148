import Foundation

/// Email addresses are compared and stored normalised (trimmed, lower-cased) so the same person
/// is found whatever case their address was typed in; validity is a practical check, not RFC 5322.
public enum Email {
    /// The normalised address, or an error saying what is wrong with it.
    public static func normalize(_ text: String) throws -> String {
        if let address = ASCIIText.normalizedEmail(text) { return address }
        let address = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard isValid(address) else { throw FunnelError.invalid("invalid email address '\(text)'") }
        return address
    }

    /// One `@`, a non-empty local part without spaces, a domain with a dot and sane labels.
    public static func isValid(_ text: String) -> Bool {
        // Printable ASCII, nearly every stored address: the byte path (it only ever agrees). The
        // queue and a campaign review check one per row; CharacterSet made it 7% of a review.
        if ASCIIText.normalizedEmail(text) != nil { return true }
        let address = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard address.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains(".."),
              local.unicodeScalars.allSatisfy({ $0.value > 32 && $0 != "," && $0 != ";" && $0 != "<" && $0 != ">" && $0 != "\"" })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.unicodeScalars.allSatisfy({ $0 == "-" || CharacterSet.alphanumerics.contains($0) })
            else { return false }
        }
        return labels.last!.count >= 2
    }
}

/// LinkedIn profile URLs in every spelling people paste (`linkedin.com/in/Jane-Doe`,
/// `https://uk.linkedin.com/in/jane-doe/?trk=x`) reduce to one canonical form,
/// `https://www.linkedin.com/in/jane-doe`, so duplicates are detected.
public enum LinkedIn {
    public static func normalize(_ text: String) throws -> String {
        if let url = ASCIIText.canonicalLinkedIn(text) { return url }
        var rest = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
            rest = String(rest.dropFirst(scheme.count))
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = String(rest[..<cut]) }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3 else { throw invalid(text) }
        let host = parts[0].lowercased()
        guard host == "linkedin.com" || host.hasSuffix(".linkedin.com") else { throw invalid(text) }
        let kind = parts[1].lowercased()
        guard kind == "in" || kind == "pub" else { throw invalid(text) }
        // `/in/NAME` is the whole identity (anything after it is a sub-page); an old public
        // profile `/pub/name/1a/2b3/4c5` needs every segment, or namesakes would collide.
        let segments = kind == "in" ? [parts[2]] : Array(parts[2...])
        var slugs: [String] = []
        for segment in segments {
            let slug = (segment.removingPercentEncoding ?? segment).lowercased()
            guard !slug.isEmpty, slug.count <= 100,
                  slug.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "." })
            else { throw invalid(text) }
            slugs.append(slug)
        }
        return "https://www.linkedin.com/\(kind)/\(slugs.joined(separator: "/"))"
    }

    static func invalid(_ text: String) -> FunnelError {
        FunnelError.invalid("invalid LinkedIn profile URL '\(text)': expected linkedin.com/in/NAME")
    }
}
