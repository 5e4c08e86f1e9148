import Foundation
import FunnelCore
import TOMLKit

/// The recruiter's settings, read from `$XDG_CONFIG_HOME/funnel/config.toml`
/// (docs/configuration.md lists every key). A missing file means the defaults. The file is read
/// strictly: a value of the wrong kind, or a key Funnel does not know (a typo would otherwise be
/// silently ignored and the default used), is an error naming the key and what was expected.
public struct Config: Sendable, Equatable {
    public var rules: Rules
    public var recruiter: Recruiter
    public var mail: Mail
    public var ui: UI
    public var matching: Matching

    /// How openings are matched against future-role answers (docs/rules.md).
    public struct Matching: Sendable, Equatable {
        /// The standard vocabulary extended by `[matching.titles]` and `[matching.locations]`.
        /// (`[matching] fits_days` is a rule of the Today queue: `Rules.fitsDays`.)
        public var vocabulary: MatchVocabulary
        public init(vocabulary: MatchVocabulary = .standard) {
            self.vocabulary = vocabulary
        }
    }

    public struct Recruiter: Sendable, Equatable {
        public var name: String?
        public var email: String?
        public init(name: String? = nil, email: String? = nil) {
            self.name = name
            self.email = email
        }
    }

    public struct Mail: Sendable, Equatable {
        /// A sendmail-compatible command run through `/bin/sh -c` with the message on standard
        /// input (`msmtp -t`, `sendmail -t`); nil: messages are written to `outbox` instead.
        public var sendmail: String?
        /// `[mail] campaign_rate_per_minute`: how many campaign messages a minute at most
        /// (nil: as fast as the command takes them). `funnel campaign send --rate` overrides it.
        public var campaignRatePerMinute: Double?
        /// Where `.eml` files go when no command is configured (or with `--outbox`).
        public var outbox: String
        /// `[mail] inbox`: the Maildir folder or mbox file `funnel inbox` reads when given none.
        public var inbox: String?
        public init(sendmail: String? = nil, outbox: String) {
            self.sendmail = sendmail
            self.outbox = outbox
        }
    }

    public struct UI: Sendable, Equatable {
        public enum Theme: String, CaseIterable, Sendable {
            /// Colours, unless NO_COLOR is set.
            case `default`
            /// No colours: attributes only (bold, reverse, underline).
            case mono
        }
        public var theme: Theme
        public init(theme: Theme = .default) { self.theme = theme }
    }

    public init(rules: Rules = .defaults, recruiter: Recruiter = Recruiter(), mail: Mail, ui: UI = UI(),
                matching: Matching = Matching()) {
        self.rules = rules
        self.recruiter = recruiter
        self.mail = mail
        self.ui = ui
        self.matching = matching
    }

    /// The defaults, with the outbox under `$XDG_DATA_HOME/funnel/outbox`.
    public static func defaults(environment: [String: String] = ProcessInfo.processInfo.environment) -> Config {
        Config(mail: Mail(sendmail: nil, outbox: StoreLocation.dataHome(environment) + "/funnel/outbox"))
    }

