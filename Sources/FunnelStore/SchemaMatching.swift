import FunnelCore
import GRDB

/// v6: openings matched against future-role answers (docs/rules.md, "Openings and matches").
///
/// - `future_role.title_family`, `title_level`, `location_key`: the answer's match keys
///   (`MatchVocabulary`), NULL until keyed. The store keys every NULL row at the end of each
///   write transaction (`Store.keyMatchTerms`), so every path that writes an answer (forms,
///   quick log, import, demo, raw SQL repaired on the next write) is covered by one rule;
///   `funnel check` recomputes them.
/// - `future_role.is_current`: 1 on each candidate's latest answer, kept by triggers, so
///   "current answers of this family in this city" is one index range.
/// - `opening`: work mode, owner, notes, the dates it was opened, edited and closed, the placed
///   candidate, and the same keys.
/// - `touchpoint.opening_id`: the opening a touch was about, so a match shows who was reached
///   and what they said.
extension Schema {
    static let matchingMigrationName = "v6: openings and matches"

    static func registerMatchingMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(matchingMigrationName) { db in
            try db.execute(sql: matchingMigration)
            try Store.rekeyMatchTerms(db, vocabulary: .standard)
        }
    }

    /// The latest answer of candidate `id` (an SQL expression).
    static func latestRoleID(_ id: String) -> String {
        "(SELECT p.id FROM future_role p WHERE p.candidate_id = \(id) ORDER BY p.asked_at DESC, p.id DESC LIMIT 1)"
    }

    static let matchingMigration = """
    ALTER TABLE future_role ADD COLUMN title_family TEXT;
    ALTER TABLE future_role ADD COLUMN title_level TEXT;
    ALTER TABLE future_role ADD COLUMN location_key TEXT;
    ALTER TABLE future_role ADD COLUMN is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1));
    UPDATE future_role SET is_current = (id = \(latestRoleID("future_role.candidate_id")));
    -- Current answers by family and city: the matches of an onsite or hybrid opening are one
    -- range, a remote opening's the family's range.
    CREATE INDEX future_role_current_by_key ON future_role(title_family, location_key) WHERE is_current = 1;
    -- Every answer by family, for --include-earlier.
    CREATE INDEX future_role_by_key ON future_role(title_family, location_key);
    -- What the end of each write transaction keys.
    CREATE INDEX future_role_unkeyed ON future_role(id) WHERE title_family IS NULL;

    CREATE TRIGGER future_role_current_after_insert AFTER INSERT ON future_role BEGIN
        UPDATE future_role SET is_current = (id = \(latestRoleID("NEW.candidate_id")))
            WHERE candidate_id = NEW.candidate_id AND is_current <> (id = \(latestRoleID("NEW.candidate_id")));
    END;
    CREATE TRIGGER future_role_current_after_delete AFTER DELETE ON future_role BEGIN
        UPDATE future_role SET is_current = (id = \(latestRoleID("OLD.candidate_id")))
            WHERE candidate_id = OLD.candidate_id AND is_current <> (id = \(latestRoleID("OLD.candidate_id")));
    END;
    CREATE TRIGGER future_role_current_after_update AFTER UPDATE OF candidate_id, asked_at ON future_role BEGIN
        UPDATE future_role SET is_current = (id = \(latestRoleID("OLD.candidate_id")))
            WHERE candidate_id = OLD.candidate_id AND is_current <> (id = \(latestRoleID("OLD.candidate_id")));
        UPDATE future_role SET is_current = (id = \(latestRoleID("NEW.candidate_id")))
            WHERE candidate_id = NEW.candidate_id AND is_current <> (id = \(latestRoleID("NEW.candidate_id")));
    END;
    -- A changed title or place must be keyed again.
    CREATE TRIGGER future_role_rekey_after_update AFTER UPDATE OF title, location ON future_role BEGIN
        UPDATE future_role SET title_family = NULL WHERE id = NEW.id;
    END;

    ALTER TABLE opening ADD COLUMN work_mode TEXT NOT NULL DEFAULT 'onsite' CHECK (work_mode IN ('onsite','hybrid','remote'));
    ALTER TABLE opening ADD COLUMN owner TEXT;
    ALTER TABLE opening ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    ALTER TABLE opening ADD COLUMN updated_at INTEGER;
    ALTER TABLE opening ADD COLUMN closed_at INTEGER;
    ALTER TABLE opening ADD COLUMN placed_candidate_id INTEGER REFERENCES candidate(id) ON DELETE SET NULL;
    ALTER TABLE opening ADD COLUMN title_family TEXT;
    ALTER TABLE opening ADD COLUMN title_level TEXT;
    ALTER TABLE opening ADD COLUMN location_key TEXT;
    UPDATE opening SET work_mode = 'remote' WHERE lower(trim(location)) IN ('remote', 'anywhere', 'worldwide', '');
    UPDATE opening SET updated_at = created_at;
    UPDATE opening SET closed_at = created_at WHERE status IN ('filled', 'closed');
    CREATE INDEX opening_by_key ON opening(status, title_family);
    CREATE TRIGGER opening_rekey_after_update AFTER UPDATE OF title, location ON opening BEGIN
        UPDATE opening SET title_family = NULL WHERE id = NEW.id;
    END;

    ALTER TABLE touchpoint ADD COLUMN opening_id INTEGER REFERENCES opening(id) ON DELETE SET NULL;
    CREATE INDEX touchpoint_by_opening ON touchpoint(opening_id, candidate_id, at) WHERE opening_id IS NOT NULL;
    """
}

