import Foundation

/// JSON encoders escape C0 control characters but write DEL, the C1 controls, the line and
/// paragraph separators and the bidi overrides as they are: valid JSON, yet `funnel list --json`
/// in a terminal (or `jq` output pasted into a page) would still act on them. This rewrites those
/// characters as `\uXXXX` escapes. They can only occur inside JSON strings, where the escape
/// means the same character, so the decoded value is unchanged.
public enum JSONInvisibles {
    public static func escaped(_ json: Data) -> Data {
        // Fast path: no DEL and no lead byte of the characters below.
        guard json.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return json }
        var out = Data()
        out.reserveCapacity(json.count + 64)
        let bytes = [UInt8](json)
        var i = 0
        func append(_ value: UInt32) { out.append(contentsOf: Array(("\\u" + String(value, radix: 16).leftPadded(to: 4)).utf8)) }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x7F {
                append(0x7F); i += 1; continue
            }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                append(UInt32(bytes[i + 1])); i += 2; continue
            }
            if b == 0xE2, i + 2 < bytes.count {
                let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                if bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80,
                   let s = Unicode.Scalar(scalar), PlainText.isForbiddenAnywhere(s) {
                    append(scalar); i += 3; continue
                }
            }
            out.append(b); i += 1
        }
        return out
    }

    public static func escaped(_ json: String) -> String {
        String(decoding: escaped(Data(json.utf8)), as: UTF8.self)
    }
}
