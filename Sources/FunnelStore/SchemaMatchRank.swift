import GRDB

/// v7: the matches of an opening in rank order, and the Openings list's counts, at a million
/// candidates (docs/performance.md, "Openings and matches").
///
/// - `future_role_rank_city (title_family, is_current, title_level, location_key, asked_at DESC,
///   candidate_id)` and `future_role_rank_remote (title_family, is_current, title_level,
///   accepts remote, asked_at DESC, candidate_id)`: every answer of one family, one level, one
///   place (a city; or open to remote / not) and current or earlier has one base score, and in
///   the index it comes newest first, which is best first (the age only lowers the score). So
///   the matches of an opening are a merge of a few such ranges, read only as far as the list
///   goes (`Store.matchRows`), not the whole family ranked in Swift.
/// - `match_tally (title_family, location_key, remote, n)`: how many current, keyed answers of
///   listable people (status active or not looking) there are per family, city and remote flag,
///   kept by triggers, so an opening's match count is one or a few rows. Rows at zero are
///   deleted: the table never keeps the keys of an erased answer. `funnel check` recounts it.
extension Schema {
    static let matchRankMigrationName = "v7: match rank indexes and tallies"

    static func registerMatchRankMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(matchRankMigrationName) { db in
            try db.execute(sql: matchRankMigration)
        }
    }

    /// The statuses the match count lists (`MatchRule.admits` without placed people).
    static let listedStatuses = "('active', 'not_looking')"

    /// Whether an answer (NEW or OLD) is open to remote work: `AnswerTerms.acceptsRemote`. The
    /// expression of `future_role_rank_remote`; a query must spell it exactly so.
    static func acceptsRemote(_ r: String? = nil) -> String {
        let p = r.map { "\($0)." } ?? ""
        return "(\(p)remote = 1 OR \(p)location_key = 'remote')"
    }

    /// Whether answer `r` counts in `match_tally`: current, keyed, of a listed person.
    static func tallied(_ r: String) -> String {
        """
        (\(r).is_current = 1 AND \(r).title_family IS NOT NULL AND \(r).location_key IS NOT NULL
         AND (SELECT c.status FROM candidate c WHERE c.id = \(r).candidate_id) IN \(listedStatuses))
        """
    }

    static func tallyAdd(_ r: String) -> String {
        """
        INSERT INTO match_tally (title_family, location_key, remote, n)
            SELECT \(r).title_family, \(r).location_key, \(r).remote, 1 WHERE \(tallied(r))
            ON CONFLICT (title_family, location_key, remote) DO UPDATE SET n = n + 1;
        """
    }

    static func tallyRemove(_ r: String) -> String {
        """
        UPDATE match_tally SET n = n - 1
            WHERE \(tallied(r)) AND title_family = \(r).title_family AND location_key = \(r).location_key AND remote = \(r).remote;
        DELETE FROM match_tally
            WHERE title_family = \(r).title_family AND location_key = \(r).location_key AND remote = \(r).remote AND n = 0;
        """
    }

    /// What `match_tally` must hold, recounted from the answers.
    static let expectedMatchTally = """
    SELECT f.title_family, f.location_key, f.remote, count(*) AS n
    FROM future_role f JOIN candidate c ON c.id = f.candidate_id
    WHERE f.is_current = 1 AND f.title_family IS NOT NULL AND f.location_key IS NOT NULL AND c.status IN \(listedStatuses)
    GROUP BY 1, 2, 3
    """

    static let matchRankMigration = """
    CREATE INDEX future_role_rank_city
        ON future_role(title_family, is_current, title_level, location_key, asked_at DESC, candidate_id);
    CREATE INDEX future_role_rank_remote
        ON future_role(title_family, is_current, title_level, \(acceptsRemote()), asked_at DESC, candidate_id);

    CREATE TABLE match_tally (
        title_family TEXT NOT NULL,
        location_key TEXT NOT NULL,
        remote       INTEGER NOT NULL,
        n            INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (title_family, location_key, remote)
    ) WITHOUT ROWID;
    INSERT INTO match_tally (title_family, location_key, remote, n) \(expectedMatchTally);

    CREATE TRIGGER match_tally_after_insert AFTER INSERT ON future_role BEGIN
        \(tallyAdd("NEW"))
    END;
    CREATE TRIGGER match_tally_after_delete AFTER DELETE ON future_role BEGIN
        \(tallyRemove("OLD"))
    END;
    CREATE TRIGGER match_tally_after_update
        AFTER UPDATE OF candidate_id, is_current, title_family, location_key, remote ON future_role BEGIN
        \(tallyRemove("OLD"))
        \(tallyAdd("NEW"))
    END;
    -- A status change in or out of the listed ones moves the person's current answer in or out.
    CREATE TRIGGER match_tally_after_status AFTER UPDATE OF status ON candidate
        WHEN (OLD.status IN \(listedStatuses)) <> (NEW.status IN \(listedStatuses)) BEGIN
        INSERT INTO match_tally (title_family, location_key, remote, n)
            SELECT f.title_family, f.location_key, f.remote, 1 FROM future_role f
            WHERE NEW.status IN \(listedStatuses) AND f.candidate_id = NEW.id AND f.is_current = 1
              AND f.title_family IS NOT NULL AND f.location_key IS NOT NULL
            ON CONFLICT (title_family, location_key, remote) DO UPDATE SET n = n + 1;
        UPDATE match_tally SET n = n - 1
            WHERE NEW.status NOT IN \(listedStatuses) AND (title_family, location_key, remote) IN (
                SELECT f.title_family, f.location_key, f.remote FROM future_role f
                WHERE f.candidate_id = NEW.id AND f.is_current = 1);
        DELETE FROM match_tally
            WHERE n = 0 AND (title_family, location_key, remote) IN (
                SELECT f.title_family, f.location_key, f.remote FROM future_role f
                WHERE f.candidate_id = NEW.id AND f.is_current = 1);
    END;
    -- A deleted candidate's answers go first, while their status can still be read (the
    -- foreign-key cascade would delete them with the candidate already gone).
    CREATE TRIGGER match_tally_before_candidate_delete BEFORE DELETE ON candidate BEGIN
        DELETE FROM future_role WHERE candidate_id = OLD.id;
    END;
    """
}

extension Store {
    /// What `funnel check` finds wrong with `match_tally`: keys whose kept count is not the recount.
    static func matchTallyProblems(_ db: Database) throws -> [String] {
        let expected = Schema.expectedMatchTally, kept = "SELECT title_family, location_key, remote, n FROM match_tally"
        let wrong = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (
                SELECT title_family, location_key, remote FROM (\(expected) EXCEPT \(kept))
                UNION
                SELECT title_family, location_key, remote FROM (\(kept) EXCEPT \(expected)))
            """) ?? 0
        guard wrong > 0 else { return [] }
        return ["\(wrong) match count\(wrong == 1 ? " differs" : "s differ") from a recount of the current answers (match_tally)"]
    }
}