extension Store {
    /// The `meta` key that records which vocabulary made the stored keys.
    static let vocabularyMetaKey = "match_vocabulary"

    /// Keys every answer and opening not keyed yet. Called at the end of every write transaction:
    /// a probe of a partial index when nothing is to do.
    static func keyMatchTerms(_ db: Database, vocabulary: MatchVocabulary) throws {
        // A store not yet migrated to v6 (written by tests as an older Funnel did) has no keys.
        // GRDB caches the columns per schema version: this costs no query.
        guard try db.columns(in: "future_role").contains(where: { $0.name == "title_family" }) else { return }
        let roles = try Row.fetchAll(db, sql: "SELECT id, title, location FROM future_role WHERE title_family IS NULL")
        if !roles.isEmpty {
            let update = try db.cachedStatement(sql: "UPDATE future_role SET title_family = ?, title_level = ?, location_key = ? WHERE id = ?")
            for row in roles {
                let title = vocabulary.titleKey(row["title"]), place = vocabulary.locationKey(row["location"])
                try update.execute(arguments: [title.family, title.level, place, row["id"] as Int64])
            }
        }
        let openings = try Row.fetchAll(db, sql: "SELECT id, title, location FROM opening WHERE title_family IS NULL")
        for row in openings {
            let title = vocabulary.titleKey(row["title"]), place = vocabulary.locationKey(row["location"])
            try db.execute(sql: "UPDATE opening SET title_family = ?, title_level = ?, location_key = ? WHERE id = ?",
                           arguments: [title.family, title.level, place, row["id"] as Int64])
        }
    }

    /// Drops every key and keys everything again with `vocabulary`, recording its fingerprint.
    static func rekeyMatchTerms(_ db: Database, vocabulary: MatchVocabulary) throws {
        try db.execute(sql: "UPDATE future_role SET title_family = NULL WHERE title_family IS NOT NULL")
        try db.execute(sql: "UPDATE opening SET title_family = NULL WHERE title_family IS NOT NULL")
        try keyMatchTerms(db, vocabulary: vocabulary)
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [vocabularyMetaKey, vocabulary.fingerprint])
    }

    /// This store, matching with `vocabulary` (the standard one extended by config.toml). When the
    /// stored keys were made with another vocabulary, they are all rebuilt first, in one
    /// transaction (about a second per 100,000 answers).
    public func matching(with vocabulary: MatchVocabulary) throws -> Store {
        var store = self
        store.matchVocabulary = vocabulary
        let stored = try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Store.vocabularyMetaKey]) }
        if stored != vocabulary.fingerprint {
            try store.write { db in try Store.rekeyMatchTerms(db, vocabulary: vocabulary) }
        }
        return store
    }

    /// What `funnel check` finds wrong with the match keys: answers or openings whose stored keys
    /// are not what the vocabulary makes of their text, and candidates whose current answer is
    /// not their latest. (A scan: check reads everything anyway.)
    static func matchKeyProblems(_ db: Database, vocabulary: MatchVocabulary) throws -> [String] {
        var problems: [String] = []
        for (table, noun) in [("future_role", "future role"), ("opening", "opening")] {
            var wrong: [Int64] = []
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT id, title, location, title_family, title_level, location_key FROM \(table)")
            while let row = try rows.next() {
                let title = vocabulary.titleKey(row["title"]), place = vocabulary.locationKey(row["location"])
                if row["title_family"] as String? != title.family || row["title_level"] as String? != title.level
                    || row["location_key"] as String? != place {
                    count += 1
                    if wrong.count < 5 { wrong.append(row["id"]) }
                }
            }
            if count > 0 {
                problems.append("\(count) \(noun)\(count == 1 ? " has" : "s have") match keys that do not fit their title or location (\(table) id \(wrong.map(String.init).joined(separator: ", "))\(count > wrong.count ? ", ..." : ""))): set their title_family to NULL and the next write keys them again")
            }
        }
        let notCurrent = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM future_role f WHERE f.is_current <> (f.id = \(Schema.latestRoleID("f.candidate_id")))
            """) ?? 0
        if notCurrent > 0 {
            problems.append("\(notCurrent) future role\(notCurrent == 1 ? " is" : "s are") marked current (or not) against the order of the answers")
        }
        let stamped = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [vocabularyMetaKey])
        if stamped != vocabulary.fingerprint {
            problems.append("the match keys were made with another vocabulary (config.toml [matching] changed): opening the store with the current config re-keys them")
        }
        return problems
    }
}
