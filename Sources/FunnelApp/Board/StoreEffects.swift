import Foundation
import FunnelCore
import FunnelStore
import FunnelUI

/// Runs the UI's effects against the store, each write in one transaction, and turns every
/// result (or failure) into a message. The only place the board touches SQLite.
public struct StoreEffects: EffectRunner {
    /// A campaign started on a screen takes at most this many people of its group, in the
    /// group's order: the review holds every message in memory (`funnel campaign new --limit`
    /// has no such bound; docs/campaigns.md).
    public static let campaignScreenLimit = 10_000

    public typealias P = BoardProgram

    public let store: Store
    /// Reads "now" for each write, so a long session stamps touches with the real time.
    public let clock: () -> Moment
    public let environment: [String: String]
    public let rules: Rules
    /// Mail settings and the recruiter's name and address, for compose.
    public let config: Config
    /// Size and modification time of the store file and its WAL when last looked at.
    var fingerprint: [Int]?
    /// Today's "Fits an open role" group as last worked out, kept across this session's own
    /// touch writes that cannot change it (`DueFits.isUnchanged`): the group is the costliest
    /// read of a Today reload, and a log from Today reloads it. Dropped on any other write and
    /// on a change from another process.
    var fits: DueFits?
    /// The campaign being sent from the campaign screen, one message per step.
    var campaignRun: CampaignRun?

    struct CampaignRun {
        var id: Int64
        var began: Date
        var sentNow = 0
        var lastSend: Date?
    }

    /// Whether a fits group is kept now (for tests of when it is dropped).
    public var fitsAreKept: Bool { fits != nil }
    /// `Store.outsideCommitCounter()` when last looked at.
    var outsideCommits: Int?

    public init(store: Store, clock: @escaping () -> Moment, config: Config,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.store = store
        self.config = config
        self.rules = config.rules
        self.clock = clock
        self.environment = environment
    }

    public mutating func run(_ effect: Effect, terminal: any Terminal) -> [Msg] {
        do {
            return try perform(effect, terminal: terminal)
        } catch let error as FunnelError {
            return [.failed(error.message)]
        } catch {
            return [.failed("\(error)")]
        }
    }

