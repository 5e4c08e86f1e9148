import Foundation
import FunnelCore

/// Text for people: dates in the recruiter's time zone, relative ages, and columns that line up
/// even with CJK names and emoji (which take two terminal columns).
enum HumanText {
    static func day(_ date: Date, _ moment: Moment) -> String { Day(date, in: moment.timeZone).iso }

    static func dayAndTime(_ date: Date, _ moment: Moment) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = moment.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return day(date, moment) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// "today", "yesterday", "12 days ago", "in 3 days".
    static func relative(_ day: Day, _ moment: Moment) -> String {
        let n = moment.today.days(until: day)
        switch n {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case ..<0: return "\(-n) days ago"
        default: return "in \(n) days"
        }
    }

    static func since(_ date: Date, _ moment: Moment) -> String { relative(Day(date, in: moment.timeZone), moment) }

    /// The next follow-up with its urgency: "2026-11-19 (overdue 3 days)".
    static func followUp(_ day: Day, _ moment: Moment) -> String {
        let n = moment.today.days(until: day)
        if n < 0 { return "\(day.iso) (overdue \(-n) day\(n == -1 ? "" : "s"))" }
        return "\(day.iso) (\(relative(day, moment)))"
    }

    // MARK: Columns

    /// Terminal columns a string takes: wide (East Asian, emoji) characters count two,
    /// combining marks and zero-width characters none.
    static func width(_ text: String) -> Int { text.reduce(0) { $0 + width(of: $1) } }

    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) || first.properties.isEmojiPresentation { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        return isWide(first.value) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The text cut to `columns` (with "…" when cut) and padded with spaces to exactly `columns`.
    static func fit(_ text: String, _ columns: Int) -> String {
        let flat = text.shown
        var out = "", used = 0
        if width(flat) <= columns {
            out = flat
            used = width(flat)
        } else {
            for character in flat {
                let w = width(of: character)
                if used + w > columns - 1 { break }
                out.append(character)
                used += w
            }
            out.append("…")
            used += 1
        }
        return out + String(repeating: " ", count: max(0, columns - used))
    }

    /// A table printed row by row with fixed column widths, so rows can stream from the store.
    struct Table {
        let widths: [Int]

        func header(_ titles: [String]) { row(titles) }

        func row(_ cells: [String]) {
            var line = ""
            for (index, cell) in cells.enumerated() {
                let last = index == cells.count - 1
                line += last ? cell.shown : HumanText.fit(cell, widths[index]) + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            print(line)
        }
    }

    /// The table `list` and `search` print: id, name, stage, status, title, last touch, next follow-up.
    static let candidateTable = Table(widths: [6, 24, 13, 14, 26, 10, 10])

    static func printCandidateHeader() {
        candidateTable.header(["ID", "NAME", "STAGE", "STATUS", "TITLE", "LAST TOUCH", "NEXT"])
    }

    static func printCandidateRow(_ c: Candidate, _ moment: Moment) {
        candidateTable.row([
            String(c.id), c.fullName, c.stage.rawValue, c.status.title, c.headline,
            c.lastTouchAt.map { day($0, moment) } ?? "-", c.nextFollowUp?.iso ?? "-",
        ])
    }
}

/// Candidate ids as typed: `42` or `#42`.
enum CandidateRef {
    static func parse(_ text: String) throws -> Int64 {
        try RowID.parse(text, orSay: "is not a candidate id: expected a number like 42")
    }
}

/// An id typed on the command line: a positive number, "#" allowed in front.
enum RowID {
    static func parse(_ text: String, orSay complaint: String) throws -> Int64 {
        var key = text.trimmingCharacters(in: .whitespaces)
        if key.hasPrefix("#") { key.removeFirst() }
        guard let id = Int64(key), id > 0 else { throw FunnelError.invalid("'\(text)' \(complaint)") }
        return id
    }
}

/// Whether stdin and stdout are both a terminal (a person is there, not a script).
func isInteractive() -> Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
