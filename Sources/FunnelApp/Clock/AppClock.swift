import Foundation
import FunnelCore

/// The one place the real clock is read. `FUNNEL_NOW` (ISO 8601, e.g. `2026-11-22T09:30:00Z`)
/// and `FUNNEL_TZ` (e.g. `Europe/Lisbon`) pin "now" and the recruiter's time zone, so tests and
/// demos are reproducible; without them, the system clock and time zone are used.
public enum AppClock {
    public static func moment(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Moment {
        var timeZone = TimeZone.current
        if let name = environment["FUNNEL_TZ"], !name.isEmpty {
            guard let zone = TimeZone(identifier: name) else {
                throw FunnelError.invalid("FUNNEL_TZ names an unknown time zone '\(name)'")
            }
            timeZone = zone
        }
        var now = Date()
        if let text = environment["FUNNEL_NOW"], !text.isEmpty {
            guard let pinned = ISO8601DateFormatter().date(from: text) else {
                throw FunnelError.invalid("FUNNEL_NOW must be an ISO 8601 instant like 2026-11-22T09:30:00Z, not '\(text)'")
            }
            now = pinned
        }
        return Moment(now: now, timeZone: timeZone)
    }
}