    mutating func perform(_ effect: Effect, terminal: any Terminal) throws -> [Msg] {
        let now = clock().now
        forgetFits(unlessKeptBy: effect, at: now)
        switch effect {
        case .checkForOutsideChanges:
            // The file's size and times (a stat, no SQL) change with every commit, this session's
            // own included; the writer's commit counter then tells whose it was. Own writes are
            // on screen already: reloading everything again a second later would only cost time.
            let current = fileFingerprint()
            defer { fingerprint = current }
            guard let previous = fingerprint else {
                outsideCommits = try? store.outsideCommitCounter()
                return []
            }
            guard previous != current else { return [] }
            let counter = try? store.outsideCommitCounter()
            defer { outsideCommits = counter }
            if let counter, counter == outsideCommits { return [] }
            fits = nil
            return [.storeChangedElsewhere]
        case .loadCounts:
            // The same figures as `funnel report` (one implementation): count now, and of those
            // who entered each stage in the last 90 days, the share who went on.
            let moment = clock()
            let summary = try store.stageSummary(period: .last(endingOn: moment.today), moment: moment)
            var counts: [Stage: Int] = [:]
            var conversions: [Stage: String] = [:]
            for row in summary {
                counts[row.stage] = row.count
                if let conversion = row.conversion {
                    // "↓22% of 23": of the 23 who entered in the period, 22% reached a later stage.
                    let percent = conversion.ratio.value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
                    conversions[row.stage] = "↓\(percent) of \(grouped(conversion.entered))"
                }
            }
            return [.countsLoaded(counts, conversions: conversions)]
        case let .loadColumn(stage, request, sort, anchor, limit):
            return [try loadColumn(stage, request, sort: sort, anchor: anchor, limit: limit)]
        case let .loadToday(after, limit):
            // One page and the exact counts: both read index ranges and the tallies the schema
            // keeps (migration v8), so neither grows with the desk.
            let moment = clock()
            // "Fits an open role" is read once for the page and the counts, which both need it,
            // and kept while nothing it depends on was written (`forgetFits`).
            let fits = try currentFits(at: moment)
            let page = try store.dueQueuePage(rules: rules, moment: moment, after: after, limit: limit, fits: fits)
            let counts = try store.dueCounts(rules: rules, moment: moment, fits: fits)
            return [.todayLoaded(page.items, counts: counts, countsAreLowerBound: false,
                                 append: after != nil, next: page.next)]
        case let .logQuick(id, entry):
            var resolved = entry
            resolved.touch.at = now
            let (touch, revert) = try store.logQuick(id, resolved)
            let candidate = try store.candidate(id)
            let next = candidate.nextFollowUp.map { ", follow up \($0.iso)" } ?? ", no follow-up"
            let role = resolved.futureRole.map { ", wants \($0.title) in \($0.location)" } ?? ""
            return [.changed(Change(candidateID: id, stage: candidate.stage, revert: revert,
                                    message: "\(touch.outcome?.title.capitalized(first: true) ?? "Logged") · \(candidate.fullName)\(next)\(role) · u undoes",
                                    mayChangeStages: false))]
        case .loadReport:
            let moment = clock()
            let rules = ReportRules(staleDays: rules.staleAfterDays, reengagementDays: rules.reengageAfterDays)
            return [.reportLoaded(try store.report(period: .last(endingOn: moment.today), moment: moment, rules: rules,
                                                   dueRules: self.rules))]
        case let .erase(id):
            let report = try store.erase(id, at: now)
            return [.erased(id, message: "Erased \(report.name) (#\(id)): \(report.touches) touches, \(report.futureRoles) future roles, "
                        + "stage history and search entries; the audit log keeps only the fact")]
        case .loadTemplates:
            return [.templatesLoaded(try store.templates().filter { $0.channel == .email }.map(\.name))]
        case let .compose(id, template, opening):
            let composer = Composer(store: store, config: config, moment: clock())
            let draft = try composer.prepare(candidateID: id, templateName: template, opening: opening)
            let text = try terminal.editText(draft.editableText, fileName: "message.txt", environment: environment)
            guard let edited = try composer.applyEdit(text, to: draft) else {
                return [.failed("Not sent: the message was left empty")]
            }
            let result = try composer.deliver(edited, via: composer.defaultDelivery)
            return [.changed(Change(candidateID: id, stage: draft.candidate.stage, revert: result.revert,
                                    message: "Email to \(draft.candidate.fullName) \(result.receipt.summary); touch logged",
                                    mayChangeStages: false))]
        case let .loadCandidate(id):
            return [.candidateLoaded(try detail(id))]
        case let .search(query, generation, limit):
            // One read per keystroke: ranked only when the words are selective, counted to a cap.
            let results = try store.searchAsYouType(query, limit: limit, countUpTo: 10_000)
            return [.searchResults(generation: generation, results.cards, total: results.count, exact: results.countIsExact)]
        case let .loadOpenings(includeClosed):
            return [.openingsLoaded(try store.openingSummaries(states: includeClosed ? nil : [.open, .onHold]), includeClosed: includeClosed)]
        case let .loadOpening(id):
            let summary = try store.openingSummary(id)
            let matches = summary.opening.status.isClosed ? []
                : try store.matches(forOpening: id, options: MatchOptions(limit: OpeningDetail.limit), now: now)
            return [.openingLoaded(OpeningDetail(summary: summary, matches: matches))]
        case let .addOpening(draft):
            let opening = try store.addOpening(draft, at: now)
            return [.openingChanged(opening.id, message: "Added opening #\(opening.id) \(opening.summary)", placed: nil)]
        case let .editOpening(id, draft, status):
            let opening = try store.editOpening(id, draft, status: status, at: now)
            let what = status.map { "is now \($0.title)" } ?? "saved"
            return [.openingChanged(id, message: "Opening #\(id) \(opening.title) \(what)", placed: nil)]
        case let .closeOpening(id, state, placed):
            let opening = try store.closeOpening(id, as: state, placed: placed, at: now)
            var message = "Opening #\(id) \(opening.title) is \(state.title)"
            if let placed, let person = try store.candidateIfExists(placed) {
                message += ": \(person.fullName) placed, moved to \(person.stage.title)"
            }
            return [.openingChanged(id, message: message, placed: placed)]
        case let .add(draft):
            let candidate = try store.add(draft, at: now)
            return [.changed(Change(candidateID: candidate.id, stage: candidate.stage, revert: nil,
                                    message: "Added \(candidate.fullName) (#\(candidate.id)) to \(candidate.stage.title)"))]
        case let .update(id, draft):
            let (candidate, revert) = try store.update(id, with: draft, at: now)
            return [.changed(Change(candidateID: id, stage: candidate.stage, revert: revert, message: "Saved \(candidate.fullName)"))]
        case let .move(id, stage):
            let (candidate, revert) = try store.move(id, to: stage, at: now)
            return [.changed(Change(candidateID: id, stage: candidate.stage, revert: revert,
                                    message: "Moved \(candidate.fullName) to \(stage.title) · u undoes"))]
        case let .setStatus(id, status):
            let (candidate, revert) = try store.setStatus(id, to: status, at: now)
            return [.changed(Change(candidateID: id, stage: candidate.stage, revert: revert,
                                    message: "\(candidate.fullName) is now \(status.title)"))]
        case let .logTouch(id, draft, followUp):
            var touch = draft
            touch.at = now
            let (_, revert) = try store.logTouch(id, touch, followUp: followUp)
            let candidate = try store.candidate(id)
            let next = candidate.nextFollowUp.map { ", follow up \($0.iso)" } ?? ""
            let what = touch.channel == .note ? "Noted" : "Logged \(touch.channel.title)"
            return [.changed(Change(candidateID: id, stage: candidate.stage, revert: revert,
                                    message: "\(what) for \(candidate.fullName)\(next)", mayChangeStages: false))]
        case let .recordFutureRole(id, title, location, remote):
            let (role, revert) = try store.recordFutureRole(id, title: title, location: location, remote: remote, at: now)
            let candidate = try store.candidate(id)
            return [.changed(Change(candidateID: id, stage: candidate.stage, revert: revert,
                                    message: "Future role for \(candidate.fullName): \(role.summary)", mayChangeStages: false))]
        case let .undo(revert):
            try store.revert(revert, at: now)
            let stage = try store.candidateIfExists(revert.candidateID)?.stage
            return [.changed(Change(candidateID: revert.candidateID, stage: stage, revert: nil, message: "Undid \(revert.summary)"))]
        case let .editText(text):
            return [.edited(try terminal.editText(text, environment: environment)
                .trimmingCharacters(in: .newlines))]
        case let .createCampaign(source, template):
            let moment = clock()
            let tally = try store.createCampaign(Store.CampaignPlan(
                name: "\(template) \(moment.today.iso)", template: template, source: source,
                recruiterName: config.recruiter.name, recruiterEmail: config.recruiter.email, rules: rules, moment: moment,
                limit: Self.campaignScreenLimit))
            return [.campaignLoaded(tally, try store.campaignMessages(tally.campaign.id, limit: Int.max))]
        case let .loadCampaign(id):
            return [.campaignLoaded(try store.campaignTally(id), try store.campaignMessages(id, limit: Int.max))]
        case let .editCampaignMessage(id, position):
            let message = try store.campaignMessage(id, position: position)
            let text = try terminal.editText(EditableMessage.text(RenderedMessage(subject: message.subject, body: message.body),
                                                                  to: message.address), fileName: "message.txt", environment: environment)
            guard let edited = try EditableMessage.parse(text) else { return [.failed("Message \(position) is unchanged (the text was left empty)")] }
            try store.editCampaignMessage(id, position: position, subject: edited.subject, body: edited.body)
            return [.campaignLoaded(try store.campaignTally(id), try store.campaignMessages(id, limit: Int.max))]
        case let .sendCampaignStep(id):
            return [try campaignStep(id)]
        case let .finishCampaignRun(id):
            campaignRun = nil
            let campaign = try store.finishCampaignRun(id, at: now)
            let tally = try store.campaignTally(id)
            let said = campaign.state == .done ? "Campaign #\(id) done: \(grouped(tally.count(.sent))) sent"
                : "Stopped: \(grouped(tally.count(.sent))) of \(grouped(tally.messages)) sent; S sends the other \(grouped(tally.remaining))"
            return [.campaignStepped(CampaignStep(message: nil, progress: said, ending: said, tally: tally))]
        }
    }