    /// Reads the configuration from its usual place (defaults when there is no file).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        try load(path: StoreLocation.config(environment: environment), environment: environment)
    }

    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        guard FileManager.default.fileExists(atPath: path) else { return defaults(environment: environment) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FunnelError.invalid("\(path): cannot be read (permission denied or not a file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FunnelError.invalid("\(path): is not UTF-8 text")
        }
        return try parse(text, file: path, environment: environment)
    }

    /// Parses the text of a config file; `file` names it in error messages.
    public static func parse(_ text: String, file: String = "config.toml",
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw FunnelError.invalid("\(file): line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw FunnelError.invalid("\(file): not valid TOML: \(error)")
        }
        var config = defaults(environment: environment)
        let reader = ConfigReader(file: file)
        try reader.checkKeys(root, path: "", known: Array(Schema.tables.keys))
        for table in root.keys.sorted() {
            guard let value = root[table] else { continue }
            guard let section = value.table else {
                throw reader.error(table, "must be a table ([\(table)])", value)
            }
            try reader.checkKeys(section, path: table, known: Schema.tables[table] ?? [])
            switch table {
            case "rules": try readRules(section, into: &config.rules, reader)
            case "next_follow_up": try readNextFollowUp(section, into: &config.rules, reader)
            case "recruiter":
                config.recruiter.name = try reader.string(section, "recruiter", "name")?.nilIfBlank
                if let email = try reader.string(section, "recruiter", "email")?.nilIfBlank {
                    guard Email.isValid(email) else {
                        throw reader.error("recruiter.email", "must be an email address like you@example.com", section["email"]!)
                    }
                    config.recruiter.email = email.trimmed
                }
            case "mail":
                if let command = try reader.string(section, "mail", "sendmail") {
                    config.mail.sendmail = command.nilIfBlank
                }
                if let value = section["campaign_rate_per_minute"] {
                    guard let rate = value.double ?? value.int.map(Double.init), rate > 0, rate <= 6_000 else {
                        throw reader.error("mail.campaign_rate_per_minute", "must be a number of messages a minute between 0 and 6000", value)
                    }
                    config.mail.campaignRatePerMinute = rate
                }
                if let outbox = try reader.string(section, "mail", "outbox") {
                    guard let folder = outbox.nilIfBlank else {
                        throw reader.error("mail.outbox", "must be a folder path", section["outbox"]!)
                    }
                    config.mail.outbox = StoreLocation.expand(folder, environment)
                }
                if let inbox = try reader.string(section, "mail", "inbox") {
                    guard let path = inbox.nilIfBlank else {
                        throw reader.error("mail.inbox", "must be the path of a Maildir folder or an mbox file", section["inbox"]!)
                    }
                    config.mail.inbox = StoreLocation.expand(path, environment)
                }
            case "ui":
                if let name = try reader.string(section, "ui", "theme") {
                    guard let theme = UI.Theme(rawValue: name.trimmed.lowercased()) else {
                        throw reader.error("ui.theme", "must be one of \(UI.Theme.allCases.map(\.rawValue).joined(separator: ", "))", section["theme"]!)
                    }
                    config.ui.theme = theme
                }
            case "matching": try readMatching(section, into: &config.matching, rules: &config.rules, reader)
            default: break
            }
        }
        return config
    }

    static func readMatching(_ section: TOMLTable, into matching: inout Matching, rules: inout Rules, _ reader: ConfigReader) throws {
        if let days = try reader.days(section, "matching", "fits_days", in: 1...365) { rules.fitsDays = days }
        func pairs(_ key: String) throws -> [String: String] {
            guard let value = section[key] else { return [:] }
            guard let table = value.table else {
                throw reader.error("matching.\(key)", "must be a table of \"words\" = \"same as\" entries ([matching.\(key)])", value)
            }
            var result: [String: String] = [:]
            for name in table.keys.sorted() {
                guard let text = try reader.string(table, "matching.\(key)", name) else { continue }
                result[name] = text
            }
            return result
        }
        matching.vocabulary = try MatchVocabulary.standard.extended(titles: try pairs("titles"), locations: try pairs("locations"))
    }

    static func readRules(_ section: TOMLTable, into rules: inout Rules, _ reader: ConfigReader) throws {
        if let days = try reader.days(section, "rules", "reengage_after_days", in: 1...3650) { rules.reengageAfterDays = days }
        if let days = try reader.days(section, "rules", "reengage_every_days", in: 1...365) { rules.reengageEveryDays = days }
        if let days = try reader.days(section, "rules", "stale_after_days", in: 1...3650) { rules.staleAfterDays = days }
        if let value = section["stale_stages"] {
            let expected = "must be a list of stages like [\"awareness\", \"consideration\"]"
            guard let array = value.array else { throw reader.error("rules.stale_stages", expected, value) }
            var stages = Set<Stage>()
            for item in array {
                guard let name = item.string, let stage = Stage(rawValue: name.trimmed.lowercased()) else {
                    throw reader.error("rules.stale_stages",
                                       "must list stages from \(Stage.allCases.map(\.rawValue).joined(separator: ", "))", item)
                }
                stages.insert(stage)
            }
            rules.staleStages = stages
        }
    }

    static func readNextFollowUp(_ section: TOMLTable, into rules: inout Rules, _ reader: ConfigReader) throws {
        for key in section.keys {
            guard let outcome = Outcome(rawValue: key), let value = section[key] else { continue }
            let expected = "must be a date shortcut like \"3d\", \"2w\", \"1m\", \"mon\", or \"none\""
            guard let text = value.string else { throw reader.error("next_follow_up.\(key)", expected, value) }
            do {
                rules.nextFollowUp[outcome] = try NextDate.parse(text)
            } catch {
                throw reader.error("next_follow_up.\(key)", expected, value)
            }
        }
    }

    /// Every table and key the file may contain.
    enum Schema {
        static let tables: [String: [String]] = [
            "rules": ["reengage_after_days", "reengage_every_days", "stale_after_days", "stale_stages"],
            "next_follow_up": Outcome.allCases.map(\.rawValue),
            "recruiter": ["name", "email"],
            "mail": ["sendmail", "outbox", "campaign_rate_per_minute", "inbox"],
            "ui": ["theme"],
            "matching": ["fits_days", "titles", "locations"],
        ]
    }
}

/// Typed, strict reads from a TOML table, with errors that name the key.
struct ConfigReader {
    let file: String

    func error(_ key: String, _ expected: String, _ value: any TOMLValueConvertible) -> FunnelError {
        FunnelError.invalid("\(file): \(key) \(expected), got \(Self.show(value))")
    }

    static func show(_ value: any TOMLValueConvertible) -> String {
        if let text = value.string { return "\"\(text)\"" }
        if let bool = value.bool { return "\(bool)" }
        if let int = value.int { return "\(int)" }
        if let double = value.double { return "\(double)" }
        return "a \(value.type)"
    }

    func checkKeys(_ table: TOMLTable, path: String, known: [String]) throws {
        for key in table.keys.sorted() where !known.contains(key) {
            let full = path.isEmpty ? key : "\(path).\(key)"
            var message = "\(file): unknown \(path.isEmpty ? "table" : "key") \(full)"
            if let guess = EditDistance.suggestion(for: key, among: known) {
                message += " (did you mean \(path.isEmpty ? guess : "\(path).\(guess)")?)"
            }
            message += "; expected one of: \(known.sorted().joined(separator: ", "))"
            throw FunnelError.invalid(message)
        }
    }

    func string(_ table: TOMLTable, _ section: String, _ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error("\(section).\(key)", "must be a string", value) }
        // Every string in the config is one line (a name that reaches a From: header, a command,
        // a path): the same rule as the data (`PlainText`).
        try PlainText.check(text, field: "\(section).\(key) in \(file)")
        return text
    }

    func days(_ table: TOMLTable, _ section: String, _ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard value.type == .int, let days = value.int else {
            throw error("\(section).\(key)", "must be a whole number of days", value)
        }
        guard range.contains(days) else {
            throw error("\(section).\(key)", "must be between \(range.lowerBound) and \(range.upperBound) days", value)
        }
        return days
    }
}
