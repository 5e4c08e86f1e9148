import Foundation
import FunnelCore
import GRDB

extension Store {
    /// Imports a CSV file (see docs/import-export.md): header mapping, per-row validation,
    /// duplicates by normalised email or LinkedIn profile against the store and earlier rows.
    ///
    /// The whole file is one transaction. It is committed only when the import is acceptable
    /// (no header problem; no row error, or `skipInvalid`) and this is not a dry run; otherwise
    /// it is rolled back, so a dry run runs exactly the code of a real import and writes nothing.
    /// File-level problems (unreadable, empty, not UTF-8, broken quoting) throw before any write.
    public func importCSV(path: String, options: ImportOptions, at now: Date) throws -> ImportReport {
        try importCSV(CSVSource(path: path, encoding: options.encoding, delimiter: options.delimiter,
                                isKnownColumn: Store.isKnownColumn(options)), options: options, at: now)
    }

    /// The same, from bytes in memory; `name` is the file name used in messages.
    public func importCSV(data: Data, name: String, options: ImportOptions, at now: Date) throws -> ImportReport {
        try importCSV(CSVSource(data: data, name: name, encoding: options.encoding, delimiter: options.delimiter,
                                isKnownColumn: Store.isKnownColumn(options)), options: options, at: now)
    }

    /// Whether a header cell names a column the import reads: a field's name or synonym, or a
    /// column named by `--map` or `--ignore` (delimiter detection).
    static func isKnownColumn(_ options: ImportOptions) -> (String) -> Bool {
        let named = Set((options.overrides.map(\.column) + options.ignored).map(ImportField.key))
        return { cell in ImportField.recognise(cell) != nil || named.contains(ImportField.key(cell)) }
    }

    func importCSV(_ source: CSVSource, options: ImportOptions, at now: Date) throws -> ImportReport {
        var header: (line: Int, cells: [String])?
        try source.forEachRecord { line, cells in
            if ImportRecord.isBlank(cells) { return true }
            header = (line, cells)
            return false
        }
        guard let header else { throw FunnelError.invalid("\(source.name): the file is empty") }
        let mapping = HeaderMapping.resolve(header: header.cells, overrides: options.overrides, ignored: options.ignored)
        var report = ImportReport(file: source.name, headerLine: header.line, headerProblems: mapping.problems,
                                  mapping: mapping, outcomes: [], dryRun: options.dryRun,
                                  skipInvalid: options.skipInvalid, committed: false, delimiter: source.delimiter)
        if !source.choice.decided && !mapping.problems.isEmpty {
            report.headerProblems.append(
                "the header line holds \(source.choice.countsText) outside quotes and none of them splits it into known column names, so it was read as separated by \(source.delimiter.label): if that is wrong, give --delimiter ',', --delimiter ';' or --delimiter tab")
        }
        do {
            try writer.writeWithoutTransaction { db in
                // A large import touches many pages; a page cache of up to 256 MiB (used only as
                // filled) keeps them from being spilled to the WAL and rewritten before the commit:
                // 100,000 rows took 6-7 s instead of 9-11 s. Each INSERT opens a statement journal
                // (the count triggers): kept in memory, not in a temporary file.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
                try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize); PRAGMA temp_store = \(tempStore)") }
                try db.inTransaction(.immediate) {
                    var importer = try Importer(db: db, mapping: mapping, options: options, now: now, fileName: source.name)
                    // Without a name column every row would fail the same way: the header says it once.
                    if mapping.has(.firstName) || mapping.has(.fullName) {
                        let pipeline = RowPipeline(source: source, headerLine: header.line, mapping: mapping,
                                                   defaults: options.defaults, now: now)
                        do {
                            while let batch = try pipeline.next() {
                                try importer.prefetch(batch)
                                for row in batch { try importer.process(row) }
                            }
                        } catch {
                            pipeline.cancel()
                            throw error
                        }
                    }
                    try importer.flushPending()
                    try importer.resolveReferrals()
                    report.outcomes = importer.outcomes
                    if report.outcomes.isEmpty && mapping.problems.isEmpty {
                        report.headerProblems.append("the file has a header line but no rows to import")
                    }
                    report.committed = !options.dryRun && report.acceptable
                    if report.committed {
                        try Store.keyMatchTerms(db, vocabulary: matchVocabulary)
                        // The people whose log the file added to (marked by the v8 trigger) get
                        // their stored re-engagement start in the same transaction.
                        try Store.settleDirtyCadences(db)
                    }
                    return report.committed ? .commit : .rollback
                }
            }
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store(Store.describe(error))
        }
        return report
    }
}

