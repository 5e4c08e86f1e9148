import Foundation
import FunnelCore
import FunnelStore

/// Sends a campaign one message at a time, exactly once per person (docs/campaigns.md).
///
/// For each message: the store records it as `handing` (committed) → the message is written to
/// the spool as `<id>.eml` (owner-only) and locked → the mail command runs through a small shell
/// wrapper in its own session (Ctrl-C reaches Funnel only), with the locked file as its
/// standard input; the wrapper writes `<id>.started` before the command runs and `<id>.status`
/// (its exit status) after it exits → Funnel records `sent` with the touch, `failed`, or
/// `unknown`, then removes the spool files. The wrapper outlives Funnel and holds the lock while
/// it runs, so after a `kill -9` a resume waits for it and reads what it wrote:
///
/// | found on resume | meaning | recorded |
/// | --- | --- | --- |
/// | no `<id>.eml`, or no `<id>.started` | the command never ran | queued again |
/// | `<id>.status` 0 | the command took it | sent, with the touch |
/// | `<id>.status` 1–128 | the command refused it | failed (resume tries again) |
/// | started, no status, or a status above 128 | the command died with it | unknown: check your sent folder |
///
/// Without a mail command, messages are written to the outbox as `.eml` files (renamed into
/// place, so one exists whole or not at all): a resume finds the file or does not.
public struct CampaignSender {
    public var store: Store
    public var config: Config
    public var clock: () -> Moment
    /// Where the messages in flight wait: `<store>.spool/`, owner-only.
    public var spool: String
    /// Seconds the command may take with one message before it is stopped (and the message
    /// recorded as unknown).
    public var timeout: TimeInterval
    /// Messages a minute at most; nil: as fast as the command goes.
    public var ratePerMinute: Double?

    public init(store: Store, config: Config, clock: @escaping () -> Moment, spool: String,
                timeout: TimeInterval = 60, ratePerMinute: Double? = nil) {
        self.store = store
        self.config = config
        self.clock = clock
        self.spool = spool
        self.timeout = timeout
        self.ratePerMinute = ratePerMinute
    }

    /// The spool folder for a store file: beside it, so it shares its permissions and disk.
    public static func spoolFolder(forStoreAt path: String) -> String { path + ".spool" }

    public struct Progress: Sendable, Equatable {
        public var sent: Int
        public var total: Int
        public var perMinute: Double
        public var secondsLeft: Double?
        public var last: CampaignMessage?

        /// "sent 6/20 · 28/min · 0:30 left"
        public var line: String {
            let rate = perMinute >= 10 ? String(Int(perMinute.rounded())) : String(format: "%.1f", perMinute)
            let left = secondsLeft.map { s -> String in
                let t = Int(s.rounded())
                return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
            } ?? "–"
            return "sent \(sent)/\(total) · \(rate)/min · \(left) left"
        }
    }

    /// How a run ended.
    public enum Ending: Sendable, Equatable {
        /// Every message handled.
        case done
        /// `shouldStop` said so (Ctrl-C): the message in hand was finished first.
        case stopped
        /// The command refused a message (its words): the run stops there; resume tries it again.
        case commandFailed(position: Int, name: String, error: String)
        /// The command died or hung with a message: recorded unknown; the run stops.
        case unknown(position: Int, name: String, error: String)
    }

    public struct Summary: Sendable, Equatable {
        public var ending: Ending
        public var sentNow: Int
        public var tally: CampaignTally
    }

