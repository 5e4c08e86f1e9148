import Foundation

/// Content-Transfer-Encoding (RFC 2045 §6): quoted-printable and base64 decoded leniently, the
/// identity encodings (7bit, 8bit, binary, and any name we do not know) passed through. Mail in
/// the wild breaks the rules in small ways (a stray `=`, missing base64 padding, lines of junk);
/// the decoders keep what they can read and never fail.
public enum TransferEncoding {
    public static func decode(_ bytes: ArraySlice<UInt8>, encoding name: String?) -> [UInt8] {
        switch name?.trimmingBlanks.lowercased() {
        case "quoted-printable": quotedPrintable(bytes)
        case "base64": base64(bytes)
        default: Array(bytes)
        }
    }

    /// RFC 2045 §6.7: `=XX` is a byte, `=` at the end of a line is a soft break (the line ending
    /// goes), anything else after `=` is kept as written. Trailing white space on a line is
    /// dropped (it was added in transport, §6.7 rule 3).
    public static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        // Trailing white space is dropped back to here: the line's start, or the last decoded `=XX`.
        var keep = 0
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "=") {
                // A soft break: "=" then optional white space then a line ending (or the end).
                var j = i + 1
                while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j == end { i = j; continue }
                if bytes[j] == 0x0A { i = j + 1; keep = out.count; continue }
                if bytes[j] == 0x0D, j + 1 < end, bytes[j + 1] == 0x0A { i = j + 2; keep = out.count; continue }
                if i + 2 < end, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                    out.append(high << 4 | low)
                    keep = out.count
                    i += 3
                    continue
                }
                out.append(byte)
                i += 1
            } else if byte == 0x0A || byte == 0x0D {
                while out.count > keep, out[out.count - 1] == 0x20 || out[out.count - 1] == 0x09 { out.removeLast() }
                out.append(byte)
                i += 1
                keep = out.count
            } else {
                out.append(byte)
                i += 1
            }
        }
        return out
    }

    /// RFC 2045 §6.8, leniently: characters outside the alphabet are skipped, missing padding is
    /// tolerated, and decoding stops at the first `=` pad.
    public static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") { break }
            guard let value = base64Value(byte) else { continue }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: byte - 0x41
        case 0x61...0x7A: byte - 0x61 + 26
        case 0x30...0x39: byte - 0x30 + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
