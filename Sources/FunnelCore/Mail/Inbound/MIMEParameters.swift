import Foundation

/// A MIME header value with parameters — `text/plain; charset="utf-8"`, `attachment; filename=a.pdf`
/// — split into its leading value and its parameters (RFC 2045 §5.1): quoted strings
/// unescaped, comments dropped, names lower-cased, and RFC 2231 parameters put back together
/// (`name*0=…; name*1=…` continuations, `name*=utf-8''%E2%82%AC` charset-encoded values).
public struct MIMEParameters: Sendable, Equatable {
    /// The leading value, lower-cased and trimmed (`text/plain`, `attachment`).
    public var value: String
    /// Parameters by lower-cased name; the first occurrence wins.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    public subscript(_ name: String) -> String? { parameters[name] }

    public static func parse(_ text: String) -> MIMEParameters {
        let pieces = split(text)
        let value = (pieces.first ?? "").trimmingBlanks.lowercased()
        // Pieces of RFC 2231 parameters, by base name: (section, is percent-encoded, text).
        var sections: [String: [(index: Int, extended: Bool, text: String)]] = [:]
        var plain: [String: String] = [:]
        var order: [String] = []
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingBlanks.lowercased()
            let rawValue = unquote(piece[piece.index(after: equals)...].trimmingBlanks)
            guard !name.isEmpty else { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                let number = rest.hasSuffix("*") ? rest.dropLast() : rest
                let index = number.isEmpty ? 0 : (Int(number) ?? -1)
                guard index >= 0, index < 1000 else { continue }
                if sections[base] == nil { order.append(base) }
                sections[base, default: []].append((index, extended, rawValue))
            } else if plain[name] == nil {
                plain[name] = rawValue
                order.append(name)
            }
        }
        var parameters: [String: String] = [:]
        for name in order where parameters[name] == nil {
            if let parts = sections[name] {
                parameters[name] = assemble(parts.sorted { $0.index < $1.index })
            } else if let text = plain[name] {
                parameters[name] = text
            }
        }
        return MIMEParameters(value: value, parameters: parameters)
    }

    /// RFC 2231 §3–4: the sections in order; the first extended one starts `charset'language'`,
    /// and every extended one is percent-encoded bytes in that charset.
    static func assemble(_ parts: [(index: Int, extended: Bool, text: String)]) -> String {
        var out = ""
        var charset: String?
        var bytes: [UInt8] = []
        func flush() {
            if !bytes.isEmpty { out += Charset.decode(bytes, charset: charset ?? "us-ascii") }
            bytes = []
        }
        for (position, part) in parts.enumerated() {
            if part.extended {
                var text = Substring(part.text)
                if position == 0 {
                    let quotes = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if quotes.count == 3 {
                        charset = quotes[0].isEmpty ? nil : String(quotes[0])
                        text = quotes[2]
                    }
                }
                bytes += percentDecoded(text)
            } else {
                flush()
                out += part.text
            }
        }
        flush()
        return out
    }

    static func percentDecoded(_ text: Substring) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let high = TransferEncoding.hexValue(utf8[i + 1]), let low = TransferEncoding.hexValue(utf8[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }

    /// The text split at `;` outside quoted strings, with comments `(…)` removed.
    static func split(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var inQuotes = false
        var escaped = false
        var depth = 0
        for scalar in text.unicodeScalars {
            if inQuotes {
                current.append(scalar)
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inQuotes = false }
                continue
            }
            if depth > 0 {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "(" { depth += 1 } else if scalar == ")" { depth -= 1 }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true; current.append(scalar)
            case "(": depth = 1
            case ";":
                pieces.append(String(current))
                current = String.UnicodeScalarView()
            default: current.append(scalar)
            }
        }
        pieces.append(String(current))
        return pieces
    }

    /// A quoted string's content with `\x` unescaped; other text as is.
    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\""), text.count >= 2 else { return text }
        var out = String.UnicodeScalarView()
        var escaped = false
        for scalar in text.unicodeScalars.dropFirst() {
            if escaped { out.append(scalar); escaped = false; continue }
            if scalar == "\\" { escaped = true; continue }
            if scalar == "\"" { break }
            out.append(scalar)
        }
        return String(out)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (cheaper than Foundation's trimming, per parameter).
    var trimmingBlanks: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
