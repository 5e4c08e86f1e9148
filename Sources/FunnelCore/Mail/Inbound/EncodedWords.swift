/// RFC 2047 encoded words (`=?charset?B?…?=`, `=?charset?Q?…?=`) in a header value, decoded.
///
/// - White space between two adjacent encoded words is dropped (§6.2); adjacent words in the
///   same charset are joined as bytes before decoding, so a character split across two words
///   (common, though the RFC forbids it) still reads as one.
/// - A word is decoded wherever it stands, even against other text (`Re:=?utf-8?q?x?=`), as
///   common clients do.
/// - A malformed word (unknown encoding, bad base64 or `=XX`, no closing `?=`, a space inside)
///   is left as the text it is.
/// - The charset may carry an RFC 2231 language (`=?utf-8*en?Q?…?=`), which is ignored.
///
/// The result may hold any character the sender encoded, line breaks and escapes included: the
/// caller neutralises it (`HeaderText`).
public enum EncodedWords {
    public static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var runCharset: String?
        var runBytes: [UInt8] = []
        var pendingSpace = String.UnicodeScalarView()
        var afterWord = false

        func flushRun() {
            if let charset = runCharset { out.append(contentsOf: Charset.decode(runBytes, charset: charset).unicodeScalars) }
            runCharset = nil
            runBytes = []
        }

        var i = 0
        while i < scalars.count {
            if scalars[i] == "=", i + 1 < scalars.count, scalars[i + 1] == "?", let word = parseWord(scalars, at: i) {
                if !afterWord {
                    flushRun()
                } else {
                    pendingSpace = String.UnicodeScalarView()
                }
                if runCharset != word.charset { flushRun() }
                runCharset = word.charset
                runBytes += word.bytes
                afterWord = true
                i = word.end
                continue
            }
            if afterWord, scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\r" || scalars[i] == "\n" {
                pendingSpace.append(scalars[i])
                i += 1
                continue
            }
            flushRun()
            out.append(contentsOf: pendingSpace)
            pendingSpace = String.UnicodeScalarView()
            afterWord = false
            out.append(scalars[i])
            i += 1
        }
        flushRun()
        out.append(contentsOf: pendingSpace)
        return String(out)
    }

    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// The word starting at `start` (on its `=?`), or nil when it is not a well-formed one.
    static func parseWord(_ s: [Unicode.Scalar], at start: Int) -> Word? {
        var i = start + 2
        var charset = String.UnicodeScalarView()
        while i < s.count, s[i] != "?" {
            guard isTokenScalar(s[i]), charset.count < 64 else { return nil }
            charset.append(s[i])
            i += 1
        }
        guard i + 2 < s.count, !charset.isEmpty, s[i + 2] == "?" else { return nil }
        let encoding = s[i + 1]
        i += 3
        let textStart = i
        while i + 1 < s.count, !(s[i] == "?" && s[i + 1] == "=") {
            guard s[i].value > 0x20, s[i].value < 0x7F, i - textStart < 2000 else { return nil }
            i += 1
        }
        guard i + 1 < s.count else { return nil }
        let encoded = s[textStart..<i].map { UInt8($0.value) }
        let bytes: [UInt8]?
        switch encoding {
        case "B", "b": bytes = base64(encoded)
        case "Q", "q": bytes = q(encoded)
        default: bytes = nil
        }
        guard let bytes else { return nil }
        var name = String(charset).lowercased()
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        return Word(charset: name, bytes: bytes, end: i + 2)
    }

    /// A charset name: printable ASCII without spaces (the loop stops at its `?`).
    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x20 && scalar.value < 0x7F
    }

    /// Strict base64 (only the alphabet and trailing padding): anything else makes the word malformed.
    static func base64(_ text: [UInt8]) -> [UInt8]? {
        var body = text[...]
        while body.last == UInt8(ascii: "=") { body = body.dropLast() }
        guard text.count - body.count <= 2, body.allSatisfy({ TransferEncoding.base64Value($0) != nil }),
              body.count % 4 != 1
        else { return nil }
        return TransferEncoding.base64(body)
    }

    /// The Q encoding (§4.2): `_` is a space, `=XX` a byte, other printable ASCII as is.
    static func q(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let byte = text[i]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
                i += 1
            } else if byte == UInt8(ascii: "=") {
                guard i + 2 < text.count, let high = TransferEncoding.hexValue(text[i + 1]),
                      let low = TransferEncoding.hexValue(text[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(byte)
                i += 1
            }
        }
        return out
    }
}