    /// One message of a campaign handed over and recorded (the first step of a run settles what
    /// an interrupted one left first), with the progress line; the ending when none is left or
    /// the command refused or died.
    mutating func campaignStep(_ id: Int64) throws -> Msg {
        let sender = CampaignSender(store: store, config: config, clock: clock,
                                    spool: store.path.map(CampaignSender.spoolFolder(forStoreAt:)) ?? NSTemporaryDirectory() + "funnel.spool",
                                    ratePerMinute: config.mail.campaignRatePerMinute)
        if campaignRun?.id != id {
            try sender.settle(id)
            campaignRun = CampaignRun(id: id, began: Date())
        }
        var run = campaignRun!
        if let rate = sender.ratePerMinute, rate > 0, let last = run.lastSend {
            let wait = 60 / rate - Date().timeIntervalSince(last)
            if wait > 0.005 {
                let tally = try store.campaignTally(id)
                return .campaignStepped(CampaignStep(message: nil, progress: progress(tally, run, rate: rate).line, ending: nil,
                                                     tally: tally, waitMilliseconds: Int(wait * 1000)))
            }
        }
        run.lastSend = Date()
        let handled = try sender.sendNext(id)
        if handled?.1 == .sent { run.sentNow += 1 }
        campaignRun = run
        var tally = try store.campaignTally(id)
        let message = try handled.map { try store.campaignMessage(id, position: $0.0.position) }
        let line = progress(tally, run, rate: sender.ratePerMinute).line
        var ending: String?
        var failed = false
        switch handled?.1 {
        case nil:
            ending = "Campaign #\(id) done: \(grouped(tally.count(.sent))) sent, each logged as a touch"
                + (tally.count(.unknown) > 0 ? "; \(tally.count(.unknown)) unknown: check your sent folder" : "")
        case .failed?, .queued?:
            failed = true
            ending = "Message \(handled!.0.position) to \(handled!.0.name) was not sent: \(handled!.2 ?? "the mail command did not start"). "
                + "Fix the command, then S tries it again"
        case .unknown?:
            failed = true
            ending = "Message \(handled!.0.position) to \(handled!.0.name): unknown, check your sent folder. It will not be sent again"
        default:
            break
        }
        if ending != nil {
            campaignRun = nil
            _ = try store.finishCampaignRun(id, at: clock().now)
            tally = try store.campaignTally(id)
        }
        return .campaignStepped(CampaignStep(message: message, progress: line, ending: ending, tally: tally, failed: failed))
    }