    /// Settles what an interrupted run left `handing` (see the table above), then sends what is
    /// queued or failed, in order, until none is left, a message fails, or `shouldStop()`.
    public func run(_ campaignID: Int64, shouldStop: () -> Bool = { false },
                    progress: (Progress) -> Void = { _ in }) throws -> Summary {
        _ = try settle(campaignID)
        let start = try store.campaignTally(campaignID)
        // To send in this run and sent before: `messages` already leaves out those excluded at
        // review; those a claim leaves out later are taken off as they happen.
        let startTotal = start.messages - start.count(.unknown)
        let excludedAtStart = start.count(.excluded)
        var total = startTotal
        var sent = start.count(.sent)
        var sentNow = 0
        let began = Date()
        var ending = Ending.done
        var lastSend: Date?
        var lastPosition = 0
        // Without a rate, each message sent is recorded with the claim of the next (`sendChained`).
        let chained = (ratePerMinute ?? 0) <= 0
        var claimed: CampaignMessage?
        // Thrown out of the loop with one claimed: put back (a resume would queue it again too).
        defer { if let claimed { try? release(claimed) } }
        while !shouldStop() {
            if let rate = ratePerMinute, rate > 0, let last = lastSend {
                let wait = 60 / rate - Date().timeIntervalSince(last)
                if wait > 0 { Self.sleep(wait, unless: shouldStop) }
                if shouldStop() { break }
            }
            lastSend = Date()
            let handled: (CampaignMessage, CampaignMessageState, String?)
            if chained {
                guard let step = try sendChained(campaignID, claimed: claimed) else { break }
                (handled, claimed) = (step.handled, step.next)
            } else {
                guard let step = try sendNext(campaignID) else { break }
                handled = step
            }
            let (message, state, error) = handled
            // A claim that skipped positions left people out since the review: recount.
            if message.position > lastPosition + 1 {
                total = startTotal - (try store.campaignExcludedCount(campaignID) - excludedAtStart)
            }
            lastPosition = message.position
            switch state {
            case .sent:
                sent += 1
                sentNow += 1
            case .failed:
                ending = .commandFailed(position: message.position, name: message.name, error: error ?? "")
            case .unknown:
                ending = .unknown(position: message.position, name: message.name, error: error ?? "")
            default:
                // The command never started (the spool could not be written, the wrapper failed
                // at once): the message is queued again, and trying again now would loop.
                ending = .commandFailed(position: message.position, name: message.name, error: "the mail command did not start")
            }
            let elapsed = Date().timeIntervalSince(began)
            let perMinute = elapsed > 0 ? Double(sentNow) / elapsed * 60 : 0
            let remaining = max(0, total - sent)
            let pace = ratePerMinute.map { min($0, perMinute > 0 ? perMinute : $0) } ?? perMinute
            progress(Progress(sent: sent, total: total, perMinute: perMinute,
                              secondsLeft: pace > 0 ? Double(remaining) / pace * 60 : nil, last: message))
            if ending != .done { break }
        }
        // Stopped with the next message claimed: it goes back to the queue before the run ends.
        if let next = claimed {
            claimed = nil
            try release(next)
        }
        if shouldStop(), ending == .done { ending = .stopped }
        let finished = try store.finishCampaignRun(campaignID, at: clock().now)
        if finished.state == .stopped, ending == .done { ending = .stopped }
        return Summary(ending: ending, sentNow: sentNow, tally: try store.campaignTally(campaignID))
    }

    /// Claims the next message, hands it to the command and records what happened (then the
    /// spool files go); nil when nothing is left. `sent` comes with its touch logged; `failed`
    /// and `unknown` carry the command's words; `queued` means the command never ran.
    public func sendNext(_ campaignID: Int64) throws -> (CampaignMessage, CampaignMessageState, String?)? {
        guard let message = try store.claimCampaignMessage(campaignID, at: clock().now) else { return nil }
        return try send(message, claimingNext: nil).handled
    }

    /// `sendNext` for a run that goes straight on to the next message: `claimed` is the message
    /// the previous call claimed (nil: claim one now), and a message sent is recorded together
    /// with the claim of the next, which is returned (one commit per message instead of two).
    /// A caller that stops instead releases it (`release`).
    public func sendChained(_ campaignID: Int64, claimed: CampaignMessage?) throws
        -> (handled: (CampaignMessage, CampaignMessageState, String?), next: CampaignMessage?)? {
        guard let message = try claimed ?? store.claimCampaignMessage(campaignID, at: clock().now) else { return nil }
        return try send(message, claimingNext: campaignID)
    }

    /// Puts back a message `sendChained` claimed and nobody handed over: queued, as it was.
    public func release(_ message: CampaignMessage) throws {
        try store.recordCampaignOutcome(message.id, .queued, error: nil)
    }

