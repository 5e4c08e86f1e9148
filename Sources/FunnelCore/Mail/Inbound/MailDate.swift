import Foundation

/// An RFC 5322 §3.3 date (`Mon, 7 Dec 2026 11:38:02 +0100 (CET)`) as a `Date`, read leniently
/// as mail needs: the day name optional, seconds optional, comments ignored, two- and
/// three-digit years (§4.3: 00–49 → 2000s, 50–999 → + 1900), the obsolete zone names (UT, GMT,
/// Z, EST…PDT; military letters and unknown names count as +0000, as §4.3 says), single-digit
/// hours. Nil when the parts cannot make a real date.
public enum MailDate {
    public static func parse(_ text: String) -> Date? {
        // Words without comments; commas are separators.
        var cleaned = String.UnicodeScalarView()
        var depth = 0
        for scalar in text.unicodeScalars {
            if scalar == "(" { depth += 1; continue }
            if scalar == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            cleaned.append(scalar == "," ? " " : scalar)
        }
        var words = String(cleaned).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        if let first = words.first, first.first?.isLetter == true, month(first) == nil { words.removeFirst() }
        guard words.count >= 4 else { return nil }
        // Day Month Year, or (seen in the wild) Month Day Year.
        var dayText = words[0], monthText = words[1]
        if month(dayText) != nil { swap(&dayText, &monthText) }
        guard let day = Int(dayText), let month = month(monthText), var year = Int(words[2]),
              words[2].allSatisfy(\.isNumber), (1...31).contains(day)
        else { return nil }
        if words[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
        guard (1900...9999).contains(year), day <= daysIn(month: month, year: year) else { return nil }
        let time = words[3].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(time.count), let hour = Int(time[0]), let minute = Int(time[1]),
              (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        var second = 0
        if time.count == 3 {
            guard let s = Int(time[2]), (0...60).contains(s) else { return nil }
            second = min(s, 59)
        }
        let offset = words.count > 4 ? zoneOffset(words[4]) : 0
        let days = Day.ordinal(year: year, month: month, day: day)  // days since 1970-01-01
        let seconds = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func month(_ text: String) -> Int? {
        guard text.count >= 3 else { return nil }
        return months.firstIndex(of: text.prefix(3).lowercased()).map { $0 + 1 }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Seconds east of UTC.
    static func zoneOffset(_ text: String) -> Int {
        if let sign = text.first, sign == "+" || sign == "-" {
            let digits = text.dropFirst()
            guard digits.count == 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return 0 }
            let hours = value / 100, minutes = value % 100
            guard hours <= 23, minutes <= 59 else { return 0 }
            return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        return (namedZones[text.lowercased()] ?? 0) * 3600
    }

    /// RFC 5322 §4.3's zone names, in hours east of UTC.
    static let namedZones: [String: Int] = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
                                            "mst": -7, "mdt": -6, "pst": -8, "pdt": -7]

}