    func progress(_ tally: CampaignTally, _ run: CampaignRun, rate: Double?) -> CampaignSender.Progress {
        let total = tally.messages - tally.count(.unknown)
        let elapsed = Date().timeIntervalSince(run.began)
        let perMinute = elapsed > 0 && run.sentNow > 0 ? Double(run.sentNow) / elapsed * 60 : 0
        let pace = rate.map { perMinute > 0 ? min($0, perMinute) : $0 } ?? perMinute
        let left = Double(max(0, total - tally.count(.sent)))
        return CampaignSender.Progress(sent: tally.count(.sent), total: total, perMinute: perMinute,
                                       secondsLeft: pace > 0 ? left / pace * 60 : nil, last: nil)
    }

    /// The fits group for `moment`: the kept one while no day boundary has passed, else read.
    mutating func currentFits(at moment: Moment) throws -> DueFits {
        if let fits, fits.isCurrent(at: moment.now) { return fits }
        let read = try store.dueFits(rules: rules, moment: moment)
        fits = read
        return read
    }

    /// Drops the kept fits group before `effect` runs unless the effect cannot change it: a read,
    /// or a touch (with its follow-up) for someone the group did not weigh. Everything else that
    /// writes (a move, a status, an answer, an edit, an erase, an opening, an undo of anything)
    /// drops it; so does a change by another process (`checkForOutsideChanges`).
    mutating func forgetFits(unlessKeptBy effect: Effect, at now: Date) {
        guard let kept = fits else { return }
        switch effect {
        case .checkForOutsideChanges, .loadCounts, .loadColumn, .loadToday, .loadReport, .loadTemplates, .loadCandidate,
             .search, .loadOpenings, .loadOpening, .editText:
            return
        case let .logQuick(id, entry):
            if entry.futureRole == nil, kept.isUnchanged(byTouchesOf: id, at: now) { return }
        case let .logTouch(id, _, _), let .compose(id, _, _):
            if kept.isUnchanged(byTouchesOf: id, at: now) { return }
        case .createCampaign, .loadCampaign, .editCampaignMessage, .finishCampaignRun:
            return  // campaign rows only: no touch, answer or opening changes
        case .erase, .addOpening, .editOpening, .closeOpening, .add, .update, .move, .setStatus, .recordFutureRole, .undo,
             .sendCampaignStep:
            break
        }
        fits = nil
    }

