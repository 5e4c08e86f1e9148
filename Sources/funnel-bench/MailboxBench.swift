import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel-bench mailbox`: how fast the mailbox readers are (issue 12: `funnel inbox` must ingest
/// 100,000 messages in ≤ 10 s and re-run with nothing new in ≤ 1 s, store included). It writes
/// N generated messages — the corpus's kinds in a realistic mix: replies, encoded subjects,
/// multipart with QP and base64 attachments, auto-replies, bounces, delay warnings, strangers,
/// no Message-ID — into a Maildir and an mbox in a temporary folder, then times, for both:
/// enumerating the keys only (a re-run that has seen everything), reading every message as
/// `funnel inbox` does (header, and the body only for reports), and reading every message
/// with its text. Warm page cache: the files were just written. Prints Markdown.
struct MailboxBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailbox",
        abstract: "Time the Maildir and mbox readers on N generated messages.")

    @Option(help: "Messages to generate.")
    var messages = 100_000

    @Option(help: "Timed runs of each row (the median is shown, with the fastest and slowest).")
    var runs = 3

    @Option(help: "The generator's seed.")
    var mailSeed: UInt64 = 7

    @Flag(help: "Keep the generated mailboxes (their folder is printed).")
    var keep = false

    @Option(help: "Reuse the mailboxes a --keep run left in this folder (generated with the same --messages and seed).")
    var folder: String?

    @Option(help: "With --desk: messages per transaction at most (funnel inbox's own is InboxRun.batchSize; a transaction also ends after InboxRun.batchSeconds).")
    var batch = InboxRun.batchSize

    @Option(help: ArgumentHelp("Time `funnel inbox` itself, store included, on this desk: it is WRITTEN, so pass a copy. The mail comes from 5,000 of its candidates' addresses.", valueName: "path"))
    var desk: String?

    func run() throws {
        var deskStore: Store?
        if let desk {
            let store = try Store.open(at: desk)
            GeneratedMail.senders = try store.inboxBenchSenders(5_000)
            guard GeneratedMail.senders.count == 5_000 else { throw ValidationError("the desk has fewer than 5,000 candidates with an email") }
            deskStore = store
        }
        let reusing = folder != nil
        let folder = folder.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("funnel-mailbox-bench-\(ProcessInfo.processInfo.processIdentifier)")
        let maildir = folder.appendingPathComponent("maildir").path
        let mbox = folder.appendingPathComponent("inbox.mbox").path
        let clock = ContinuousClock()
        if !reusing {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let start = clock.now
            let bytes = try GeneratedMail.write(count: messages, seed: mailSeed, maildir: maildir, mbox: mbox)
            log(String(format: "generated %d messages (%@ each way) in %.1f s", messages, mib(bytes), (clock.now - start).seconds))
        }
        defer {
            if keep || reusing { log("kept \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
        }

        if let deskStore {
            try timeInbox(deskStore, maildir: maildir, mbox: mbox)
            return
        }
        say("Mailbox readers, \(messages.formatted()) messages, \(machine()), load \(loadAverage())")
        say("")
        // The machine is shared: CPU time (user + system, this process) is shown beside the wall time.
        say("| \(runs) runs: wall median (fastest–slowest); CPU median | Maildir | mbox |")
        say("| --- | ---: | ---: |")
        var kinds: [String: [String: Int]] = [:]
        func time(_ label: String, _ body: (String, Bool) throws -> [String: Int]) throws {
            var cells: [String] = []
            for (name, path, isMaildir) in [("Maildir", maildir, true), ("mbox", mbox, false)] {
                var seconds: [Double] = [], cpu: [Double] = []
                for _ in 0..<runs {
                    let began = clock.now, cpuBegan = cpuSeconds()
                    let counts = try body(path, isMaildir)
                    seconds.append((clock.now - began).seconds)
                    cpu.append(cpuSeconds() - cpuBegan)
                    if !counts.isEmpty { kinds["\(label) \(name)"] = counts }
                }
                seconds.sort()
                cpu.sort()
                cells.append(String(format: "%.2f s (%.2f–%.2f); CPU %.2f s", seconds[seconds.count / 2], seconds.first!, seconds.last!, cpu[cpu.count / 2]))
            }
            say("| \(label) | \(cells.joined(separator: " | ")) |")
        }
        func entries(_ path: String, _ isMaildir: Bool) throws -> AnySequence<MailboxEntry> {
            isMaildir ? AnySequence(try MailboxReader.open(maildir: path)) : AnySequence(try MailboxReader.open(mbox: path))
        }
        try time("keys only (a re-run that skips every seen key)") { path, isMaildir in
            var count = 0
            for entry in try entries(path, isMaildir) where !entry.key.isEmpty { count += 1 }
            guard count == messages else { throw ValidationError("read \(count) keys, expected \(messages)") }
            return [:]
        }
        try time("every message classified (header; body only for reports)") { path, isMaildir in
            var counts: [String: Int] = [:]
            for entry in try entries(path, isMaildir) { counts[Self.kind(try entry.message()), default: 0] += 1 }
            return counts
        }
        try time("every message with its text (first text/plain, ≤ 64 KiB)") { path, isMaildir in
            var counts: [String: Int] = [:]
            for entry in try entries(path, isMaildir) {
                let message = try entry.message(readingText: true)
                counts[Self.kind(message), default: 0] += 1
                if message.text != nil { counts["with text", default: 0] += 1 }
            }
            return counts
        }
        // The mbox re-run with a stored last key: it starts at the end.
        let last = try MailboxReader.open(mbox: mbox).reduce(nil as String?) { $1.key }
        var resumed: [Double] = []
        for _ in 0..<runs {
            let began = clock.now
            let box = try MailboxReader.open(mbox: mbox, after: last)
            let new = box.reduce(0) { count, _ in count + 1 }
            resumed.append((clock.now - began).seconds)
            guard box.resumed, new == 0 else { throw ValidationError("resuming after the last key gave \(new) messages") }
        }
        resumed.sort()
        say(String(format: "| mbox re-run after the last seen key (`after:`) | – | %.4f s (%.4f–%.4f) |", resumed[resumed.count / 2], resumed.first!, resumed.last!))
        say("")
        for (label, counts) in kinds.sorted(by: { $0.key < $1.key }) {
            say("- \(label): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }

    /// `funnel inbox`'s own loop (`InboxRun`) on the desk: the first run logs everything, then
    /// re-runs find nothing new. Maildir first, then the mbox (whose messages are the same, so
    /// its first run finds every Message-ID already logged: the idempotence path).
    func timeInbox(_ store: Store, maildir: String, mbox: String) throws {
        let clock = ContinuousClock()
        let candidates = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? 0 }
        say("funnel inbox, \(messages.formatted()) messages from 5,000 candidates' addresses, desk of \(candidates.formatted()) candidates, \(batch.formatted()) messages per transaction, \(machine()), load \(loadAverage())")
        say("")
        say("| run | wall | CPU | what it did |")
        say("| --- | ---: | ---: | --- |")
        let moment = Moment(now: Date(timeIntervalSince1970: 1_796_700_000), timeZone: TimeZone(identifier: "UTC")!)
        for (format, path) in [(InboxRun.Format.maildir, maildir), (.mbox, mbox)] {
            for attempt in 0...runs {
                let began = clock.now, cpuBegan = cpuSeconds()
                let result = try InboxRun(format: format, path: path).run(store: store, rules: .defaults, moment: moment, batchSize: batch)
                let wall = (clock.now - began).seconds, cpu = cpuSeconds() - cpuBegan
                let t = result.tally
                let what = "\(result.transactions) transaction\(result.transactions == 1 ? "" : "s"), read \(t.read), skipped \(result.skipped): \(t.replies) replies, \(t.autoReplies) auto-replies, \(t.bounces) bounces (\(t.markedBouncing) marked), "
                    + "\(t.deliveryReports) reports, \(t.unknownSenders) unknown, \(t.bulk) bulk, \(t.alreadyLogged) already logged"
                let label = attempt == 0 ? "\(format.rawValue), first run" : "\(format.rawValue), re-run \(attempt)"
                say(String(format: "| %@ | %.2f s | %.2f s | %@ |", label, wall, cpu, what))
            }
        }
    }

    /// User and system CPU time of this process so far.
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func kind(_ message: InboundMessage) -> String {
        switch message.kind {
        case .message: "message"
        case .autoReply: "auto-reply"
        case .bounce: "bounce"
        case .deliveryReport: "delivery report"
        }
    }
}

/// Deterministic mail of the corpus's kinds, written as Maildir files and as one mboxrd file.
enum GeneratedMail {
    /// Returns the bytes written to each mailbox.
    static func write(count: Int, seed: UInt64, maildir: String, mbox: String) throws -> Int {
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: (maildir as NSString).appendingPathComponent(sub), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        FileManager.default.createFile(atPath: mbox, contents: nil, attributes: [.posixPermissions: 0o600])
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: mbox))
        defer { try? out.close() }
        var random = SplitMix64(seed: seed)
        var buffer = Data()
        var total = 0
        let base = 1_796_600_000
        for i in 0..<count {
            let text = message(i, &random)
            let bytes = Data(text.utf8)
            total += bytes.count
            let seen = random.chance(0.7)
            let name = "\(base + i).M\(i)P4242.bench" + (seen ? ":2,S" : "")
            let path = (maildir as NSString).appendingPathComponent((seen ? "cur/" : "new/") + name)
            // Plain open/write: FileManager.createFile writes through a temporary file and a rename.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else { throw ValidationError("cannot write \(path)") }
            buffer.append(Data("From \(sender(i)) Mon Dec  7 09:00:00 2026\n".utf8))
            buffer.append(Data(quoted(text).utf8))
            buffer.append(Data("\n".utf8))
            if buffer.count > 4 << 20 {
                try out.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(contentsOf: buffer)
        return total
    }

    /// Addresses of a desk's candidates (`--desk`), else made up.
    nonisolated(unsafe) static var senders: [String] = []

    static func sender(_ i: Int) -> String { senders.isEmpty ? "candidate\(i % 5000)@example.com" : senders[i % senders.count] }

    /// mboxrd quoting of body lines that start `From ` (or `>From `).
    static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.drop(while: { $0 == ">" }).hasPrefix("From ") ? ">" + line : String(line)
        }.joined(separator: "\n")
    }

    static let kinds: [Double] = [45, 10, 10, 10, 5, 8, 4, 1, 5, 2]

    static func message(_ i: Int, _ random: inout SplitMix64) -> String {
        let from = sender(i)
        let sent = "\(1_795_339_800 + i).\(String(random.next() % 0xFFFF_FFFF, radix: 16))@agency.example"
        let received = """
        Return-Path: <\(from)>
        Delivered-To: rita@agency.example
        Received: from mx.example.com (mx.example.com [192.0.2.\(i % 250)])
        \tby mail.agency.example (Postfix) with ESMTPS id 4Q\(i)
        \tfor <rita@agency.example>; Mon, 07 Dec 2026 08:00:00 +0000 (UTC)
        DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;
        \th=from:to:subject:date:message-id; bh=\(String(repeating: "x", count: 44));
        \tb=\(String(repeating: "AbCdEfGh", count: 40))

        """
        let common = "To: Rita Recruiter <rita@agency.example>\nDate: Mon, 7 Dec 2026 09:\(i % 60 < 10 ? "0" : "")\(i % 60):00 +0100\nMIME-Version: 1.0\n"
        let id = "Message-ID: <bench.\(i)@example.com>\n"
        let body = "Hi Rita,\n\nThanks for getting in touch. " + String(repeating: "I am interested in hearing more about the role. ", count: 1 + random.below(8))
            + "\n\(random.chance(0.1) ? "From the desk of a candidate.\n" : "")\n-- \nCandidate \(i)\n"
        switch random.pick(weights: kinds) {
        case 0:
            return received + "From: Candidate \(i) <\(from)>\n\(common)\(id)Subject: Re: Quick hello\nIn-Reply-To: <\(sent)>\nReferences: <\(sent)>\nContent-Type: text/plain; charset=utf-8\n\n\(body)"
        case 1:
            return received + "From: \"Candidate, Private\" <private\(i)@mail.example.net>\n\(common)\(id)Subject: RE: A role you might like\nIn-Reply-To: <\(sent)>\nReferences: <older.\(i)@agency.example>\n <\(sent)>\nContent-Type: text/plain\n\n\(body)"
        case 2:
            return received + "From: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <\(from)>\n\(common)\(id)Subject: =?UTF-8?B?UmU6IENhZsOpIG1lZXRpbmcg4oCUIG5leHQgd2Vlaw==?=\n =?iso-8859-1?Q?_R=E9ponse?=\nIn-Reply-To: <\(sent)>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n\(body)"
        case 3:
            return received + "From: Candidate \(i) <\(from)>\n\(common)\(id)Subject: Re: Quick hello\nIn-Reply-To: <\(sent)>\nContent-Type: multipart/alternative; boundary=\"alt\(i)\"\n\n--alt\(i)\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n\(MailMessage.quotedPrintable(body + "caf\u{E9} \u{20AC}"))\n--alt\(i)\nContent-Type: text/html; charset=utf-8\n\n<p>\(body)</p>\n--alt\(i)--\n"
        case 4:
            let attachment = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ i) }).base64EncodedString(options: .lineLength76Characters)
                .replacingOccurrences(of: "\r\n", with: "\n")
            return received + "From: Candidate \(i) <\(from)>\n\(common)\(id)Subject: Re: my CV\nContent-Type: multipart/mixed; boundary=\"mix\(i)\"\n\n--mix\(i)\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\nMy CV =96 attached.\n--mix\(i)\nContent-Type: application/pdf; name=\"cv.pdf\"\nContent-Disposition: attachment; filename=\"cv.pdf\"\nContent-Transfer-Encoding: base64\n\n\(attachment)\n--mix\(i)--\n"
        case 5:
            let header = ["Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: auto_reply"][i % 3]
            return received + "From: Candidate \(i) <\(from)>\n\(common)\(id)Subject: Out of office\n\(header)\nContent-Type: text/plain\n\nAway until January.\n"
        case 6, 7:
            let failed = random.chance(0.8)
            return """
            Return-Path: <>
            Date: Mon,  7 Dec 2026 09:12:03 +0000 (UTC)
            From: MAILER-DAEMON@mail.agency.example (Mail Delivery System)
            Subject: \(failed ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)")
            To: rita@agency.example
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="dsn\(i)/mail.agency.example"
            Message-Id: <dsn.\(i)@mail.agency.example>

            This is a MIME-encapsulated message.

            --dsn\(i)/mail.agency.example
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mail.agency.example.

            --dsn\(i)/mail.agency.example
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.agency.example
            Arrival-Date: Mon,  7 Dec 2026 09:12:01 +0000 (UTC)

            Final-Recipient: rfc822; \(from)
            Original-Recipient: rfc822;\(from)
            Action: \(failed ? "failed" : "delayed")
            Status: \(failed ? "5.1.1" : "4.4.1")
            Diagnostic-Code: smtp; 550 5.1.1 User unknown

            --dsn\(i)/mail.agency.example
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: Rita Recruiter <rita@agency.example>
            To: \(from)
            Subject: Quick hello
            Message-ID: <\(sent)>

            --dsn\(i)/mail.agency.example--

            """
        case 8:
            return received + "From: Stranger \(i) <stranger\(i)@unknown.example>\n\(common)\(id)Subject: Job enquiry\nContent-Type: text/plain\n\n\(body)"
        default:
            return received + "From: Old Client <\(from)>\n\(common)Subject: no id here\nContent-Type: text/plain\n\n\(body)"
        }
    }
}
