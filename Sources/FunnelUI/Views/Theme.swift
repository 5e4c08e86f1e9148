/// The styles of the app in one place. Colour is decoration: the terminal drops it under
/// NO_COLOR, so everything that must stay visible also uses bold, reverse or underline.
enum Theme {
    static let title = Style(bold: true, reverse: true)
    static let header = Style(bold: true)
    static let focusedHeader = Style(fg: .cyan, bold: true, underline: true)
    static let dim = Style(dim: true)
    static let rule = Style(dim: true)
    static let selected = Style(bold: true, reverse: true)
    static let selectedDim = Style(reverse: true)
    static let due = Style(fg: .red, bold: true)
    static let stale = Style(fg: .yellow)
    static let futureRole = Style(fg: .cyan)
    static let error = Style(fg: .red, bold: true)
    static let info = Style(fg: .green)
    static let key = Style(fg: .cyan, bold: true)
    static let label = Style(dim: true)
    static let field = Style(underline: true)
    static let focusedField = Style(bold: true, reverse: true)
    static let dnc = Style(fg: .magenta, dim: true)

    /// Symbols, with ASCII stand-ins for terminals without UTF-8.
    struct Glyphs {
        let due: String, stale: String, futureRole: String, doNotContact: String, more: String, less: String
        let arrow: String, left: String, right: String, bullet: String

        static let unicode = Glyphs(due: "!", stale: "~", futureRole: "★", doNotContact: "⊘", more: "▼", less: "▲",
                                    arrow: "→", left: "◀", right: "▶", bullet: "·")
        static let ascii = Glyphs(due: "!", stale: "~", futureRole: "*", doNotContact: "x", more: "v", less: "^",
                                  arrow: "->", left: "<", right: ">", bullet: "-")
    }

    static func glyphs(_ settings: UISettings) -> Glyphs { settings.unicode ? .unicode : .ascii }
}

/// Numbers as a recruiter reads them: 1,204.
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0, i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + String(out.reversed())
}
