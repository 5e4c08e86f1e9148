import Foundation
@testable import FunnelApp
import FunnelCore
import FunnelStore
import GRDB
import Testing

/// `CampaignSender` against fake sendmail commands run through `sh` (issue 12): one file per
/// message (named from its Message-ID, so a second copy would show), a command that fails on the
/// 7th of 20, one that hangs past the timeout, a stop after 3, the outbox without a command, and
/// the spool's files.
@Suite(.serialized) struct CampaignSenderTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000).addingTimeInterval(400 * 86_400)
    static let moment = Moment(now: now, timeZone: TimeZone(identifier: "UTC")!)

    /// A store on a file with `people` candidates tagged "camp", a template, and a folder for the fake command.
    struct Bench {
        let root: URL
        let store: Store
        var storePath: String { root.appendingPathComponent("funnel.sqlite").path }
        var sent: URL { root.appendingPathComponent("sent") }
        var spool: String { CampaignSender.spoolFolder(forStoreAt: storePath) }
        var outbox: String { root.appendingPathComponent("outbox").path }

        init(people: Int) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-campaign-sender-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("sent"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("tmp"), withIntermediateDirectories: true)
            store = try Store.open(at: root.appendingPathComponent("funnel.sqlite").path)
            try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}",
                                                            body: "Hi {{first_name}},\nshall we talk?\n"))
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            for i in 1...people {
                _ = try store.add(CandidateDraft(firstName: "P\(i)", lastName: "Person", email: "p\(i)@example.com", tags: ["camp"]), at: start)
            }
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        func campaign() throws -> Int64 {
            try store.createCampaign(Store.CampaignPlan(name: "test", template: "hello", source: .tag("camp"), recruiterName: "Rita",
                                                        recruiterEmail: "rita@agency.example", rules: .defaults, moment: CampaignSenderTests.moment))
                .campaign.id
        }

        /// Writes the fake command: it reads the message, then (after `before`, shell lines that
        /// may exit or hang) files it as `sent/<Message-ID>.eml`, or `sent/<Message-ID>.<pid>.dup`
        /// if that Message-ID already came through.
        func script(_ name: String, before: String = "") throws -> String {
            let path = root.appendingPathComponent(name).path
            try """
                tmp="\(root.path)/tmp/$$"
                cat > "$tmp"
                id=$(sed -n 's/^Message-ID: <\\(.*\\)>\\r*$/\\1/p' "$tmp" | head -n 1)
                n=$(ls "\(sent.path)" | wc -l)
                \(before)
                if [ -e "\(sent.path)/$id.eml" ]; then mv "$tmp" "\(sent.path)/$id.$$.dup"; else mv "$tmp" "\(sent.path)/$id.eml"; fi
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return "sh '\(path)'"
        }

        func sender(command: String?, timeout: TimeInterval = 20) -> CampaignSender {
            var config = Config(recruiter: .init(name: "Rita", email: "rita@agency.example"),
                                mail: .init(sendmail: command, outbox: outbox))
            config.rules = .defaults
            return CampaignSender(store: store, config: config, clock: { CampaignSenderTests.moment }, spool: spool, timeout: timeout)
        }

        var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: sent.path)) ?? []).sorted() }

        func touches(_ campaign: Int64) throws -> [Row] {
            try DatabaseQueue(path: storePath).read { db in
                try Row.fetchAll(db, sql: "SELECT candidate_id, message_id FROM touchpoint WHERE campaign_id = ? ORDER BY candidate_id",
                                 arguments: [campaign])
            }
        }

        /// Every queued person has exactly one file and one touch, under the message's own Message-ID.
        func expectEachSentExactlyOnce(_ campaign: Int64, count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let messages = try store.campaignMessages(campaign, after: 0, limit: 1_000)
            #expect(messages.count == count, sourceLocation: sourceLocation)
            #expect(messages.allSatisfy { $0.state == .sent }, "\(messages.map(\.state))", sourceLocation: sourceLocation)
            #expect(files == messages.compactMap(\.messageID).map { "\($0).eml" }.sorted(), sourceLocation: sourceLocation)
            let touches = try touches(campaign)
            #expect(touches.count == count, sourceLocation: sourceLocation)
            #expect(Set(touches.map { $0["candidate_id"] as Int64 }) == Set(messages.map(\.candidateID)), sourceLocation: sourceLocation)
            #expect(Set(touches.map { $0["message_id"] as String }) == Set(messages.compactMap(\.messageID)), sourceLocation: sourceLocation)
        }

        var spoolLeft: [String] { (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? [] }
    }

    /// "sent 6/20 · 28/min · 0:30 left" read back as "6/20", or nil for a line of another shape.
    static func counts(_ line: String) -> String? {
        line.wholeMatch(of: /sent (\d+)\/(\d+) · \d+(\.\d)?\/min · (\d+:\d\d(:\d\d)?|–) left/).map { "\($0.1)/\($0.2)" }
    }

    @Test func oneFilePerMessageAndOneTouchEach() throws {
        let bench = try Bench(people: 5)
        defer { bench.remove() }
        let id = try bench.campaign()
        var lines: [CampaignSender.Progress] = []
        let summary = try bench.sender(command: try bench.script("fake.sh")).run(id, progress: { lines.append($0) })
        #expect(summary.ending == .done && summary.sentNow == 5)
        #expect(summary.tally.campaign.state == .done && summary.tally.count(.sent) == 5)
        try bench.expectEachSentExactlyOnce(id, count: 5)
        #expect(lines.map(\.sent) == [1, 2, 3, 4, 5])
        #expect(lines.allSatisfy { $0.total == 5 && Self.counts($0.line) != nil }, "\(lines.map(\.line))")
        // Each message went to its person alone.
        for message in try bench.store.campaignMessages(id, after: 0, limit: 100) {
            let text = try String(contentsOf: bench.sent.appendingPathComponent("\(message.messageID!).eml"), encoding: .utf8)
            #expect(text.contains("To: P\(message.position) Person <p\(message.position)@example.com>\n"))
            #expect(!text.contains("Cc:") && !text.contains("Bcc:"))
            #expect(text.contains("Subject: Hello P\(message.position)\n"))
        }
        #expect(bench.spoolLeft == [])
        // Nothing is left to send: a second run sends nothing.
        let again = try bench.sender(command: try bench.script("fake.sh")).run(id)
        #expect(again.ending == .done && again.sentNow == 0)
        try bench.expectEachSentExactlyOnce(id, count: 5)
    }

    @Test func theProgressLineCountsOnlyThoseToBeSent() throws {
        let bench = try Bench(people: 6)
        defer { bench.remove() }
        // Two are left out at review, one more when their message comes up.
        _ = try bench.store.setStatus(1, to: .doNotContact, at: Self.now)
        _ = try bench.store.setStatus(2, to: .doNotContact, at: Self.now)
        let id = try bench.campaign()
        _ = try bench.store.setStatus(5, to: .doNotContact, at: Self.now)
        var lines: [String] = []
        let summary = try bench.sender(command: try bench.script("fake.sh")).run(id, progress: { lines.append($0.line) })
        #expect(summary.ending == .done && summary.sentNow == 3)
        let counts = lines.compactMap(Self.counts)
        #expect(counts.count == 3, "\(lines)")
        #expect(counts.first == "1/4", "\(lines)")
        #expect(counts.last == "3/3", "\(lines)")
        #expect(CampaignSender.Progress(sent: 6, total: 20, perMinute: 28, secondsLeft: 30).line == "sent 6/20 · 28/min · 0:30 left")
        #expect(CampaignSender.Progress(sent: 1, total: 9_000, perMinute: 2.5, secondsLeft: 3_600 * 2 + 61).line == "sent 1/9000 · 2.5/min · 2:01:01 left")
        #expect(CampaignSender.Progress(sent: 0, total: 3, perMinute: 0, secondsLeft: nil).line == "sent 0/3 · 0.0/min · – left")
    }

    @Test func aCommandFailingOnTheSeventhStopsTheRunAndResumeSendsTheRestOnce() throws {
        let bench = try Bench(people: 20)
        defer { bench.remove() }
        let id = try bench.campaign()
        let flag = bench.root.appendingPathComponent("broken").path
        FileManager.default.createFile(atPath: flag, contents: nil)
        let command = try bench.script("fake.sh", before: """
            if [ "$n" -eq 6 ] && [ -e "\(flag)" ]; then echo "mailbox full for $id" >&2; exit 1; fi
            """)
        let summary = try bench.sender(command: command).run(id)
        guard case let .commandFailed(position, name, error) = summary.ending else {
            Issue.record("expected a failed command, got \(summary.ending)")
            return
        }
        #expect(position == 7 && name == "P7 Person")
        #expect(error.contains("exited with status 1") && error.contains("mailbox full"), "\(error)")
        #expect(summary.sentNow == 6 && summary.tally.count(.sent) == 6 && summary.tally.count(.failed) == 1)
        #expect(summary.tally.campaign.state == .stopped)
        #expect(bench.files.count == 6)
        #expect(try bench.touches(id).count == 6)
        #expect(try bench.store.campaignMessage(id, position: 7).error?.contains("mailbox full") == true)
        #expect(bench.spoolLeft == [])

        try FileManager.default.removeItem(atPath: flag)
        let resumed = try bench.sender(command: command).run(id)
        #expect(resumed.ending == .done && resumed.sentNow == 14)
        try bench.expectEachSentExactlyOnce(id, count: 20)
        #expect(try bench.store.campaign(id).state == .done)
    }

    @Test func aHangingCommandIsStoppedAndItsMessageIsNeverSentAgain() throws {
        let bench = try Bench(people: 4)
        defer { bench.remove() }
        let id = try bench.campaign()
        let flag = bench.root.appendingPathComponent("hang").path
        FileManager.default.createFile(atPath: flag, contents: nil)
        let command = try bench.script("fake.sh", before: """
            if [ "$n" -eq 1 ] && [ -e "\(flag)" ]; then sleep 30; fi
            """)
        var lines: [String] = []
        let summary = try bench.sender(command: command, timeout: 1).run(id, progress: { lines.append($0.line) })
        guard case let .unknown(position, name, error) = summary.ending else {
            Issue.record("expected unknown, got \(summary.ending)")
            return
        }
        #expect(position == 2 && name == "P2 Person")
        #expect(error.contains("did not finish within 1 s"), "\(error)")
        #expect(summary.tally.count(.unknown) == 1 && summary.tally.count(.sent) == 1)
        #expect(lines.count == 2 && lines.allSatisfy { Self.counts($0) != nil }, "\(lines)")
        #expect(lines.first?.hasPrefix("sent 1/4 ") == true, "\(lines)")
        #expect(bench.files.count == 1)
        #expect(bench.spoolLeft == [])

        try FileManager.default.removeItem(atPath: flag)
        let resumed = try bench.sender(command: command).run(id)
        #expect(resumed.ending == .done && resumed.sentNow == 2)
        let messages = try bench.store.campaignMessages(id, after: 0, limit: 10)
        #expect(messages.map(\.state) == [.sent, .unknown, .sent, .sent])
        #expect(messages[1].error?.contains("did not finish") == true)
        let hung = try #require(messages[1].messageID)
        #expect(!bench.files.contains { $0.hasPrefix(hung) }, "\(bench.files)")
        #expect(bench.files.count == 3)
        #expect(try bench.touches(id).count == 3)
        #expect(!(try bench.touches(id)).contains { $0["message_id"] as String == hung })
        #expect(try bench.store.campaign(id).state == .done)
    }

    /// The command reads the message on its standard input and holds no other file of ours (not
    /// the store, not another person's message), in a session of its own (the terminal's
    /// Ctrl-C is Funnel's to handle; a timeout stops its whole process group).
    @Test func theCommandHasTheMessageOnItsInputNothingElseOfOursAndItsOwnSession() throws {
        let bench = try Bench(people: 2)
        defer { bench.remove() }
        let id = try bench.campaign()
        let report = bench.root.appendingPathComponent("report").path
        let command = "mkdir -p '\(bench.sent.path)'; n=$(ls '\(bench.sent.path)' | wc -l); cat > '\(bench.sent.path)/'$n.eml; "
            + "open=$(for fd in /proc/$$/fd/*; do readlink \"$fd\"; done | grep -v '^pipe:'); "
            + "printf '%s\\n' \"$open\" > '\(report)'.$n; ps -o sid= -p $$ >> '\(report)'.$n"
        let summary = try bench.sender(command: command).run(id)
        #expect(summary.ending == .done && summary.sentNow == 2)
        for n in 0..<2 {
            let lines = try String(contentsOfFile: "\(report).\(n)", encoding: .utf8).split(separator: "\n").map(String.init)
            let sid = try #require(lines.last.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) })
            #expect(sid != getsid(0), "\(lines)")
            // Descriptors 0, 1 and 2 (the shell's own pipe to the listing left out): the message
            // in the spool and the error file.
            let open = Array(lines.dropLast())
            #expect(open.count == 3, "\(lines)")
            #expect(open.first?.hasPrefix(bench.spool) == true && open.first?.hasSuffix(".eml") == true, "\(lines)")
            #expect(open.dropFirst().allSatisfy { $0.hasPrefix(bench.spool) && $0.hasSuffix(".err") }, "\(lines)")
        }
        #expect(try bench.touches(id).count == 2)
    }

    @Test func aStopAfterThreeFinishesTheMessageInHandAndResumeSendsTheRest() throws {
        let bench = try Bench(people: 8)
        defer { bench.remove() }
        let id = try bench.campaign()
        let command = try bench.script("fake.sh")
        var handled = 0
        let summary = try bench.sender(command: command).run(id, shouldStop: { handled >= 3 }, progress: { _ in handled += 1 })
        #expect(summary.ending == .stopped && summary.sentNow == 3)
        #expect(summary.tally.campaign.state == .stopped && summary.tally.remaining == 5)
        #expect(bench.files.count == 3)
        // The fourth, claimed with the third's record (one commit per message), is queued again.
        let states = try bench.store.campaignMessages(id, after: 0, limit: 10).map(\.state)
        #expect(states == [.sent, .sent, .sent] + Array(repeating: .queued, count: 5), "\(states)")
        let resumed = try bench.sender(command: command).run(id)
        #expect(resumed.ending == .done && resumed.sentNow == 5)
        try bench.expectEachSentExactlyOnce(id, count: 8)
    }

    @Test func withoutACommandEachMessageIsOneWholeFileInTheOutbox() throws {
        let bench = try Bench(people: 5)
        defer { bench.remove() }
        let id = try bench.campaign()
        let summary = try bench.sender(command: nil).run(id)
        #expect(summary.ending == .done && summary.sentNow == 5)
        let files = try FileManager.default.contentsOfDirectory(atPath: bench.outbox).sorted()
        let messages = try bench.store.campaignMessages(id, after: 0, limit: 10)
        #expect(files == messages.map { "campaign-\(id)-\($0.position)-candidate-\($0.candidateID).eml" }.sorted())
        #expect(!files.contains { $0.hasSuffix(".part") })
        for message in messages {
            let path = bench.outbox + "/campaign-\(id)-\(message.position)-candidate-\(message.candidateID).eml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("Message-ID: <\(message.messageID!)>\r\n"))
            #expect(text.contains("To: P\(message.position) Person <p\(message.position)@example.com>\r\n"))
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue & 0o777
            #expect(mode == 0o600)
        }
        #expect(try bench.touches(id).count == 5)
        #expect(messages.allSatisfy { $0.state == .sent })
        let again = try bench.sender(command: nil).run(id)
        #expect(again.sentNow == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bench.outbox).count == 5)
    }

    @Test func theSpoolIsOwnerOnlyWhileItHoldsMessagesAndEmptyAfter() throws {
        let bench = try Bench(people: 3)
        defer { bench.remove() }
        let id = try bench.campaign()
        let seen = bench.root.appendingPathComponent("seen").path
        // The command looks at the spool while it has the message.
        let command = try bench.script("fake.sh", before: """
            stat -c '%a %n' "\(bench.spool)" "\(bench.spool)"/* >> "\(seen)"
            """)
        let summary = try bench.sender(command: command).run(id)
        #expect(summary.ending == .done)
        let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n").map(String.init)
        let folderLines = lines.filter { $0 == "700 \(bench.spool)" }
        #expect(folderLines.count == 3, "\(lines)")
        let fileLines = lines.filter { $0 != "700 \(bench.spool)" }
        #expect(fileLines.contains { $0.hasSuffix(".eml") }, "\(lines)")
        #expect(fileLines.allSatisfy { $0.hasPrefix("600 ") }, "\(lines)")
        #expect(bench.spoolLeft == [])
        let mode = (try FileManager.default.attributesOfItem(atPath: bench.spool)[.posixPermissions] as! NSNumber).intValue & 0o777
        #expect(mode == 0o700)
    }

    @Test func aResumeSettlesWhatAnInterruptedRunLeftBeingHandedOver() throws {
        let bench = try Bench(people: 4)
        defer { bench.remove() }
        let id = try bench.campaign()
        let sender = bench.sender(command: try bench.script("fake.sh"))
        // As a crash leaves them: claimed, committed as handing, and the spool in each state of the table.
        var claimed: [CampaignMessage] = []
        for _ in 1...4 { claimed.append(try #require(try bench.store.claimCampaignMessage(id, at: Self.now))) }
        try PrivateFilesForTests.makeFolder(bench.spool)
        func put(_ message: CampaignMessage, _ suffix: String, _ text: String) throws {
            try PrivateFilesForTests.write(text, to: "\(bench.spool)/\(message.id).\(suffix)")
        }
        // 1: never written to the spool. 2: written, the command never started.
        try put(claimed[1], "eml", "x")
        // 3: the command took it (status 0). 4: started, no status (the command died with it).
        try put(claimed[2], "eml", "x"); try put(claimed[2], "started", "started"); try put(claimed[2], "status", "0")
        try put(claimed[3], "eml", "x"); try put(claimed[3], "started", "started")
        let settled = try sender.settle(id)
        #expect(settled.map(\.1) == [.queued, .queued, .sent, .unknown])
        #expect(bench.spoolLeft == [])
        let states = try bench.store.campaignMessages(id, after: 0, limit: 10).map(\.state)
        #expect(states == [.queued, .queued, .sent, .unknown])
        let summary = try sender.run(id)
        #expect(summary.ending == .done && summary.sentNow == 2)
        #expect(bench.files.count == 2)
        #expect(try bench.touches(id).count == 3)
    }
}

/// Owner-only files as the spool holds them, written the way a crashed run leaves them.
enum PrivateFilesForTests {
    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    static func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
