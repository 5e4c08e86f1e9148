import Foundation

/// The dates a recruiter types in a form or on the command line, relative to today:
/// `today`, `tomorrow`, `yesterday`, `3d`, `2w`, `1m`, `+5` (days), a weekday (`mon`, `friday`),
/// or an ISO date `2026-12-01`.
///
/// A weekday means the next such day strictly after today: typing `mon` on a Monday means a
/// week from now, because nobody schedules a follow-up for the day they are already in.
public enum DateShortcut {
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    public static let help = "today, tomorrow, 3d, 2w, 1m, mon…sun, or YYYY-MM-DD"

    public static func parse(_ text: String, today: Day) throws -> Day {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch key {
        case "": throw FunnelError.invalid("empty date: expected \(help)")
        case "today", "now": return today
        case "tomorrow", "tmr", "tom": return today.adding(days: 1)
        case "yesterday": return today.adding(days: -1)
        default: break
        }
        if key.first?.isNumber == true || key.first == "+", let relative = parseRelative(key, today: today) {
            return relative
        }
        if key.count >= 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(key) }) {
            let target = index + 1
            var ahead = (target - today.weekday + 7) % 7
            if ahead == 0 { ahead = 7 }
            return today.adding(days: ahead)
        }
        if let day = Day(iso: key) { return day }
        if key.count == 10, key.filter({ $0 == "-" }).count == 2 {
            throw FunnelError.invalid("'\(text)' is not a real date")
        }
        throw FunnelError.invalid("cannot read '\(text)' as a date: expected \(help)")
    }

    /// `3d`, `2w`, `1m`, `+5`, `10` (days). Returns nil if the text is not of this shape.
    static func parseRelative(_ key: String, today: Day) -> Day? {
        var body = Substring(key)
        if body.first == "+" { body = body.dropFirst() }
        var unit: Character = "d"
        if let last = body.last, last.isLetter {
            unit = last
            body = body.dropLast()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }), body.count <= 4,
              let n = Int(body) else { return nil }
        switch unit {
        case "d": return today.adding(days: n)
        case "w": return today.adding(days: 7 * n)
        case "m": return today.adding(months: n)
        case "y": return today.adding(months: 12 * n)
        default: return nil
        }
    }
}