    func send(_ message: CampaignMessage, claimingNext campaignID: Int64?) throws
        -> (handled: (CampaignMessage, CampaignMessageState, String?), next: CampaignMessage?) {
        defer { removeSpoolFiles(message.id) }
        switch try hand(message) {
        case .sent:
            let moment = clock()
            guard let campaignID else {
                try store.recordCampaignSent(message.id, at: moment.now, rules: config.rules, moment: moment)
                return ((message, .sent, nil), nil)
            }
            let (_, next) = try store.recordCampaignSent(message.id, at: moment.now, rules: config.rules, moment: moment,
                                                         claimingNextOf: campaignID)
            return ((message, .sent, nil), next)
        case let .failed(error):
            try store.recordCampaignOutcome(message.id, .failed, error: error)
            return ((message, .failed, error), nil)
        case let .unknown(error):
            try store.recordCampaignOutcome(message.id, .unknown, error: error)
            return ((message, .unknown, error), nil)
        case .neverRan:
            try store.recordCampaignOutcome(message.id, .queued, error: nil)
            return ((message, .queued, nil), nil)
        }
    }

    /// Settles every message an interrupted run left `handing`; answers what each became.
    @discardableResult
    public func settle(_ campaignID: Int64) throws -> [(CampaignMessage, CampaignMessageState)] {
        var settled: [(CampaignMessage, CampaignMessageState)] = []
        for message in try store.handingCampaignMessages(campaignID) {
            let found = try recover(message)
            switch found {
            case .sent:
                let moment = clock()
                try store.recordCampaignSent(message.id, at: moment.now, rules: config.rules, moment: moment)
                settled.append((message, .sent))
            case let .failed(error):
                try store.recordCampaignOutcome(message.id, .failed, error: error)
                settled.append((message, .failed))
            case let .unknown(error):
                try store.recordCampaignOutcome(message.id, .unknown, error: error)
                settled.append((message, .unknown))
            case .neverRan:
                try store.recordCampaignOutcome(message.id, .queued, error: nil)
                settled.append((message, .queued))
            }
            removeSpoolFiles(message.id)
        }
        try sweepSpool()
        return settled
    }