/// The work of one import inside its transaction: prepared statements reused for every row,
/// what each candidate brings (tags, touches, search document...) written in batches, one
/// transaction for the whole file.
struct Importer {
    let db: Database
    let mapping: HeaderMapping
    let options: ImportOptions
    let now: Date
    let fileName: String
    var outcomes: [ImportOutcome] = []
    /// The file's `id` values → the candidates they became (for `referred_by`).
    var bySourceID: [Int64: Int64] = [:]
    /// Candidates added by this import → the line that added them (named in later merges).
    var addedAt: [Int64: Int] = [:]
    /// Referrals to resolve once every row is in: (outcome index, candidate, referrer's file id).
    var referrals: [(outcome: Int, candidate: Int64, source: Int64)] = []
    /// Added candidates' own rows, written a few hundred per statement (`flushPending`): one
    /// INSERT per candidate cost 47 µs, most of it the statement's fixed cost (a statement journal
    /// copy of every index page it touches), four times what the same rows cost in a batch.
    var pendingCandidates = BatchedInsert(table: "candidate", columns: [
        "id", "first_name", "last_name", "email", "phone", "location", "linkedin_url", "title", "company",
        "source", "owner", "interests", "preferred_channel", "referred_by", "stage", "status", "created_at", "updated_at",
        "stage_entered_at", "last_touch_at", "next_follow_up", "activity_at", "sort_name", "cadence_start",
    ])
    /// Who holds each email and LinkedIn profile: the store (asked once per batch of rows read),
    /// the candidates waiting in `pendingCandidates` and what merges filled.
    var emails = DuplicateKeys(column: "email")
    var linkedIns = DuplicateKeys(column: "linkedin_url")
    /// The largest candidate id in the store and this import so far: the next added candidate
    /// gets the one after it, as SQLite would choose for a row inserted without an id.
    var maxID: Int64
    /// What added candidates bring besides their own row, written in batches (`flushPending`).
    var pendingTags = BatchedInsert(table: "candidate_tag", columns: ["candidate_id", "tag", "position"])
    var pendingStages = BatchedInsert(table: "stage_change", columns: ["candidate_id", "from_stage", "to_stage", "at"])
    var pendingRoles = BatchedInsert(table: "future_role", columns: ["candidate_id", "title", "location", "remote", "asked_at"])
    var pendingTouches = BatchedInsert(table: "touchpoint",
                                       columns: ["candidate_id", "at", "channel", "direction", "outcome", "note", "template"])
    /// Search documents of added candidates, written last in each batch.
    var pendingDocuments: [(id: Int64, body: String)] = []
    /// Candidates changed by a merge, whose documents are rebuilt at the next batch.
    var staleDocuments: Set<Int64> = []
    /// How many added candidates wait before their batch is written.
    static let batchSize = 5_000
    /// The re-engagement rules the stored cadence starts are kept for (v8), if recorded: an added
    /// candidate's start is computed from the touches they bring and written with their row, so
    /// the import needs no trigger marking them and no second pass settling them.
    let cadenceRules: Store.CadenceRules?

    let idTaken: Statement
    let insertRole: Statement
    let insertTouch: Statement
    let sameNote: Statement
    let sameTouch: Statement
    let touchUpdate: Statement

