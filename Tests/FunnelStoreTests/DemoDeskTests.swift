import Foundation
import FunnelCore
@testable import FunnelStore
import Testing

/// The demo loader in process: relative dates, keys, and bad data refused whole.
@Suite struct DemoDeskTests {
    /// Sunday 2026-11-22, 09:30 UTC.
    let moment = Moment(now: Date(timeIntervalSince1970: 1_795_339_800), timeZone: TimeZone(identifier: "UTC")!)

    func desk(_ json: String) throws -> DemoDesk { try DemoDesk.decode(Data(json.utf8)) }

    /// One candidate; `extra` adds fields or overrides the stage and status.
    func person(_ key: String, _ extra: String = "") -> String {
        let stage = extra.contains(#""stage":"#) ? "" : #", "stage": "awareness""#
        let status = extra.contains(#""status":"#) ? "" : #", "status": "active""#
        return #"{"key": "\#(key)", "first_name": "P\#(key)", "created_days_ago": 10\#(stage)\#(status)\#(extra)}"#
    }

    @Test func loadsEverythingInOneGo() throws {
        let store = try Store.inMemory()
        let summary = try store.loadDemo(try desk("""
            {"format": 1, "recruiter": {"name": "Sam", "email": "sam@example.com"},
             "candidates": [\(person("a", #", "referred_by": "b", "next_follow_up_in_days": 0, "touches": [{"days_ago": 2, "channel": "phone", "note": "hello there"}]"#)),
                            \(person("b", #", "stage": "consideration", "next_follow_up_in_days": -1, "stage_history": [{"from": null, "to": "awareness", "days_ago": 10}, {"from": "awareness", "to": "consideration", "days_ago": 4}]"#))],
             "openings": [{"title": "Staff Engineer", "location": "Lisbon", "status": "on_hold"}],
             "templates": [{"name": "hi", "channel": "email", "subject": "Hi", "body": "Hi {{first_name}}"}]}
            """), moment: moment)
        #expect(summary.candidates == 2 && summary.touches == 1 && summary.stageChanges == 3)
        #expect(summary.dueToday == 1 && summary.overdue == 1 && summary.openings == 1 && summary.templates == 1)
        let a = try store.candidate(1), b = try store.candidate(2)
        #expect(a.referredBy == b.id)
        #expect(a.lastTouchAt == moment.now.addingTimeInterval(-2 * 86_400))
        #expect(a.nextFollowUp == moment.today)
        #expect(b.stage == .consideration)
        #expect(b.stageEnteredAt == moment.now.addingTimeInterval(-4 * 86_400))
        #expect(try store.stageHistory(b.id).map(\.to) == [.awareness, .consideration])
        #expect(try store.search("hello").map(\.id) == [a.id])
        #expect(try store.meta("demo") == "1")
        #expect(try store.meta("recruiter.name") == "Sam")
        #expect(try store.openings().first?.status == .onHold)
        #expect(try store.stageCounts()[.consideration] == 1)
    }

    @Test(arguments: [
        (#", "referred_by": "zz""#, "demo candidate a is referred by zz, which is not in the file"),
        (#", "stage": "limbo""#, "demo candidate a: unknown stage 'limbo': expected one of awareness, consideration, conversion, loyalty, advocacy"),
        (#", "email": "nope""#, "demo candidate a: invalid email address 'nope'"),
        (#", "status": "do_not_contact", "next_follow_up_in_days": 2"#, "demo candidate a: a candidate marked do not contact cannot have a follow-up date"),
        (#", "touches": [{"days_ago": -1, "channel": "phone"}]"#, "demo candidate a: days_ago cannot be negative (-1)"),
        (#", "stage_history": [{"from": null, "to": "consideration", "days_ago": 3}]"#,
         "demo candidate a: the stage history ends in consideration but the stage is awareness"),
        (#", "future_roles": [{"title": "CTO", "days_ago": 1}]"#, "demo candidate a: a future role needs a location (or remote)"),
    ])
    func badDataWritesNothing(_ extra: String, _ message: String) throws {
        let store = try Store.inMemory()
        let bad = try desk(#"{"format": 1, "candidates": [\#(person("b")), \#(person("a", extra))]}"#)
        #expect(throws: FunnelError.invalid(message)) { try store.loadDemo(bad, moment: moment) }
        #expect(try store.totalCount() == 0)
        #expect(try store.meta("demo") == nil)
    }

    @Test func decodingErrorsNameThePlace() throws {
        #expect(throws: FunnelError.invalid(#"the demo data is not valid: candidates[0].touches[0]: missing "channel""#)) {
            try desk(#"{"format": 1, "candidates": [\#(person("a", #", "touches": [{"days_ago": 1}]"#))]}"#)
        }
        #expect(throws: FunnelError.invalid("the demo data has format 2; this funnel reads format 1")) {
            try desk(#"{"format": 2, "candidates": []}"#)
        }
    }

    @Test func buildDemoRefusesAnythingButADemoStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        let small = try desk(#"{"format": 1, "candidates": [\#(person("a"))]}"#)
        try Store.buildDemo(at: path, from: small, moment: moment)
        #expect(Store.isDemoStore(at: path))
        try Store.buildDemo(at: path, from: small, moment: moment) // a demo store is replaced
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["demo.sqlite"])

        let real = folder.appendingPathComponent("real.sqlite").path
        let store = try Store.open(at: real)
        try store.add(CandidateDraft(firstName: "Real"), at: moment.now)
        #expect(!Store.isDemoStore(at: real))
        #expect(throws: FunnelError.self) { try Store.buildDemo(at: real, from: small, moment: moment) }
        #expect(try store.totalCount() == 1)
    }
}