    /// Cheap evidence that the file changed: a stat of the store and its WAL, no SQL.
    func fileFingerprint() -> [Int] {
        guard let path = store.path else { return [] }
        // stat(2) itself: FileManager's attributes also look up the owner's name (/etc/passwd).
        return [path, path + "-wal"].flatMap { file -> [Int] in
            var info = stat()
            guard stat(file, &info) == 0 else { return [0, 0] }
            return [Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)]
        }
    }

    /// A window of a column for a request; `more*` say whether the store has cards beyond it.
    func loadColumn(_ stage: Stage, _ request: ColumnRequest, sort: BoardSort, anchor: Card?, limit: Int) throws -> Msg {
        switch request {
        case .top:
            let page = try store.boardPage(stage: stage, sort: sort, limit: limit + 1)
            return .columnLoaded(stage, request, Array(page.prefix(limit)), moreBefore: false, moreAfter: page.count > limit)
        case .bottom:
            let page = try store.boardPage(stage: stage, sort: sort, direction: .before, limit: limit + 1)
            return .columnLoaded(stage, request, Array(page.suffix(limit)), moreBefore: page.count > limit, moreAfter: false)
        case .after:
            let page = try store.boardPage(stage: stage, sort: sort, from: anchor, direction: .after, limit: limit + 1)
            return .columnLoaded(stage, request, Array(page.prefix(limit)), moreBefore: true, moreAfter: page.count > limit)
        case .before:
            let page = try store.boardPage(stage: stage, sort: sort, from: anchor, direction: .before, limit: limit + 1)
            return .columnLoaded(stage, request, Array(page.suffix(limit)), moreBefore: page.count > limit, moreAfter: true)
        case let .around(id):
            guard let card = try? store.card(id), card.stage == stage else {
                return try loadColumn(stage, .top, sort: sort, anchor: nil, limit: limit)
            }
            let half = max(1, limit / 2)
            let before = try store.boardPage(stage: stage, sort: sort, from: card, direction: .before, limit: half + 1)
            let after = try store.boardPage(stage: stage, sort: sort, from: card, direction: .after, limit: half + 1)
            return .columnLoaded(stage, request, before.suffix(half) + [card] + after.prefix(half),
                                 moreBefore: before.count > half, moreAfter: after.count > half)
        }
    }

    /// Everything the candidate screen shows: a bounded page of the timeline, never all of it.
    func detail(_ id: Int64) throws -> CandidateDetail {
        let candidate = try store.candidate(id)
        let touches = try store.touches(of: id, limit: 201)
        let referrer = try candidate.referredBy.flatMap { try store.candidateIfExists($0)?.fullName }
        return CandidateDetail(candidate: candidate, touches: Array(touches.prefix(200)), moreTouches: touches.count > 200,
                               futureRoles: try store.futureRoles(of: id), stages: try store.stageHistory(id),
                               referrerName: referrer, engagement: try store.engagementScore(of: id, at: clock()),
                               fittingOpenings: try store.openingsFitting(candidate: id, now: clock().now).map(FittingOpening.init))
    }
}

extension String {
    func capitalized(first: Bool) -> String { prefix(1).uppercased() + dropFirst() }
}

/// 1,204: thousands grouped, as the board shows counts.
private func grouped(_ n: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = ","
    formatter.usesGroupingSeparator = true
    return formatter.string(from: NSNumber(value: n)) ?? "\(n)"
}
