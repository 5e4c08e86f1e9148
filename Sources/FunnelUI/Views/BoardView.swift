import FunnelCore

/// The board: five columns with a count and conversion in each header; two-line cards.
enum BoardView {
    static let hints = "hjkl/arrows move · Enter open · >/< stage · n log · f future role · / search · u undo · ? help · q quit"

    static func draw(_ state: AppState, into screen: inout Screen) {
        let width = state.size.width
        let total = state.counts.values.reduce(0, +)
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        let title = " Funnel  \(grouped(total)) candidates · by \(state.sort.title)"
        screen.put(title, x: 0, y: 0, style: Theme.title, maxWidth: width)
        let right = "? help  : commands "
        if DisplayWidth.width(of: title) + DisplayWidth.width(of: right) < width {
            screen.put(right, x: width - DisplayWidth.width(of: right), y: 0, style: Theme.title)
        }

        let area = Rect(x: 0, y: 1, width: width, height: state.size.height - 2)
        let rects = area.columns(Stage.allCases.count, gap: 1)
        for (stage, rect) in zip(Stage.allCases, rects) {
            drawColumn(state.column(stage), focused: stage == state.focusedStage, state: state, in: rect, into: &screen)
        }
        for rect in rects.dropLast() {
            screen.verticalLine(x: rect.maxX, y: area.y, length: area.height, style: Theme.rule, ascii: !state.settings.unicode)
            screen.put(state.settings.unicode ? "┼" : "+", x: rect.maxX, y: area.y + 2, style: Theme.rule)
        }
        Render.statusLine(state, hints: hints, into: &screen)
    }

    static func drawColumn(_ column: Column, focused: Bool, state: AppState, in rect: Rect, into screen: inout Screen) {
        let glyphs = Theme.glyphs(state.settings)
        let stage = column.stage
        let count = grouped(state.counts[stage] ?? 0)
        let name = DisplayWidth.truncate(stage.title, to: max(1, rect.width - DisplayWidth.width(of: count) - 1))
        screen.put(name, x: rect.x, y: rect.y, style: focused ? Theme.focusedHeader : Theme.header)
        screen.put(count, x: rect.maxX - DisplayWidth.width(of: count), y: rect.y, style: Theme.header)
        let conversion = state.conversions[stage] ?? ""
        screen.put(DisplayWidth.truncate(conversion, to: rect.width), x: rect.x, y: rect.y + 1, style: Theme.dim)
        screen.horizontalLine(x: rect.x, y: rect.y + 2, length: rect.width, style: Theme.rule, ascii: !state.settings.unicode)
        if column.top > 0 || column.moreBefore {
            screen.put(glyphs.less, x: rect.maxX - 1, y: rect.y + 2, style: Theme.dim)
        }

        let cardsTop = rect.y + 3
        let visible = Layout.visibleCards(state.size)
        guard column.loaded else {
            screen.put("…", x: rect.x + 1, y: cardsTop, style: Theme.dim)
            return
        }
        if column.cards.isEmpty {
            screen.put(DisplayWidth.truncate("(empty)", to: rect.width), x: rect.x + 1, y: cardsTop, style: Theme.dim)
            return
        }
        let end = min(column.cards.count, column.top + visible)
        for (row, index) in (column.top..<end).enumerated() {
            let y = cardsTop + row * Layout.cardRows
            let isSelected = column.selected == index
            drawCard(column.cards[index], selected: isSelected, focused: focused, state: state,
                     in: Rect(x: rect.x, y: y, width: rect.width, height: 2), into: &screen)
        }
        if end < column.cards.count || column.moreAfter {
            screen.put(glyphs.more, x: rect.maxX - 1, y: cardsTop + visible * Layout.cardRows - 1, style: Theme.dim)
        }
    }

    static func drawCard(_ card: Card, selected: Bool, focused: Bool, state: AppState, in rect: Rect, into screen: inout Screen) {
        let glyphs = Theme.glyphs(state.settings)
        let today = state.moment.today
        let highlight = selected && focused
        let base: Style = highlight ? Theme.selected : selected ? Style(bold: true) : .plain
        if highlight { screen.fill(rect, style: Theme.selected) }

        let isDue = card.status.allowsOutreach && (card.nextFollowUp.map { $0 <= today } ?? false)
        let isStale = DueRules.staleDays(stage: card.stage, status: card.status, lastActivity: card.activityAt,
                                         rules: state.settings.rules, at: state.moment) != nil
        let touched = card.lastTouchAt.map { Render.ago(Day($0, in: state.moment.timeZone).days(until: today)) } ?? "new"

        var x = rect.x
        let marker = card.status == .doNotContact ? glyphs.doNotContact : isDue ? glyphs.due : " "
        var markerStyle = card.status == .doNotContact ? Theme.dnc : Theme.due
        if highlight { markerStyle.reverse = true }
        x += screen.put(marker, x: x, y: rect.y, style: markerStyle)
        var daysStyle = isStale ? Theme.stale : Theme.dim
        if highlight { daysStyle = Theme.selectedDim }
        let days = (isStale ? glyphs.stale : "") + touched
        let daysWidth = DisplayWidth.width(of: days)
        let nameWidth = max(1, rect.maxX - x - daysWidth - 1)
        var nameStyle = base
        if card.status == .doNotContact, !highlight { nameStyle = Theme.dnc }
        screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(card.fullName), to: nameWidth), x: x, y: rect.y, style: nameStyle)
        screen.put(days, x: rect.maxX - daysWidth, y: rect.y, style: daysStyle)

        let headline = [card.title, card.company.map { "@ \($0)" }].compactMap { $0 }.joined(separator: " ")
        let roleWidth = card.hasFutureRole ? DisplayWidth.width(of: glyphs.futureRole) + 1 : 0
        var lineStyle = highlight ? Theme.selectedDim : Theme.dim
        lineStyle.bold = false
        screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(headline), to: max(0, rect.width - 1 - roleWidth)),
                   x: rect.x + 1, y: rect.y + 1, style: lineStyle)
        if card.hasFutureRole {
            var roleStyle = Theme.futureRole
            roleStyle.reverse = highlight
            screen.put(glyphs.futureRole, x: rect.maxX - roleWidth + 1, y: rect.y + 1, style: roleStyle)
        }
    }
}
