import Foundation
import FunnelCore

/// The fictional desk in `sample-data/desk.json`, as written: every date is an offset in days
/// from the moment `funnel demo` runs ("days_ago", "next_follow_up_in_days"), so a demo built
/// on any day has people due today, overdue, and due for re-engagement.
/// Candidates refer to each other by `key` ("c017"), never by database id.
/// `Store.loadDemo` validates everything with the same rules as the command line and writes it
/// in one transaction; docs/cli.md describes the format.
public struct DemoDesk: Decodable, Sendable {
    public static let supportedFormat = 1

    public struct Recruiter: Decodable, Sendable {
        public var name: String
        public var email: String?
    }

    public struct StageStep: Decodable, Sendable {
        public var from: String?
        public var to: String
        public var daysAgo: Int
    }

    public struct Touch: Decodable, Sendable {
        public var daysAgo: Int
        public var channel: String
        public var direction: String?
        public var outcome: String?
        public var note: String?
        public var template: String?
    }

    public struct Role: Decodable, Sendable {
        public var title: String
        public var location: String?
        public var remote: Bool?
        public var daysAgo: Int
    }

    public struct Person: Decodable, Sendable {
        public var key: String
        public var firstName: String
        public var lastName: String?
        public var email: String?
        public var phone: String?
        public var location: String?
        public var linkedinUrl: String?
        public var title: String?
        public var company: String?
        public var source: String?
        public var owner: String?
        public var tags: [String]?
        public var interests: String?
        public var preferredChannel: String?
        public var referredBy: String?
        public var stage: String
        public var status: String
        public var createdDaysAgo: Int
        public var stageHistory: [StageStep]?
        public var touches: [Touch]?
        public var futureRoles: [Role]?
        public var nextFollowUpInDays: Int?
    }

    public struct OpeningEntry: Decodable, Sendable {
        public var key: String?
        public var title: String
        public var location: String?
        public var company: String?
        public var status: String?
        public var workMode: String?
        public var owner: String?
        public var notes: String?
        public var openedDaysAgo: Int?
    }

    public struct TemplateEntry: Decodable, Sendable {
        public var name: String
        public var channel: String
        public var subject: String?
        public var body: String
    }

    public var format: Int
    public var recruiter: Recruiter?
    public var candidates: [Person]
    public var openings: [OpeningEntry]?
    public var templates: [TemplateEntry]?

    /// Decodes the JSON, turning a decoding failure into one sentence that names the place
    /// ("candidates[12].touches[3].days_ago") so a broken file is easy to fix.
    public static func decode(_ data: Data) throws -> DemoDesk {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let desk: DemoDesk
        do {
            desk = try decoder.decode(DemoDesk.self, from: data)
        } catch let error as DecodingError {
            throw FunnelError.invalid("the demo data is not valid: \(describe(error))")
        } catch {
            throw FunnelError.invalid("the demo data is not valid JSON: \(error.localizedDescription)")
        }
        guard desk.format == supportedFormat else {
            throw FunnelError.invalid("the demo data has format \(desk.format); this funnel reads format \(supportedFormat)")
        }
        return desk
    }

    /// Reads and decodes a file.
    public static func load(contentsOf path: String) throws -> DemoDesk {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FunnelError.invalid("cannot read the demo data \(path)")
        }
        return try decode(data)
    }

    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + snakeCase(key.stringValue)
                }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case let .keyNotFound(key, context):
            let inside = place(context.codingPath)
            return "\(inside == "the top level" ? "" : inside + ": ")missing \"\(snakeCase(key.stringValue))\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            if context.codingPath.isEmpty { return context.debugDescription }
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// "createdDaysAgo" → "created_days_ago", to name fields as the file spells them.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// What `loadDemo` wrote, for the one-line summary `funnel demo` prints.
public struct DemoSummary: Sendable, Equatable {
    public var candidates = 0
    public var touches = 0
    public var futureRoles = 0
    public var stageChanges = 0
    public var openings = 0
    public var templates = 0
    /// Candidates whose next follow-up is today / before today, at the moment of the build.
    public var dueToday = 0
    public var overdue = 0
    public var recruiter: String?

    public init() {}
}
