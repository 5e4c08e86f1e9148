import Foundation
import FunnelCore

/// The candidate screen: a fixed header, then the profile, future role, timeline and stage
/// history as one scrollable list of lines.
enum CandidateView {
    static let hints = "n log · N note · f future role · s status · e edit · >/< stage · u undo · j/k scroll · Esc back · ? help"

    /// One line of the body: styled runs of text.
    struct Line: Equatable {
        var runs: [(String, Style)]
        static func == (a: Line, b: Line) -> Bool { a.runs.map(\.0) == b.runs.map(\.0) && a.runs.map(\.1) == b.runs.map(\.1) }
        init(_ runs: [(String, Style)]) { self.runs = runs }
        init(_ text: String, _ style: Style = .plain) { runs = [(text, style)] }
        static let blank = Line("")
    }

    static func draw(_ page: CandidatePage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        guard let detail = page.detail else {
            screen.put(" Loading #\(page.id)…", x: 0, y: 0, style: Theme.title)
            Render.statusLine(state, hints: hints, into: &screen)
            return
        }
        let c = detail.candidate
        let glyphs = Theme.glyphs(state.settings)
        let header = " \(DisplayWidth.sanitize(c.fullName))  #\(c.id) \(glyphs.bullet) \(c.stage.title) \(glyphs.bullet) \(c.status.title)"
        screen.put(DisplayWidth.truncate(header, to: width), x: 0, y: 0, style: Theme.title)

        let body = lines(detail, state: state)
        let visible = Layout.candidateBodyRows(state.size)
        for (row, line) in body.dropFirst(page.scroll).prefix(visible).enumerated() {
            var x = 1
            for (text, style) in line.runs {
                // Cut at the edge with an ellipsis, so a long note reads as cut, not as ended.
                x += screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(text), to: max(0, width - 1 - x)), x: x, y: row + 1,
                                style: style)
            }
        }
        if page.scroll + visible < body.count {
            screen.put(glyphs.more, x: width - 1, y: visible, style: Theme.dim)
        }
        Render.statusLine(state, hints: hints, into: &screen)
    }

    static func lines(_ detail: CandidateDetail, state: AppState) -> [Line] {
        let c = detail.candidate
        let zone = state.moment.timeZone
        let today = state.moment.today
        let glyphs = Theme.glyphs(state.settings)
        var out: [Line] = []
        func field(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append(Line([(DisplayWidth.pad(label, to: 12), Theme.label), (value, .plain)]))
        }
        if !c.headline.isEmpty { out.append(Line(c.headline, Theme.header)) }
        field("Location", c.location)
        if let email = c.email, let bounced = c.emailBouncedAt {
            // A delivery report said it fails for good: no rule or campaign offers it until edited.
            // What to do fits beside the address; since when and the mail system's words (long)
            // go on the line under it.
            let reason = c.emailBounce.map { ": \($0)" } ?? ""
            out.append(Line([(DisplayWidth.pad("Email", to: 12), Theme.label), (email, .plain),
                             ("  bounces: edit the email", Theme.stale)]))
            out.append(Line([(DisplayWidth.pad("", to: 12), Theme.label),
                             ("since \(Day(bounced, in: zone).iso)\(reason)", Theme.dim)]))
        } else {
            field("Email", c.email)
        }
        field("Phone", c.phone)
        field("LinkedIn", c.linkedinURL)
        field("Tags", c.tags.isEmpty ? nil : c.tags.joined(separator: ", "))
        field("Interests", c.interests)
        field("Source", c.source)
        field("Owner", c.owner)
        field("Prefers", c.preferredChannel?.title)
        field("Referred by", detail.referrerName.map { "\($0) (#\(c.referredBy ?? 0))" })
        if let score = detail.engagement {
            out.append(Line([(DisplayWidth.pad("Engagement", to: 12), Theme.label), ("\(score.total)", Theme.header),
                             ("  = recency \(Int(score.recency.rounded())) + frequency \(Int(score.frequency.rounded()))"
                                + " + replies \(Int(score.replies.rounded()))", Theme.dim)]))
        }
        let stageDays = Day(c.stageEnteredAt, in: zone).days(until: today)
        field("In stage", "\(c.stage.title) for \(stageDays) day\(stageDays == 1 ? "" : "s")")
        if let last = c.lastTouchAt {
            let days = Day(last, in: zone).days(until: today)
            field("Last touch", "\(Day(last, in: zone).iso) (\(days == 0 ? "today" : "\(days) days ago"))")
        } else {
            field("Last touch", "never")
        }
        if let next = c.nextFollowUp {
            let days = today.days(until: next)
            let when = days == 0 ? "today" : days < 0 ? "\(-days) days overdue" : "in \(days) days"
            out.append(Line([(DisplayWidth.pad("Follow up", to: 12), Theme.label),
                             ("\(next.iso) (\(when))", days <= 0 && c.status.allowsOutreach ? Theme.due : .plain)]))
        } else if c.status == .doNotContact {
            out.append(Line([(DisplayWidth.pad("Follow up", to: 12), Theme.label), ("never: do not contact", Theme.dnc)]))
        }

        out.append(.blank)
        out.append(Line("Future role", Theme.header))
        if let current = detail.futureRoles.first {
            out.append(Line([("\(glyphs.futureRole) ", Theme.futureRole), (current.summary, Theme.futureRole),
                             ("  asked \(Day(current.askedAt, in: zone).iso)", Theme.dim)]))
            for earlier in detail.futureRoles.dropFirst() {
                out.append(Line("  earlier: \(earlier.summary) (\(Day(earlier.askedAt, in: zone).iso))", Theme.dim))
            }
        } else {
            out.append(Line("  not asked yet: f records it", Theme.dim))
        }
        if !detail.fittingOpenings.isEmpty {
            out.append(.blank)
            out.append(Line("Open roles that fit (O lists every opening)", Theme.header))
            for fit in detail.fittingOpenings {
                out.append(Line([("#\(fit.opening.id) ", Theme.dim), (fit.opening.summary, Theme.futureRole)]))
                out.append(Line("    " + OpeningView.reason(fit.match, width: state.size.width - 6), Theme.dim))
            }
        }

        out.append(.blank)
        out.append(Line("Timeline (\(detail.touches.count)\(detail.moreTouches ? "+" : "") touches, newest first)", Theme.header))
        if detail.touches.isEmpty { out.append(Line("  no touches yet: n logs one", Theme.dim)) }
        for touch in detail.touches {
            var what = touch.channel.title
            if touch.channel != .note { what += touch.direction == .inbound ? " in" : " out" }
            if let outcome = touch.outcome { what += ", \(outcome.title)" }
            if let template = touch.template { what += " [\(template)]" }
            let note = touch.note.split(whereSeparator: \.isNewline).joined(separator: " ")
            let date = "\(Day(touch.at, in: zone).iso)  "
            // The note wraps under the touch, indented, so a long note is read whole.
            let width = max(20, state.size.width - 2)
            let firstRoom = width - DisplayWidth.width(of: date + what) - 2
            let pieces = wrap(note, first: firstRoom, rest: width - 12)
            out.append(Line([(date, Theme.dim), (what, Theme.header), (pieces.first.map { "  \($0)" } ?? "", .plain)]))
            for piece in pieces.dropFirst() { out.append(Line("            " + piece)) }
        }
        if detail.moreTouches { out.append(Line("  … older touches: funnel show \(c.id)", Theme.dim)) }

        out.append(.blank)
        out.append(Line("Stage history", Theme.header))
        for change in detail.stages {
            let from = change.from.map { "\($0.title) \(glyphs.arrow) " } ?? "entered "
            out.append(Line([("\(Day(change.at, in: zone).iso)  ", Theme.dim), ("\(from)\(change.to.title)", .plain)]))
        }
        return out
    }

    /// Words of `text` in lines of at most `first` columns, then `rest` columns (display widths).
    static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines: [String] = []
        var current = ""
        var room = max(1, first)
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.width(of: candidate) <= room || current.isEmpty && room == max(1, rest) {
                current = candidate
                continue
            }
            if !current.isEmpty {
                lines.append(current)
                room = max(1, rest)
            }
            current = String(word)
            // A single word longer than a line is cut, not lost.
            while DisplayWidth.width(of: current) > room {
                let cut = DisplayWidth.truncate(current, to: room, ellipsis: "-")
                lines.append(cut)
                current = String(current.dropFirst(max(1, cut.count - 1)))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
