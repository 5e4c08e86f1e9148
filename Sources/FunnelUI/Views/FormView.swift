/// A form as a centred box: labelled fields, the focused one highlighted with a cursor, its
/// hint and any error below.
enum FormView {
    static let labelWidth = 11

    static func draw(_ form: Form, state: AppState, into screen: inout Screen) {
        let width = min(state.size.width - 2, 72)
        let height = min(state.size.height, form.fields.count + 6)
        let rect = Rect(x: (state.size.width - width) / 2, y: max(0, (state.size.height - height) / 2), width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: form.title, style: Theme.header, ascii: !state.settings.unicode)
        let glyphs = Theme.glyphs(state.settings)
        let valueX = rect.x + 2 + labelWidth + 1
        let valueWidth = rect.maxX - 2 - valueX
        let rows = height - 6
        let first = max(0, form.focus - rows + 1)
        for (row, index) in (first..<min(form.fields.count, first + rows)).enumerated() {
            let field = form.fields[index]
            let y = rect.y + 1 + row
            let focused = index == form.focus
            let label = DisplayWidth.pad(DisplayWidth.truncate(field.label + (field.required ? "*" : ""), to: labelWidth), to: labelWidth,
                                         alignment: .right)
            screen.put(label, x: rect.x + 2, y: y, style: focused ? Theme.header : Theme.label)
            let style = focused ? Theme.focusedField : Theme.field
            screen.fill(Rect(x: valueX, y: y, width: valueWidth, height: 1), style: style)
            switch field.value {
            case let .text(editor):
                let (text, cursor) = editor.visible(width: valueWidth - 1)
                screen.put(DisplayWidth.sanitize(text), x: valueX, y: y, style: style)
                if focused { screen.cursor = Screen.Cursor(x: valueX + cursor, y: y) }
            case let .choice(options, index):
                let text = options.count > 1 ? "\(glyphs.left) \(options[index]) \(glyphs.right)" : options[index]
                screen.put(DisplayWidth.truncate(text, to: valueWidth), x: valueX, y: y, style: style)
            case let .toggle(on):
                screen.put(on ? "[x] yes" : "[ ] no", x: valueX, y: y, style: style)
            }
        }
        let hintY = rect.maxY - 4
        if let error = form.error {
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(error), to: width - 4), x: rect.x + 2, y: hintY, style: Theme.error)
        } else if form.fields.indices.contains(form.focus), !form.fields[form.focus].hint.isEmpty {
            screen.put(DisplayWidth.truncate(form.fields[form.focus].hint, to: width - 4), x: rect.x + 2, y: hintY, style: Theme.dim)
        }
        if form.confirmingDiscard {
            screen.put("Discard your changes? y: discard · any other key: keep editing", x: rect.x + 2, y: rect.maxY - 3,
                       style: Theme.error, maxWidth: width - 4)
        }
        screen.put("Enter \(form.purpose.submitVerb) · Tab/↓ next · Shift-Tab/↑ previous · Esc cancel", x: rect.x + 2, y: rect.maxY - 2,
                   style: Theme.dim, maxWidth: width - 4)
    }

    static func drawConfirm(_ confirm: Confirm, into screen: inout Screen) {
        let width = min(screen.width - 4, max(30, DisplayWidth.width(of: confirm.question) + 6))
        let rect = Rect(x: (screen.width - width) / 2, y: screen.height / 2 - 2, width: width, height: 4)
        screen.fill(rect)
        screen.box(rect, title: "Confirm", style: Theme.error)
        screen.put(confirm.question, x: rect.x + 2, y: rect.y + 1, maxWidth: width - 4)
        screen.put("y: yes · any other key: no", x: rect.x + 2, y: rect.y + 2, style: Theme.dim, maxWidth: width - 4)
    }
}
