import Foundation
import FunnelCore
import FunnelStore
import GRDB
import HostileCorpus
import Testing

/// `funnel report` run as a process on a small desk with time pinned (FUNNEL_NOW, FUNNEL_TZ).
///
/// The desk, now = Sunday 2026-11-22 12:00 UTC, default period 2026-08-25 … 2026-11-22:
/// - Alma: added 10/01 in awareness, emailed with "Intro" 10/02 (answered 10/03), moved to consideration 10/11.
/// - Bo: added 10/05 in awareness, never touched (stale since 11/04).
/// - Cy: added 2026-03-01 in awareness with an email, never touched (stale, re-engagement due).
/// So: awareness 2 now, consideration 1; awareness → consideration 1 of 2 (50.0%);
/// consideration → conversion 0 of 1 (0.0%); conversion → loyalty 0 of 0 (—).
@Suite struct ReportCLITests {
    static let now = "2026-11-22T12:00:00Z"
    static let utc = TimeZone(identifier: "UTC")!

    static func at(_ day: String, _ hour: Int = 12) -> Date {
        Day(iso: day)!.start(in: utc).addingTimeInterval(TimeInterval(hour * 3600))
    }

    /// A fresh folder with a store holding the desk above.
    static func desk() throws -> (folder: URL, db: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: db)
        let alma = try store.add(CandidateDraft(firstName: "Alma", email: "alma@example.com"), at: at("2026-10-01"))
        _ = try store.logTouch(alma.id, TouchDraft(at: at("2026-10-02"), channel: .email, outcome: .sent, template: "Intro"))
        _ = try store.logTouch(alma.id, TouchDraft(at: at("2026-10-03"), channel: .email, direction: .inbound))
        _ = try store.move(alma.id, to: .consideration, at: at("2026-10-11"))
        _ = try store.add(CandidateDraft(firstName: "Bo"), at: at("2026-10-05"))
        _ = try store.add(CandidateDraft(firstName: "Cy", email: "cy@example.com"), at: at("2026-03-01"))
        return (folder, db)
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `funnel`: next to the test binary (.build/<triple>/debug), else .build/debug.
    private static func funnelBinary() throws -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [testBinary.deletingLastPathComponent().appendingPathComponent("funnel")]
        // macOS: .build/<triple>/debug/FunnelPackageTests.xctest/Contents/MacOS/FunnelPackageTests
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" && !folder.lastPathComponent.hasSuffix(".xctest") { folder.deleteLastPathComponent() }
        if folder.path != "/" { candidates.append(folder.deletingLastPathComponent().appendingPathComponent("funnel")) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/funnel"))
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "funnel binary not found in \(candidates.map(\.path))")
    }

    private static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try funnelBinary()
        process.arguments = arguments
        var environment = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path,
                           "LANG": "C.UTF-8", "FUNNEL_NOW": now, "FUNNEL_TZ": "UTC"]
        environment.merge(extra) { $1 }
        process.environment = environment.filter { !$0.value.isEmpty }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func humanOutputShowsTheFunnelWithBarsAndConversion() throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Foundation names UTC "GMT" on Linux.
        #expect(lines.first == "Funnel report: 2026-08-25 to 2026-11-22 (90 days, \(Self.utc.identifier))")
        #expect(lines.contains("Funnel now (3 candidates), and conversion to the next stage over the period"))
        let awareness = try #require(lines.first { $0.hasPrefix("Awareness") && $0.contains("↓") })
        #expect(awareness.contains("█"))
        #expect(awareness.hasSuffix("2  ↓  50.0%  (1 of 2 who entered)"))
        let consideration = try #require(lines.first { $0.hasPrefix("Consideration") && $0.contains("↓") })
        #expect(consideration.hasSuffix("1  ↓   0.0%  (0 of 1 who entered)"))
        let conversion = try #require(lines.first { $0.hasPrefix("Conversion") && $0.contains("↓") })
        #expect(conversion.hasSuffix("0  ↓      —  (0 of 0 who entered)"))
        // The stage table: now, stale (Bo and Cy), stays (Alma's 10 days in awareness), median, p90.
        #expect(lines.contains { $0.range(of: #"^Awareness +2 +2 +1 +10\.0 +10\.0$"#, options: .regularExpression) != nil })
        #expect(lines.contains { $0.range(of: #"^Loyalty +0 +0 +— +—$"#, options: .regularExpression) != nil })
        #expect(lines.contains("Due now: 0 follow-ups, 1 re-engagement"))
        #expect(lines.contains { $0.range(of: #"^Intro +1 +1 +100\.0%$"#, options: .regularExpression) != nil })
        #expect(lines.contains { $0.hasPrefix("2026-09-28  █") && $0.hasSuffix(" 2") })
        #expect(lines.contains { $0.range(of: #"^2026-10  +0$"#, options: .regularExpression) != nil })
        #expect(lines.allSatisfy { ReportText.displayWidth($0) <= 80 })
    }

    @Test(arguments: [["NO_COLOR": "1"], ["LANG": "C"], ["LANG": "", "LC_ALL": "POSIX"]])
    func plainASCIIUnderNoColorOrANonUTF8Locale(environment: [String: String]) throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db], environment: environment)
        #expect(run.status == 0)
        let allASCII = run.stdout.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
        #expect(run.stdout.contains("2  v  50.0%  (1 of 2 who entered)"))
        #expect(run.stdout.contains("0  v      -  (0 of 0 who entered)"))
        #expect(run.stdout.contains("2026-09-28  #"))
    }

    @Test func jsonHasEveryFigureOfTheReport() throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db, "--json"])
        #expect(run.status == 0)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        let printed = try decoder.decode(FunnelReport.self, from: Data(run.stdout.utf8))
        let moment = Moment(now: ISO8601DateFormatter().date(from: Self.now)!, timeZone: Self.utc)
        let expected = try Store.open(at: db).report(period: ReportPeriod.last(endingOn: moment.today), moment: moment)
        #expect(printed == expected)
        #expect(printed.stage(.awareness).conversion?.reachedNext == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect((stages[2]["conversion"] as? [String: Any])?["rate"] is NSNull)
        #expect(stages[0]["count"] as? Int == 2)
    }

    @Test func csvHasOneRowPerFigure() throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db, "--csv"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "table,row,column,value")
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 })
        for expected in ["stages,awareness,now,2", "stages,awareness,entered,2", "stages,awareness,reached_next,1",
                         "stages,awareness,conversion_rate,0.5", "stages,conversion,conversion_rate,",
                         "stages,advocacy,stale,", "statuses,active,now,3", "due,reengagements,now,1",
                         "touches_per_week,2026-09-28,email,2", "touches_per_week,2026-09-28,total,2",
                         "reply_rate_by_template,Intro,rate,1.0", "reply_rate_by_channel,sms,rate,",
                         "placements_per_month,2026-11,placements,0"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    @Test func csvGuardsFormulaLabelsAndRawOptsOut() throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(at: db)
        _ = try store.logTouch(3, TouchDraft(at: Self.at("2026-11-02"), channel: .email, outcome: .sent, template: "=HYPERLINK(\"x\")"))
        _ = try store.recordFutureRole(2, title: "@SUM(A1)", location: "-Lisbon", remote: false, at: Self.at("2026-11-03"))
        let guarded = try Self.run(["report", "--db", db, "--csv"])
        #expect(guarded.status == 0)
        #expect(guarded.stdout.contains("\nreply_rate_by_template,\"'=HYPERLINK(\"\"x\"\")\",outbound,1\n"))
        #expect(guarded.stdout.contains("\nfuture_role_titles,'@SUM(A1),people,1\n"))
        #expect(guarded.stdout.contains("\nfuture_role_locations,'-Lisbon,people,1\n"))
        let raw = try Self.run(["report", "--db", db, "--csv", "--raw"])
        #expect(raw.status == 0)
        #expect(raw.stdout.contains("\nreply_rate_by_template,\"=HYPERLINK(\"\"x\"\")\",outbound,1\n"))
        #expect(raw.stdout.contains("\nfuture_role_titles,@SUM(A1),people,1\n"))
        let json = try Self.run(["report", "--db", db, "--raw"])
        #expect(json.status == 2 && json.stderr == "funnel: --raw applies to --csv only\n")
    }

    /// The desk above plus future roles and two openings, with text from the desk that a
    /// spreadsheet would run (a formula) and that a terminal would obey (escape sequences, written
    /// by raw SQL as another tool might: the store refuses them).
    /// - Alma: `=HYPERLINK("http://x","y")` in "Lisbon\e[2J"; Bo "Engineering Manager"/Lisboa;
    ///   Cy "Eng. Manager"/Lisbon; Dee "Engineering Manager"/Lisbon.
    /// - #1 `=HYPERLINK("http://x","y")`, Lisbon; #2 Engineering Manager @ "Evil\e[2J", Lisbon (newer).
    ///   Bo: interested about #2; Cy: sent about #2.
    static func deskWithOpenings() throws -> (folder: URL, db: String) {
        let (folder, db) = try desk()
        let store = try Store.open(at: db)
        let formula = "=HYPERLINK(\"http://x\",\"y\")"
        let dee = try store.add(CandidateDraft(firstName: "Dee"), at: at("2026-10-06")).id
        _ = try store.recordFutureRole(1, title: formula, location: "Lisbon", remote: false, at: at("2026-10-07"))
        _ = try store.recordFutureRole(2, title: "Engineering Manager", location: "Lisboa", remote: false, at: at("2026-10-07"))
        _ = try store.recordFutureRole(3, title: "Eng. Manager", location: "Lisbon", remote: false, at: at("2026-10-07"))
        _ = try store.recordFutureRole(dee, title: "Engineering Manager", location: "Lisbon", remote: false, at: at("2026-10-07"))
        _ = try store.addOpening(OpeningDraft(title: formula, location: "Lisbon"), at: at("2026-10-08"))
        let manager = try store.addOpening(OpeningDraft(title: "Engineering Manager", location: "Lisbon", company: "Evil"), at: at("2026-10-09")).id
        _ = try store.logTouch(2, TouchDraft(at: at("2026-10-10"), channel: .phone, outcome: .interested, openingID: manager))
        _ = try store.logTouch(3, TouchDraft(at: at("2026-10-10"), channel: .email, outcome: .sent, openingID: manager))
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE future_role SET location = 'Lisbon' || char(27) || '[2J' WHERE candidate_id = 1")
            try db.execute(sql: "UPDATE opening SET company = 'Evil' || char(27) || '[2J' WHERE id = ?", arguments: [manager])
        }
        try queue.close()
        return (folder, db)
    }

    @Test func futureRolesAgainstOpeningsInTextWithHostileTextEscaped() throws {
        let (folder, db) = try Self.deskWithOpenings()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db], environment: ["COLUMNS": "120"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(HostileCorpus.rawControls(in: run.stdout).isEmpty)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func has(_ pattern: String) -> Bool { lines.contains { $0.range(of: pattern, options: .regularExpression) != nil } }
        // Bo, Cy and Dee asked for one title (three spellings), with one open opening for it.
        #expect(has(#"^Engineering Manager +3 +1$"#))
        #expect(has(#"^=HYPERLINK\("http://x","y"\) +1 +1$"#))
        // Lisboa and Lisbon are one place with both openings; Alma's place is shown escaped.
        #expect(has(#"^Lisbon +3 +2$"#))
        #expect(has(#"^Lisbon\\x1b\[2J +1 +0$"#))
        // #2: Bo, Cy ("Eng. Manager") and Dee match; Bo and Cy were reached, Bo is interested.
        // #1: Alma's place is no longer Lisbon, so nobody matches it.
        #expect(has(#"^#2 Engineering Manager @ Evil\\x1b\[2J, Lisbon +open +3 +2 +1 +0$"#), "\(run.stdout)")
        #expect(has(#"^#1 =HYPERLINK\("http://x","y"\), Lisbon +open +0 +0 +0 +0$"#))
        #expect(lines.allSatisfy { ReportText.displayWidth($0) <= 120 })
    }

    @Test func futureRolesAgainstOpeningsInJSONDecodeToTheStoredText() throws {
        let (folder, db) = try Self.deskWithOpenings()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db, "--json"])
        #expect(run.status == 0)
        #expect(!run.stdout.unicodeScalars.contains("\u{1B}"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        let printed = try decoder.decode(FunnelReport.self, from: Data(run.stdout.utf8))
        let moment = Moment(now: ISO8601DateFormatter().date(from: Self.now)!, timeZone: Self.utc)
        // The command counts due people with the configured rules (the defaults here: Cy's email
        // about #2 started a re-engagement cadence).
        let expected = try Store.open(at: db).report(period: ReportPeriod.last(endingOn: moment.today), moment: moment, dueRules: .defaults)
        #expect(printed == expected)
        #expect(printed.openings.map(\.id) == [2, 1])
        #expect(printed.openings[0].company == "Evil\u{1B}[2J")
        #expect(printed.topFutureRoleLocations.contains(RoleDemand(key: "lisbon 2j", label: "Lisbon\u{1B}[2J", count: 1, openOpenings: 0)))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let first = try #require((json["openings"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["id", "title", "company", "location", "work_mode", "status", "matches", "contacted", "interested", "placed"])
        #expect(first["matches"] as? Int == 3 && first["interested"] as? Int == 1 && first["work_mode"] as? String == "onsite")
        let titles = try #require(json["top_future_role_titles"] as? [[String: Any]])
        #expect(titles.first?["label"] as? String == "Engineering Manager" && titles.first?["open_openings"] as? Int == 1)
        #expect(titles.first?["key"] as? String == "engineering manager" && titles.first?["count"] as? Int == 3)
    }

    @Test func futureRolesAgainstOpeningsInCSVAreGuarded() throws {
        let (folder, db) = try Self.deskWithOpenings()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db, "--csv"])
        #expect(run.status == 0)
        #expect(HostileCorpus.rawControls(in: run.stdout).isEmpty)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        for expected in ["future_role_titles,Engineering Manager,people,3", "future_role_titles,Engineering Manager,open_openings,1",
                         #"future_role_titles,"'=HYPERLINK(""http://x"",""y"")",people,1"#,
                         "future_role_locations,Lisbon,open_openings,2", #"future_role_locations,Lisbon\x1b[2J,people,1"#,
                         #"openings,1,title,"'=HYPERLINK(""http://x"",""y"")""#, #"openings,2,company,Evil\x1b[2J"#,
                         "openings,2,matches,3", "openings,2,contacted,2", "openings,2,interested,1", "openings,2,placed,0",
                         "openings,2,status,open", "openings,2,work_mode,onsite", "openings,1,company,"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    /// The desk above plus a campaign sent on 2026-11-20 10:00 to Dee (and Eve, whose message
    /// bounced); Dee replied two hours later (the touch linked to it, as the inbox links it). Its
    /// name, as another tool might write it, holds an escape sequence and a formula.
    @Test func campaignsInTextJSONAndCSV() throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(at: db)
        try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}", body: "Hi.\n"))
        let dee = try store.add(CandidateDraft(firstName: "Dee", email: "dee@example.com", tags: ["camp"]), at: Self.at("2026-10-01")).id
        let eve = try store.add(CandidateDraft(firstName: "Eve", email: "eve@example.com", tags: ["camp"]), at: Self.at("2026-10-01")).id
        let moment = Moment(now: Self.at("2026-11-20", 9), timeZone: Self.utc)
        let id = try store.createCampaign(Store.CampaignPlan(name: "Autumn", template: "hello", source: .tag("camp"), recruiterName: "Rita",
                                                             recruiterEmail: "rita@agency.example", rules: .defaults, moment: moment)).campaign.id
        while let message = try store.claimCampaignMessage(id, at: Self.at("2026-11-20", 10)) {
            try store.recordCampaignSent(message.id, at: Self.at("2026-11-20", 10), rules: .defaults, moment: moment)
        }
        let reply = try store.logTouch(dee, TouchDraft(at: Self.at("2026-11-20", 12), channel: .email, direction: .inbound, outcome: .replied)).0
        let bounce = try store.logTouch(eve, TouchDraft(at: Self.at("2026-11-20", 10), channel: .email, direction: .inbound, outcome: .bounced)).0
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE touchpoint SET campaign_id = ? WHERE id IN (?, ?)", arguments: [id, reply.id, bounce.id])
            try db.execute(sql: "UPDATE campaign SET name = '=Autumn' || char(27) || '[2J' WHERE id = ?", arguments: [id])
        }
        try queue.close()

        let text = try Self.run(["report", "--db", db], environment: ["COLUMNS": "80"])
        #expect(text.status == 0 && text.stderr.isEmpty, "\(text.stderr)")
        #expect(HostileCorpus.rawControls(in: text.stdout).isEmpty)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.range(of: #"^#\#(id) =Autumn\\x1b\[2J +2 +1 +1 +100\.0% +2\.0 h +0$"#, options: .regularExpression) != nil },
                "\(text.stdout)")
        #expect(lines.contains { $0.range(of: #"^hello +1 +2 +1 +1 +100\.0% +2\.0 h +0$"#, options: .regularExpression) != nil })
        #expect(lines.allSatisfy { ReportText.displayWidth($0) <= 80 })

        let json = try Self.run(["report", "--db", db, "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let campaign = try #require((object["campaigns"] as? [[String: Any]])?.first)
        #expect(campaign["name"] as? String == "=Autumn\u{1B}[2J" && campaign["sent"] as? Int == 2 && campaign["delivered"] as? Int == 1)
        #expect(campaign["median_time_to_reply_seconds"] as? Double == 7_200 && campaign["reply_rate"] as? Double == 1)
        #expect((object["campaign_templates"] as? [[String: Any]])?.first?["template"] as? String == "hello")

        let csv = try Self.run(["report", "--db", db, "--csv"])
        #expect(csv.status == 0)
        #expect(HostileCorpus.rawControls(in: csv.stdout).isEmpty)
        let rows = csv.stdout.split(separator: "\n").map(String.init)
        for expected in [#"campaigns,\#(id),name,'=Autumn\x1b[2J"#, "campaigns,\(id),bounced,1", "campaigns,\(id),replied,1",
                         "campaigns,\(id),median_time_to_reply_seconds,7200.0", "campaign_templates,hello,campaigns,1"] {
            #expect(rows.contains(expected), "missing \(expected)")
        }
    }

    @Test func sinceAndUntilChooseThePeriod() throws {
        let (folder, db) = try Self.desk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["report", "--db", db, "--json", "--since", "2026-10-06", "--until", "2026-10-31"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["period"] as? [String: String]) == ["since": "2026-10-06", "until": "2026-10-31"])
        // Alma and Bo entered awareness before 10/06; only Alma's move into consideration is inside.
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect((stages[0]["conversion"] as? [String: Any])?["entered"] as? Int == 0)
        #expect((stages[1]["conversion"] as? [String: Any])?["entered"] as? Int == 1)
        #expect((json["placements_per_month"] as? [[String: Any]])?.compactMap { $0["month"] as? String } == ["2026-10"])
    }

    @Test(arguments: [
        (["--since", "2026-13-01"], "funnel: --since must be a date like 2026-08-01, not '2026-13-01'"),
        (["--until", "last week"], "funnel: --until must be a date like 2026-08-01, not 'last week'"),
        (["--since", "2026-11-02", "--until", "2026-11-01"], "funnel: the period starts (2026-11-02) after it ends (2026-11-01)"),
        (["--json", "--csv"], "funnel: choose one of --json and --csv"),
    ])
    func badInputIsOneSentenceAndTouchesNothing(arguments: [String], message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-report-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("never.sqlite").path
        let run = try Self.run(["report", "--db", db] + arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == message + "\n")
        // Refused before the store is opened: no file is created.
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
