import FunnelCore

/// The campaign screen: a header with the counts, who is left out (by reason), the list of
/// messages, and the selected message in full; while sending, the progress line.
enum CampaignView {
    static let hints = "j/k message · e edit · S send · Esc back · ? help"
    static let sendingHints = "Sending… Esc stops after the message in hand"

    static func draw(_ page: CampaignPage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        guard let tally = page.tally else {
            screen.put(" Campaign", x: 0, y: 0, style: Theme.title)
            screen.put("Rendering one message per person…", x: 1, y: 2, style: Theme.dim)
            Render.statusLine(state, hints: "Esc back", into: &screen)
            return
        }
        let c = tally.campaign
        // The counts first: a narrow screen cuts the names, not the figures.
        let title = " Campaign #\(c.id) · \(grouped(tally.messages)) messages · \(grouped(tally.count(.sent))) sent · "
            + "\(grouped(tally.count(.excluded))) left out" + (tally.count(.unknown) > 0 ? " · \(grouped(tally.count(.unknown))) unknown" : "")
            + " · \(DisplayWidth.sanitize(c.source.title)) · template \(DisplayWidth.sanitize(c.template))"
        screen.put(DisplayWidth.truncate(title, to: width), x: 0, y: 0, style: Theme.title)
        var y = 1
        if page.sending || page.progress != nil {
            let line = (page.sending ? "Sending: " : "") + (page.progress ?? "")
            screen.put(DisplayWidth.truncate(" " + line, to: width), x: 0, y: y, style: page.sending ? Theme.info : Theme.dim)
        } else if !tally.exclusions.isEmpty {
            let reasons = tally.exclusions.map { "\($0.count) \($0.reason)" }.joined(separator: " · ")
            screen.put(DisplayWidth.truncate(" Left out: " + DisplayWidth.sanitize(reasons), to: width), x: 0, y: y, style: Theme.dim)
        } else {
            screen.put(" Nobody left out", x: 0, y: y, style: Theme.dim)
        }
        y += 1
        let rows = App.campaignListRows(state.size)
        let top = max(0, min(page.top, max(0, page.messages.count - rows)))
        let nameWidth = min(26, max(16, width / 5))
        for (offset, message) in page.messages.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let selected = index == page.selected
            let style: Style = selected ? Theme.selected : .plain
            let line = y + offset
            if selected { screen.fill(Rect(x: 0, y: line, width: width, height: 1), style: style) }
            var x = 1
            x += screen.put(DisplayWidth.truncate("\(message.position).", to: 6), x: x, y: line, style: selected ? style : Theme.dim)
            x = max(x + 1, 7)
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(message.name), to: nameWidth - 1), x: x, y: line, style: style)
            x += nameWidth
            let stateWidth = 14
            let stateStyle: Style = selected ? style : message.state == .sent ? Theme.info
                : message.state == .excluded ? Theme.dim : message.state == .failed || message.state == .unknown ? Theme.error : .plain
            screen.put(DisplayWidth.truncate(message.state.title, to: stateWidth - 1), x: x, y: line, style: stateStyle)
            x += stateWidth
            let what = message.state == .excluded ? (message.reason ?? "") : message.subject + (message.edited ? " (edited)" : "")
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(what), to: max(0, width - x - 1)), x: x, y: line,
                       style: selected ? style : Theme.dim)
        }
        if top + rows < page.messages.count {
            screen.put(Theme.glyphs(state.settings).more, x: width - 1, y: y + rows - 1, style: Theme.dim)
        }
        y += rows + 1
        // The selected message in full, as it will be sent (stored text: controls shown escaped).
        if let message = page.selectedMessage, y < state.size.height - 1 {
            screen.fill(Rect(x: 0, y: y - 1, width: width, height: 1))
            let heading: String
            if message.state == .excluded {
                heading = " \(message.name) is left out: \(message.reason ?? "")"
            } else {
                heading = " To: \(message.name) <\(message.address)> · Subject: \(message.subject)"
            }
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(heading), to: width), x: 0, y: y, style: Theme.header)
            y += 1
            if let error = message.error, y < state.size.height - 1 {
                screen.put(DisplayWidth.truncate(" " + DisplayWidth.sanitize(error), to: width), x: 0, y: y, style: Theme.error)
                y += 1
            }
            for bodyLine in message.body.split(separator: "\n", omittingEmptySubsequences: false) {
                guard y < state.size.height - 1 else { break }
                screen.put(DisplayWidth.truncate(" " + DisplayWidth.sanitize(String(bodyLine)), to: width), x: 0, y: y)
                y += 1
            }
        }
        Render.statusLine(state, hints: page.sending ? sendingHints : hints, into: &screen)
    }
}
