import Foundation
import FunnelCore
import GRDB

/// Openings and templates: the small tables beside the desk.
extension Store {
    /// Adds or replaces (by name, case-insensitively) a template.
    @discardableResult
    public func saveTemplate(name: String, channel: Channel, subject: String, body: String) throws -> Template {
        guard let name = name.nilIfBlank else { throw FunnelError.invalid("a template needs a name") }
        guard !body.trimmed.isEmpty else { throw FunnelError.invalid("template '\(name)' has an empty body") }
        try PlainText.check(name, field: "template name")
        try PlainText.check(subject, field: "subject of template '\(name)'")
        let body = try PlainText.multiLine(body, field: "body of template '\(name)'")
        return try write { db in
            try db.execute(sql: """
                INSERT INTO template (name, channel, subject, body) VALUES (?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET channel = excluded.channel, subject = excluded.subject, body = excluded.body
                """, arguments: [name, channel.rawValue, subject, body])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM template WHERE name = ?", arguments: [name])!
            return try Rows.template(row)
        }
    }

    public func templates() throws -> [Template] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM template ORDER BY name").map(Rows.template) }
    }

    public func template(named name: String) throws -> Template {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM template WHERE name = ?", arguments: [name]) else {
                throw FunnelError.notFound("no template named '\(name)'")
            }
            return try Rows.template(row)
        }
    }

    /// A free-form key/value kept in the store (e.g. "demo" marks a store built by `funnel demo`).
    public func meta(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }
}
