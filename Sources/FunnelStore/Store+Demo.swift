import Foundation
import FunnelCore
import GRDB

/// The demo store: `sample-data/desk.json` loaded into a file of its own, never over a real desk.
extension Store {
    /// The `meta` key that marks a store built by `funnel demo`; only such a file is ever replaced.
    public static let demoMetaKey = "demo"

    /// Whether the file at `path` is a store that `buildDemo` wrote (and so may be replaced).
    public static func isDemoStore(at path: String) -> Bool {
        guard let peek = peek(path) else { return false }
        return peek.applicationID == Schema.applicationID && peek.demoMark == "1"
    }

    /// Builds the demo store at `path`: refuses when something other than a previous demo store
    /// is there (a real desk is never clobbered, whatever the options), builds the new store in
    /// a temporary file of the same folder, and renames it over the old one, so the path holds
    /// either the old demo or the complete new one, never half a desk.
    @discardableResult
    public static func buildDemo(at path: String, from desk: DemoDesk, moment: Moment) throws -> DemoSummary {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue {
                throw FunnelError.refused("\(path) is a folder; give the demo store a file path with --db")
            }
            guard isDemoStore(at: path) else {
                throw FunnelError.refused(
                    "\(path) exists and is not a demo store built by funnel demo, so it is left untouched; choose another path with --db")
            }
        }
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        try createOwnerOnly(folder: folder)
        let temp = folder.appendingPathComponent(".\(target.lastPathComponent).building-\(getpid())").path
        removeDatabaseFiles(temp)
        let summary: DemoSummary
        do {
            let store = try Store.open(at: temp)
            summary = try store.loadDemo(desk, moment: moment)
            try store.checkpointAndClose()
        } catch {
            removeDatabaseFiles(temp)
            throw error
        }
        // A -wal or -shm left by the old demo would be replayed over the new file: remove them first.
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            removeDatabaseFiles(temp)
            throw FunnelError.store("cannot put the demo store at \(path): \(reason)")
        }
        syncFolder(folder.path)
        return summary
    }

    /// Loads a demo desk into this store in one transaction: candidates with their stage history,
    /// touches, future roles and tags, then referrals (by key), openings, templates, and the
    /// recruiter and demo marks in `meta`. Every relative date is taken from `moment`. Bad data
    /// (an unknown stage, an invalid email, a referral to a missing key) is one error naming the
    /// candidate, and nothing is written.
    @discardableResult
    public func loadDemo(_ desk: DemoDesk, moment: Moment) throws -> DemoSummary {
        guard desk.format == DemoDesk.supportedFormat else {
            throw FunnelError.invalid("the demo data has format \(desk.format); this funnel reads format \(DemoDesk.supportedFormat)")
        }
        return try write { db in
            var loader = DemoLoader(db: db, moment: moment)
            return try loader.load(desk)
        }
    }

    /// Folds the WAL into the main file and closes every connection, so the file can be moved.
    func checkpointAndClose() throws {
        do {
            try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try writer.close()
        } catch {
            throw FunnelError.store("cannot finish the store \(path ?? ""): \(Store.describe(error))")
        }
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Makes the rename durable (the new directory entry reaches the disk).
    static func syncFolder(_ path: String) {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// The work of `loadDemo` inside its transaction.
private struct DemoLoader {
    let db: Database
    let moment: Moment
    var summary = DemoSummary()

    init(db: Database, moment: Moment) {
        self.db = db
        self.moment = moment
    }

    /// The instant `days` days before the moment of the build.
    func ago(_ days: Int, _ context: String) throws -> Int64 {
        guard days >= 0 else { throw FunnelError.invalid("\(context): days_ago cannot be negative (\(days))") }
        return Rows.seconds(moment.now) - Int64(days) * 86_400
    }

    mutating func load(_ desk: DemoDesk) throws -> DemoSummary {
        var ids: [String: Int64] = [:]
        var referrals: [(id: Int64, key: String, referrer: String)] = []
        for person in desk.candidates {
            let context = "demo candidate \(person.key)"
            guard ids[person.key] == nil else { throw FunnelError.invalid("\(context) appears twice") }
            let id = try insert(person, context: context)
            ids[person.key] = id
            if let referrer = person.referredBy?.nilIfBlank { referrals.append((id, person.key, referrer)) }
        }
        for referral in referrals {
            guard let referrer = ids[referral.referrer] else {
                throw FunnelError.invalid("demo candidate \(referral.key) is referred by \(referral.referrer), which is not in the file")
            }
            guard referrer != referral.id else {
                throw FunnelError.invalid("demo candidate \(referral.key) cannot refer themselves")
            }
            try db.execute(sql: "UPDATE candidate SET referred_by = ? WHERE id = ?", arguments: [referrer, referral.id])
        }
        for opening in desk.openings ?? [] {
            let draft = try OpeningDraft(title: opening.title, location: opening.location ?? "", company: opening.company,
                                         workMode: opening.workMode.map(WorkMode.parse), owner: opening.owner,
                                         notes: opening.notes ?? "").validated()
            let status = try Opening.State.parse(opening.status ?? "open")
            let opened = moment.now.addingTimeInterval(-Double(opening.openedDaysAgo ?? 0) * 86_400)
            _ = try Store.insertOpening(db, draft, status: status, openedAt: opened)
            summary.openings += 1
        }
        var templateNames = Set<String>()
        for template in desk.templates ?? [] {
            guard let name = template.name.nilIfBlank else { throw FunnelError.invalid("a demo template needs a name") }
            guard templateNames.insert(name.lowercased()).inserted else {
                throw FunnelError.invalid("the demo template '\(name)' appears twice")
            }
            guard !template.body.trimmed.isEmpty else { throw FunnelError.invalid("the demo template '\(name)' has an empty body") }
            let channel = try Channel.parse(template.channel)
            try db.execute(sql: "INSERT INTO template (name, channel, subject, body) VALUES (?, ?, ?, ?)",
                           arguments: [name, channel.rawValue, template.subject ?? "", template.body])
            summary.templates += 1
        }
        try setMeta(Store.demoMetaKey, "1")
        try setMeta("demo.built_at", ISO8601DateFormatter().string(from: moment.now))
        if let recruiter = desk.recruiter {
            try setMeta("recruiter.name", recruiter.name)
            if let email = recruiter.email?.nilIfBlank { try setMeta("recruiter.email", try Email.normalize(email)) }
            summary.recruiter = recruiter.name
        }
        return summary
    }

    func setMeta(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// One candidate with everything that hangs off them; returns the new id.
    mutating func insert(_ person: DemoDesk.Person, context: String) throws -> Int64 {
        func within<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as FunnelError {
                throw FunnelError(error.kind, "\(context): \(error.message)")
            }
        }
        let stage = try within { try Stage.parse(person.stage) }
        let status = try within { try Status.parse(person.status) }
        let draft = try within {
            try CandidateDraft(
                firstName: person.firstName, lastName: person.lastName ?? "", email: person.email, phone: person.phone,
                location: person.location, linkedinURL: person.linkedinUrl, title: person.title, company: person.company,
                source: person.source, owner: person.owner, tags: person.tags ?? [], interests: person.interests,
                preferredChannel: try person.preferredChannel.map(Channel.parse), stage: stage, status: status,
                nextFollowUp: person.nextFollowUpInDays.map { moment.today.adding(days: $0) }
            ).validated()
        }
        if draft.status == .doNotContact, draft.nextFollowUp != nil {
            throw FunnelError.invalid("\(context): a candidate marked do not contact cannot have a follow-up date")
        }
        try within { try Store.checkUnique(db, email: draft.email, linkedinURL: draft.linkedinURL, except: nil) }

        let created = try ago(person.createdDaysAgo, context)
        // The stage history, oldest first; a candidate without one entered their stage when created.
        var steps: [(from: Stage?, to: Stage, at: Int64)] = []
        for step in person.stageHistory ?? [] {
            let to = try within { try Stage.parse(step.to) }
            let from = try within { try step.from.map(Stage.parse) }
            let at = try ago(step.daysAgo, context)
            if let last = steps.last, at < last.at {
                throw FunnelError.invalid("\(context): the stage history is not in time order")
            }
            if from == to { throw FunnelError.invalid("\(context): a stage change from \(to.rawValue) to itself") }
            steps.append((from, to, at))
        }
        if steps.isEmpty { steps = [(nil, stage, created)] }
        guard steps.last!.to == stage else {
            throw FunnelError.invalid("\(context): the stage history ends in \(steps.last!.to.rawValue) but the stage is \(stage.rawValue)")
        }

        var touches: [(at: Int64, channel: Channel, direction: Direction, outcome: Outcome?, note: String, template: String?)] = []
        for touch in person.touches ?? [] {
            let channel = try within { try Channel.parse(touch.channel) }
            let direction = try within { try Direction.parse(touch.direction ?? "out") }
            let outcome = try within { try touch.outcome.map(Outcome.parse) }
            let note = touch.note?.trimmed ?? ""
            if channel == .note, note.isEmpty { throw FunnelError.invalid("\(context): a note needs some text") }
            touches.append((try ago(touch.daysAgo, context), channel, direction, outcome, note, touch.template?.nilIfBlank))
        }
        var roles: [(title: String, location: String, remote: Bool, at: Int64)] = []
        for role in person.futureRoles ?? [] {
            let remote = role.remote ?? false
            let checked = try within { try FutureRole.validate(title: role.title, location: role.location ?? "", remote: remote) }
            roles.append((checked.title, checked.location, remote, try ago(role.daysAgo, context)))
        }

        let lastTouch = touches.map(\.at).max()
        let activity = max(created, lastTouch ?? created)
        let updated = ([created, steps.last!.at] + touches.map(\.at) + roles.map(\.at)).max()!
        try db.execute(sql: """
            INSERT INTO candidate (first_name, last_name, email, phone, location, linkedin_url, title, company,
                source, owner, interests, preferred_channel, referred_by, stage, status, created_at, updated_at,
                stage_entered_at, last_touch_at, next_follow_up, activity_at, sort_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                draft.firstName, draft.lastName, draft.email, draft.phone, draft.location, draft.linkedinURL,
                draft.title, draft.company, draft.source, draft.owner, draft.interests, draft.preferredChannel?.rawValue,
                stage.rawValue, status.rawValue, created, updated, steps.last!.at, lastTouch, draft.nextFollowUp?.iso,
                activity, Rows.sortName(first: draft.firstName, last: draft.lastName),
            ])
        let id = db.lastInsertedRowID
        try Store.writeTags(db, id, draft.tags)
        for step in steps {
            try db.execute(sql: "INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)",
                           arguments: [id, step.from?.rawValue, step.to.rawValue, step.at])
        }
        for touch in touches {
            try db.execute(sql: """
                INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note, template) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, touch.at, touch.channel.rawValue, touch.direction.rawValue, touch.outcome?.rawValue,
                                 touch.note, touch.template])
        }
        for role in roles {
            try db.execute(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, role.title, role.location, role.remote, role.at])
        }
        try Store.reindex(db, id)
        try Store.refreshEngagementScore(db, id, at: moment)

        summary.candidates += 1
        summary.touches += touches.count
        summary.futureRoles += roles.count
        summary.stageChanges += steps.count
        if let due = draft.nextFollowUp {
            if due == moment.today { summary.dueToday += 1 } else if due < moment.today { summary.overdue += 1 }
        }
        return id
    }
}