    init(db: Database, mapping: HeaderMapping, options: ImportOptions, now: Date, fileName: String) throws {
        self.db = db
        self.fileName = fileName
        self.mapping = mapping
        self.options = options
        self.now = now
        idTaken = try db.cachedStatement(sql: "SELECT 1 FROM candidate WHERE id = ?")
        maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM candidate") ?? 0
        cadenceRules = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Store.cadenceRulesKey])
            .flatMap(Store.CadenceRules.init(recorded:))
        insertRole = try db.cachedStatement(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, ?, ?)")
        insertTouch = try db.cachedStatement(sql: """
            INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note, template) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        sameNote = try db.cachedStatement(sql: "SELECT 1 FROM touchpoint WHERE candidate_id = ? AND channel = 'note' AND note = ?")
        sameTouch = try db.cachedStatement(sql: """
            SELECT 1 FROM touchpoint WHERE candidate_id = ? AND at = ? AND channel = ? AND direction = ? AND note = ?
            """)
        touchUpdate = try db.cachedStatement(sql: """
            UPDATE candidate SET last_touch_at = max(coalesce(last_touch_at, ?), ?), activity_at = max(activity_at, ?) WHERE id = ?
            """)
    }

    /// Reads, checks and writes one row. A row that cannot be read is reported and the import
    /// goes on; a write the store refuses (a bug, since rows are checked first) stops the import.
    ///
    /// No savepoint per row: a savepoint makes FTS5 flush its pending terms into a new index
    /// segment every row, which made a 100,000-row import ten times slower.
    mutating func process(_ row: ReadRow) throws {
        let line = row.line
        let prepared: PreparedRow
        switch row.record {
        case let .success(read):
            prepared = read
        case let .failure(error):
            outcomes.append(ImportOutcome(line: line, action: .error, candidateID: nil, name: "", detail: error.message))
            return
        }
        let record = prepared.record
        let name = prepared.name
        do {
            let emailMatch = record.draft.email.flatMap(emails.holder(of:))
            let linkedInMatch = record.draft.linkedinURL.flatMap(linkedIns.holder(of:))
            // A duplicate is named from the store (`reference`) and may be merged: write what waits.
            if emailMatch != nil || linkedInMatch != nil { try flushPending() }
            if let a = emailMatch, let b = linkedInMatch, a != b {
                outcomes.append(ImportOutcome(
                    line: line, action: .error, candidateID: nil, name: name,
                    detail: "the email matches \(try reference(a)) but the LinkedIn profile matches \(try reference(b)): merge them by hand first"))
                return
            }
            if let existing = emailMatch ?? linkedInMatch {
                let why = emailMatch != nil ? "same email" : "same LinkedIn profile"
                switch options.onDuplicate {
                case .skip:
                    outcomes.append(ImportOutcome(line: line, action: .skip, candidateID: existing, name: name,
                                                  detail: "duplicate of \(try reference(existing)) (\(why))"))
                case .error:
                    outcomes.append(ImportOutcome(line: line, action: .error, candidateID: existing, name: name,
                                                  detail: "\(name) is a duplicate of \(try reference(existing)) (\(why)); --on-duplicate merge or skip to accept it"))
                case .merge:
                    let (detail, warnings) = try merge(record, into: existing, why: why)
                    if let source = record.sourceID, bySourceID[source] == nil { bySourceID[source] = existing }
                    if let referrer = record.referredBySourceID { referrals.append((outcomes.count, existing, referrer)) }
                    outcomes.append(ImportOutcome(line: line, action: .merge, candidateID: existing, name: name,
                                                  detail: detail, warnings: warnings))
                }
                return
            }
            let id = try add(prepared)
            addedAt[id] = line
            if let source = record.sourceID { bySourceID[source] = id }
            if let referrer = record.referredBySourceID { referrals.append((outcomes.count, id, referrer)) }
            outcomes.append(ImportOutcome(line: line, action: .add, candidateID: id, name: name, detail: ""))
        } catch {
            throw FunnelError.store("\(fileName):\(line): the store refused this row, so nothing was imported: \(message(error))")
        }
    }

    /// Asks the store, for a batch of rows read, who holds their emails and profiles (before any
    /// of them is processed).
    mutating func prefetch(_ batch: [ReadRow]) throws {
        var batchEmails: [String] = [], batchLinkedIns: [String] = []
        for row in batch {
            guard case let .success(prepared) = row.record else { continue }
            if let email = prepared.record.draft.email { batchEmails.append(email) }
            if let linkedIn = prepared.record.draft.linkedinURL { batchLinkedIns.append(linkedIn) }
        }
        try emails.prefetch(batchEmails, db)
        try linkedIns.prefetch(batchLinkedIns, db)
    }

    /// "#12 Jane Doe", or "Jane Doe (line 4)" for a candidate this import added.
    func reference(_ id: Int64) throws -> String {
        let row = try Row.fetchOne(db, sql: "SELECT first_name, last_name FROM candidate WHERE id = ?", arguments: [id])
        let first: String = row?["first_name"] ?? "", last: String = row?["last_name"] ?? ""
        let name = last.isEmpty ? first : "\(first) \(last)"
        // Added by this file: named by its line (its id exists only if the import commits).
        if let line = addedAt[id] { return "\(name) (line \(line))" }
        return "#\(id) \(name)"
    }

    func message(_ error: Error) -> String {
        if let error = error as? FunnelError { return error.message }
        return Store.describe(error)
    }

    // MARK: Adding

    /// Queues one candidate with their tags, funnel entry, future role, touches and search
    /// document for the next batch, and returns the id they get (this is the hot path).
    mutating func add(_ prepared: PreparedRow) throws -> Int64 {
        let record = prepared.record
        let d = record.draft
        let t = Rows.seconds(now)
        let created = record.createdAt.map(Rows.seconds) ?? t
        let entered = record.stageEnteredAt.map(Rows.seconds) ?? created
        let touches = prepared.touches
        let lastTouch = touches.map { Rows.seconds($0.at) }.max()
        var explicitID: Int64?
        if let source = record.sourceID, bySourceID[source] == nil, addedAt[source] == nil,
           try Int.fetchOne(idTaken, arguments: [source]) == nil {
            explicitID = source
        }
        let id: Int64
        if let explicitID {
            id = explicitID
        } else {
            guard maxID < Int64.max else { throw FunnelError.store("no candidate id is left after \(maxID)") }
            id = maxID + 1
        }
        maxID = max(maxID, id)
        pendingCandidates.append([
            id, d.firstName, d.lastName, d.email, d.phone, d.location, d.linkedinURL, d.title, d.company,
            d.source, d.owner, d.interests, d.preferredChannel?.rawValue, nil, d.stage.rawValue, d.status.rawValue,
            created, t, entered, lastTouch, d.nextFollowUp?.iso, max(created, lastTouch ?? created), prepared.sortName,
            cadenceStart(touches, createdAt: created),
        ])
        if let email = d.email { emails.added(email, id) }
        if let linkedIn = d.linkedinURL { linkedIns.added(linkedIn, id) }
        for (position, tag) in d.tags.enumerated() {
            pendingTags.append([id, tag, position])
        }
        pendingStages.append([id, nil, d.stage.rawValue, entered])
        if let role = record.futureRole {
            pendingRoles.append([id, role.title, role.location, role.remote, Rows.seconds(role.askedAt ?? now)])
        }
        for touch in touches {
            pendingTouches.append([id, Rows.seconds(touch.at), touch.channel.rawValue, touch.direction.rawValue,
                                   touch.outcome?.rawValue, touch.note, touch.template])
        }
        pendingDocuments.append((id, prepared.document))
        if pendingDocuments.count >= Importer.batchSize { try flushPending() }
        return id
    }

    /// The stored re-engagement start of an added candidate with these touches (nil when the rules
    /// are not recorded): what `Store.settleDirtyCadences` would compute from their log, read newest
    /// first (by time, then by id, i.e. the order the touches are inserted in).
    func cadenceStart(_ touches: [TouchDraft], createdAt: Int64) -> Int64? {
        guard let cadenceRules, !touches.isEmpty else { return nil }
        let newestFirst = touches.enumerated()
            .sorted { (Rows.seconds($0.element.at), $0.offset) > (Rows.seconds($1.element.at), $1.offset) }
            .map { TouchFact(at: Rows.date(Rows.seconds($0.element.at)), channel: $0.element.channel,
                             direction: $0.element.direction, outcome: $0.element.outcome) }
        return ReengagementCadence.start(newestFirst: newestFirst, createdAt: Rows.date(createdAt), rules: cadenceRules.rules,
                                         timeZone: cadenceRules.timeZone).map(Rows.seconds)
    }

    /// Writes what waits: tags, funnel entries, future roles and touches, then the search
    /// documents, then rebuilds the documents of merged candidates. Search documents go last and
    /// together because FTS5 flushes its pending terms into a new index segment whenever another
    /// statement opens a statement savepoint (every INSERT into candidate does, for its
    /// triggers): one document per row wrote a segment per row, five times slower.
    ///
    /// The added candidates' rows go in as one `ImportBatch` (v10): the per-row count, tally and
    /// stage-path triggers stand aside and the batch's counters are added set-wise after.
    mutating func flushPending() throws {
        if !pendingCandidates.isEmpty {
            let batch = try ImportBatch.open(db)
            try pendingCandidates.flush(db)
            try pendingTags.flush(db)
            try pendingStages.flush(db)
            try pendingRoles.flush(db)
            try pendingTouches.flush(db)
            try batch.close(db)
        }
        emails.written()
        linkedIns.written()
        for (id, body) in pendingDocuments where !staleDocuments.contains(id) {
            try SearchIndex.insert(db, id: id, body: body)
        }
        for id in staleDocuments.sorted() { try Store.reindex(db, id) }
        pendingDocuments.removeAll(keepingCapacity: true)
        staleDocuments.removeAll()
    }

    // MARK: Merging

    /// Merges a row into an existing candidate under the merge policy; returns what was done
    /// and the conflicts as warnings.
    mutating func merge(_ record: ImportRecord, into id: Int64, why: String) throws -> (String, [String]) {
        // The candidate may have been added by this import: read it with everything it brought.
        try flushPending()
        let existing = try Store.fetchCandidate(db, id)
        let plan = MergePlan.plan(existing: existing, currentRole: try Store.futureRoles(db, id).first, incoming: record)
        var done: [String] = []
        var reindex = false
        if plan.changesProfile {
            let d = plan.draft
            try db.execute(sql: """
                UPDATE candidate SET last_name = ?, email = ?, phone = ?, location = ?, linkedin_url = ?, title = ?,
                    company = ?, source = ?, owner = ?, interests = ?, preferred_channel = ?, next_follow_up = ?,
                    updated_at = max(updated_at, ?), sort_name = ?
                WHERE id = ?
                """, arguments: [
                    d.lastName, d.email, d.phone, d.location, d.linkedinURL, d.title, d.company, d.source, d.owner,
                    d.interests, d.preferredChannel?.rawValue, d.nextFollowUp?.iso, Rows.seconds(now),
                    Rows.sortName(first: d.firstName, last: d.lastName), id,
                ])
            try Store.writeTags(db, id, d.tags)
            if let email = d.email { emails.filled(email, id) }
            if let linkedIn = d.linkedinURL { linkedIns.filled(linkedIn, id) }
            reindex = true
            if !plan.filled.isEmpty { done.append("filled \(plan.filled.map(\.rawValue).joined(separator: ", "))") }
            if !plan.addedTags.isEmpty { done.append("added tag\(plan.addedTags.count == 1 ? "" : "s") \(plan.addedTags.joined(separator: ", "))") }
        }
        if plan.addsFutureRole, let role = record.futureRole {
            try insertRole.execute(arguments: [id, role.title, role.location, role.remote, Rows.seconds(role.askedAt ?? now)])
            done.append("added the future role")
            reindex = true
        }
        var touches: [TouchDraft] = []
        var repeated = 0
        if let touch = record.lastTouch {
            if try Int.fetchOne(sameTouch, arguments: [id, Rows.seconds(touch.at), touch.channel.rawValue,
                                                      touch.direction.rawValue, touch.note]) == nil {
                touches.append(touch)
                done.append("added the last touch")
            } else {
                repeated += 1
            }
        }
        var notes = 0
        for note in record.notes {
            if try Int.fetchOne(sameNote, arguments: [id, note]) == nil {
                touches.append(TouchDraft.note(note, at: now))
                notes += 1
            } else {
                repeated += 1
            }
        }
        if notes > 0 { done.append("added \(notes) note\(notes == 1 ? "" : "s")") }
        for touch in touches {
            let at = Rows.seconds(touch.at)
            try insertTouch.execute(arguments: [id, at, touch.channel.rawValue, touch.direction.rawValue,
                                                touch.outcome?.rawValue, touch.note, touch.template])
            try touchUpdate.execute(arguments: [at, at, at, id])
            reindex = true
        }
        if repeated > 0 { done.append("\(repeated) touch\(repeated == 1 ? "" : "es") already logged") }
        if reindex { staleDocuments.insert(id) }
        let warnings = plan.conflicts.map { conflict in
            "keeps \(conflict.field.rawValue) '\(conflict.kept)' (the file says '\(conflict.offered)')"
        }
        let target = try reference(id)
        return ("into \(target) (\(why)): \(done.isEmpty ? "nothing new" : done.joined(separator: "; "))", warnings)
    }

    // MARK: Referrals

    /// Links `referred_by` once every row is in (a referrer may come later in the file). A
    /// referrer not in the file is reported, never guessed; an existing referral is kept.
    mutating func resolveReferrals() throws {
        for (index, candidate, source) in referrals {
            guard let referrer = bySourceID[source] else {
                outcomes[index].warnings.append("the referrer with id \(source) is not in the file; the referral is not imported")
                continue
            }
            guard referrer != candidate else {
                outcomes[index].warnings.append("a candidate cannot refer themselves; the referral is not imported")
                continue
            }
            try db.execute(sql: "UPDATE candidate SET referred_by = ? WHERE id = ? AND referred_by IS NULL",
                           arguments: [referrer, candidate])
        }
    }
}