    /// Removes what a run killed after recording an outcome, but before removing the message's
    /// files, left in the spool: they hold a person's message (and would outlive an erase).
    /// Files of a message still being handed over, in any campaign, are left alone.
    func sweepSpool() throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let ids = Set(names.compactMap { Int64($0.prefix { $0.isASCII && $0.isNumber }) })
        let inFlight = try store.handingCampaignMessageIDs(among: Array(ids))
        for id in ids where !inFlight.contains(id) { removeSpoolFiles(id) }
    }

    // MARK: Handing one message over

    enum Outcome: Equatable {
        case sent
        case failed(String)
        case unknown(String)
        case neverRan
    }

    var folder: String { spool }
    func path(_ id: Int64, _ suffix: String) -> String { "\(folder)/\(id).\(suffix)" }

    /// The RFC 5322 text of a claimed message.
    func mailText(_ message: CampaignMessage, lineEnding: String) throws -> String {
        let moment = clock()
        let from = config.recruiter.email ?? ""
        return try MailMessage(from: .init(name: config.recruiter.name, email: from), to: .init(name: message.name, email: message.address),
                               subject: message.subject, body: message.body, date: moment.now, timeZone: moment.timeZone,
                               messageID: message.messageID ?? MailMessage.messageID(date: moment.now, token: "\(message.id)", from: from))
            .rendered(lineEnding: lineEnding)
    }

    func hand(_ message: CampaignMessage) throws -> Outcome {
        guard let command = config.mail.sendmail else { return try writeToOutbox(message) }
        // A message the header writer refuses never reaches the command.
        let text: String
        do { text = try mailText(message, lineEnding: "\n") } catch { return .failed("\(error)") }
        try PrivateFiles.makeFolder(folder)
        for suffix in ["started", "status", "status.part", "err"] { unlink(path(message.id, suffix)) }
        let messagePath = path(message.id, "eml")
        unlink(messagePath)
        try PrivateFiles.write(Data(text.utf8), to: messagePath)
        let fd = open(messagePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .neverRan }
        defer { close(fd) }
        // Held by the wrapper (its standard input shares this open file) until it and the
        // command have exited: a resume waits on it.
        guard flock(fd, LOCK_EX) == 0 else { return .neverRan }
        // The started marker holds the wrapper's pid: the leader of its own session and process
        // group, which a timeout stops. The markers are owner-only like the message (umask 077 in
        // a subshell: the command itself runs with the user's umask).
        let wrapper = """
            (umask 077; printf '%s' "$$" > "$1") || exit 97
            /bin/sh -c "$3"
            rc=$?
            (umask 077; printf '%s' "$rc" > "$2.part") && mv -f "$2.part" "$2"
            """
        try PrivateFiles.write(Data(), to: path(message.id, "err"), exclusive: false)
        let errors = open(path(message.id, "err"), O_WRONLY | O_CLOEXEC)
        guard errors >= 0 else { return .failed("cannot open \(path(message.id, "err")): \(String(cString: strerror(errno)))") }
        defer { close(errors) }
        var child: SessionChild
        do {
            child = try SessionChild.start("/bin/sh", ["-c", wrapper, "funnel-send", path(message.id, "started"),
                                                       path(message.id, "status"), command], input: fd, output: errors)
        } catch {
            return .failed("cannot run the mail command `\(command)`: \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning(), Date() < deadline { usleep(1_000) }
        if child.isRunning() {
            // Hung: stop the wrapper and everything it started (its session's process group).
            child.signalGroup(SIGTERM)
            let grace = Date().addingTimeInterval(2)
            while child.isRunning(), Date() < grace { usleep(5_000) }
            if child.isRunning() { child.signalGroup(SIGKILL) }
            child.wait()
            return .unknown("the mail command `\(command)` did not finish within \(Int(timeout)) s and was stopped; "
                + "it may or may not have sent the message")
        }
        return readOutcome(message.id, command: command)
    }

    /// What the wrapper left, once it has exited.
    func readOutcome(_ id: Int64, command: String) -> Outcome {
        guard FileManager.default.fileExists(atPath: path(id, "started")) else { return .neverRan }
        let said = String(decoding: FileManager.default.contents(atPath: path(id, "err")) ?? Data(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = said.isEmpty ? "" : ": " + String(VisibleText.escaped(said).prefix(300))
        guard let text = FileManager.default.contents(atPath: path(id, "status")).map({ String(decoding: $0, as: UTF8.self) }),
              let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .unknown("the mail command `\(command)` was stopped while it had the message\(quoted)")
        }
        switch status {
        case 0: return .sent
        case 1...128: return .failed("the mail command `\(command)` exited with status \(status)\(quoted)")
        default: return .unknown("the mail command `\(command)` was killed by signal \(status - 128) while it had the message\(quoted)")
        }
    }

    /// After an interrupted run: waits for a wrapper still running (its lock), then reads.
    func recover(_ message: CampaignMessage) throws -> Outcome {
        guard let command = config.mail.sendmail else {
            return FileManager.default.fileExists(atPath: outboxPath(message)) ? .sent : .neverRan
        }
        let messagePath = path(message.id, "eml")
        let fd = open(messagePath, O_RDONLY)
        guard fd >= 0 else { return .neverRan }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout + 5)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                return .unknown("the mail command `\(command)` from the interrupted run is still running after \(Int(timeout)) s")
            }
            usleep(10_000)
        }
        return readOutcome(message.id, command: command)
    }

    // MARK: The outbox, without a command

    func outboxPath(_ message: CampaignMessage) -> String {
        "\(config.mail.outbox)/campaign-\(message.campaignID)-\(message.position)-candidate-\(message.candidateID).eml"
    }

    func writeToOutbox(_ message: CampaignMessage) throws -> Outcome {
        let text: String
        do { text = try mailText(message, lineEnding: "\r\n") } catch { return .failed("\(error)") }
        try PrivateFiles.makeFolder(config.mail.outbox)
        let final = outboxPath(message)
        let part = final + ".part"
        unlink(part)
        try PrivateFiles.write(Data(text.utf8), to: part)
        guard rename(part, final) == 0 else {
            unlink(part)
            return .failed("cannot write \(final): \(String(cString: strerror(errno)))")
        }
        return .sent
    }

    func removeSpoolFiles(_ id: Int64) {
        for suffix in ["eml", "started", "status", "status.part", "err"] { unlink(path(id, suffix)) }
    }

    static func sleep(_ seconds: TimeInterval, unless stop: () -> Bool) {
        let until = Date().addingTimeInterval(seconds)
        while Date() < until, !stop() { usleep(UInt32(min(50_000, max(1, until.timeIntervalSinceNow * 1_000_000)))) }
    }
}
