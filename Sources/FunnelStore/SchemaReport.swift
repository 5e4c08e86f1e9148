import GRDB

/// Migration "v4: report indexes": what the funnel overview (Store+Report.swift) reads so that
/// every figure is a short index range read at 1,000,000 candidates and 5,000,000 touches.
///
/// Indexes alone are not enough at that size (measured: reply rates over the 90-day window took
/// seconds, touches per week ~1 s, time in stage and conversion ~0.3 s each), so, like
/// `stage_count` in v1, a few small tables are kept in step with every write by triggers:
/// - `stage_path`: one row per stage change with the facts conversion and time in stage need
///   (the previous entry into the same stage, when a later stage was first reached, the length
///   of the stay the change ended).
/// - `touch_tally` (+ `touch_answered`): touches per UTC hour, channel, direction and template,
///   with how many outbound ones got an answer (docs/rules.md, "Reply rate").
/// - `future_role_title_tally`, `future_role_location_tally`: current answers per raw title and
///   location.
/// None of them holds a name or a note; erasing a candidate removes their contribution through
/// the same triggers (foreign-key cascades fire them).
extension Schema {
    static let reportMigrationName = "v4: report indexes"

    static func registerReportMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(reportMigrationName) { db in
            try db.execute(sql: reportMigration)
        }
    }

    /// The outcomes that are an answer (`Outcome.isResponse`; a test keeps the two equal).
    static let answerOutcomes = "('replied', 'interested', 'not_now', 'declined')"

    /// The reply window: 14 days, in seconds.
    static let replyWindow = 14 * 86_400

    /// The UTC hour an instant falls in (floor division, right for instants before 1970 too).
    static func hour(_ seconds: String) -> String {
        "(((\(seconds)) - ((((\(seconds)) % 3600) + 3600) % 3600)) / 3600)"
    }

    /// A stage's position in the funnel, 0 (awareness) … 4 (advocacy).
    static func rank(_ stage: String) -> String {
        "(CASE \(stage) WHEN 'awareness' THEN 0 WHEN 'consideration' THEN 1 WHEN 'conversion' THEN 2 WHEN 'loyalty' THEN 3 ELSE 4 END)"
    }

    /// Whether touch `t` (a table alias, NEW or OLD) is outbound outreach: a reply rate counts it.
    static func isOutbound(_ t: String) -> String { "(\(t).direction = 'out' AND \(t).channel <> 'note')" }

    /// Whether touch `t` is an answer: inbound, or an outcome that is an answer; never a note.
    static func isAnswer(_ t: String) -> String {
        "(\(t).channel <> 'note' AND (\(t).direction = 'in' OR \(t).outcome IN \(answerOutcomes)))"
    }

    /// Whether outbound touch `o` got an answer: its own outcome is one, or the same candidate
    /// has an answer after it within the reply window.
    static func isAnswered(_ o: String) -> String {
        """
        (coalesce(\(o).outcome IN \(answerOutcomes), 0) OR EXISTS (
            SELECT 1 FROM touchpoint r
            WHERE r.candidate_id = \(o).candidate_id AND r.at >= \(o).at AND r.at <= \(o).at + \(replyWindow)
              AND (r.at, r.id) > (\(o).at, \(o).id) AND \(isAnswer("r"))))
        """
    }

    // MARK: Stage path

    /// The `stage_path` row of each stage change selected by `condition` (alias `s`), in column order.
    static func stagePathSelect(where condition: String) -> String {
        """
        SELECT s.id, s.candidate_id, s.to_stage, \(rank("s.to_stage")), s.from_stage, s.at,
            (SELECT max(p.at) FROM stage_change p
             WHERE p.candidate_id = s.candidate_id AND p.to_stage = s.to_stage AND (p.at, p.id) < (s.at, s.id)),
            (SELECT min(l.at) FROM stage_change l
             WHERE l.candidate_id = s.candidate_id AND \(rank("l.to_stage")) > \(rank("s.to_stage")) AND (l.at, l.id) > (s.at, s.id)),
            s.at - (SELECT p.at FROM stage_change p
                    WHERE p.candidate_id = s.candidate_id AND (p.at, p.id) < (s.at, s.id)
                    ORDER BY p.at DESC, p.id DESC LIMIT 1)
        FROM stage_change s WHERE \(condition)
        """
    }

    static func stagePathRows(where condition: String) -> String {
        """
        INSERT INTO stage_path (change_id, candidate_id, stage, stage_rank, from_stage, at, prev_entry_at, reached_at, stay_seconds)
        \(stagePathSelect(where: condition));
        """
    }

    /// Whether stage_path row `t` is a placement: an entry into loyalty from a pipeline stage.
    static func isPlacement(_ t: String) -> String {
        "(\(t).stage = 'loyalty' AND coalesce(\(t).from_stage IN ('awareness', 'consideration', 'conversion'), 0))"
    }

    /// What `stage_entry_tally` must hold, from `stage_path`.
    static let expectedStageEntryTally = """
    SELECT p.stage, \(hour("p.at")) AS hour, count(*) AS entries, count(p.reached_at) AS reached,
           sum(\(isPlacement("p"))) AS placements
    FROM stage_path p GROUP BY 1, 2
    """

    static let stageEntryTallyBackfill = """
    INSERT INTO stage_entry_tally (stage, hour, entries, reached, placements) \(expectedStageEntryTally);
    """

    /// What the `stage_entry_tally_insert` trigger does for stage_path row NEW (v4; guarded in v10).
    static let stageEntryTallyAdd = """
    INSERT INTO stage_entry_tally (stage, hour, entries, reached, placements)
    VALUES (NEW.stage, \(hour("NEW.at")), 1, NEW.reached_at IS NOT NULL, \(isPlacement("NEW")))
    ON CONFLICT (stage, hour) DO UPDATE
        SET entries = entries + 1, reached = reached + excluded.reached, placements = placements + excluded.placements;
    """

    /// What the `stage_path_insert` trigger does for stage change NEW (v4; guarded in v10).
    static let stagePathAdd = """
    \(stagePathRows(where: "s.id = NEW.id"))
    -- Earlier entries into lower stages are reached by this change (unless reached sooner).
    UPDATE stage_path SET reached_at = NEW.at
    WHERE candidate_id = NEW.candidate_id AND stage_rank < \(rank("NEW.to_stage"))
      AND (at, change_id) < (NEW.at, NEW.id) AND (reached_at IS NULL OR reached_at > NEW.at);
    -- A change recorded out of order (an imported history): the next change's stay and the next
    -- entry into the same stage now start from this one.
    UPDATE stage_path SET stay_seconds = at - NEW.at
    WHERE change_id = (SELECT n.change_id FROM stage_path n
                       WHERE n.candidate_id = NEW.candidate_id AND (n.at, n.change_id) > (NEW.at, NEW.id)
                       ORDER BY n.at, n.change_id LIMIT 1);
    UPDATE stage_path SET prev_entry_at = NEW.at
    WHERE change_id = (SELECT n.change_id FROM stage_path n
                       WHERE n.candidate_id = NEW.candidate_id AND n.stage = NEW.to_stage AND (n.at, n.change_id) > (NEW.at, NEW.id)
                       ORDER BY n.at, n.change_id LIMIT 1);
    """

    static let stagePath = """
    -- One row per stage change (same id). prev_entry_at: when this candidate last entered the same
    -- stage before; reached_at: when they first moved on to a later stage after this change;
    -- stay_seconds: how long the stay this change ended lasted (NULL for the entry into the funnel).
    CREATE TABLE stage_path (
        change_id     INTEGER PRIMARY KEY,
        candidate_id  INTEGER NOT NULL,
        stage         TEXT NOT NULL,
        stage_rank    INTEGER NOT NULL,
        from_stage    TEXT,
        at            INTEGER NOT NULL,
        prev_entry_at INTEGER,
        reached_at    INTEGER,
        stay_seconds  INTEGER
    );
    CREATE INDEX stage_path_by_candidate ON stage_path(candidate_id, at, change_id);
    -- Entries into a stage during part of an hour (the edges of a period in a time zone whose
    -- midnight is not on a UTC hour): what the entry tally holds for whole hours.
    CREATE INDEX stage_path_entry ON stage_path(stage, at, reached_at, from_stage);
    -- Conversion's corrections to the entry tally: entries whose previous entry into the same
    -- stage is also in the period (each candidate counts once), and entries reached only after it.
    CREATE INDEX stage_path_reentry ON stage_path(stage, prev_entry_at, at, reached_at) WHERE prev_entry_at IS NOT NULL;
    CREATE INDEX stage_path_reached ON stage_path(stage, reached_at, at) WHERE reached_at IS NOT NULL;
    -- Time in stage: per stage left, the stays that ended during the period.
    CREATE INDEX stage_path_exit ON stage_path(from_stage, at, stay_seconds) WHERE from_stage IS NOT NULL;

    \(stagePathRows(where: "1"))

    -- Entries per stage and UTC hour: how many, how many of them have reached a later stage, and
    -- (for loyalty) how many were placements, i.e. came from a pipeline stage.
    CREATE TABLE stage_entry_tally (
        stage      TEXT NOT NULL,
        hour       INTEGER NOT NULL,
        entries    INTEGER NOT NULL CHECK (entries >= 0),
        reached    INTEGER NOT NULL CHECK (reached >= 0),
        placements INTEGER NOT NULL CHECK (placements >= 0),
        PRIMARY KEY (stage, hour)
    ) WITHOUT ROWID;
    \(stageEntryTallyBackfill)
    CREATE TRIGGER stage_entry_tally_insert AFTER INSERT ON stage_path BEGIN
        \(stageEntryTallyAdd)
    END;
    CREATE TRIGGER stage_entry_tally_delete AFTER DELETE ON stage_path BEGIN
        UPDATE stage_entry_tally
            SET entries = entries - 1, reached = reached - (OLD.reached_at IS NOT NULL), placements = placements - \(isPlacement("OLD"))
        WHERE stage = OLD.stage AND hour = \(hour("OLD.at"));
        DELETE FROM stage_entry_tally WHERE stage = OLD.stage AND hour = \(hour("OLD.at")) AND entries = 0;
    END;
    CREATE TRIGGER stage_entry_tally_update AFTER UPDATE OF reached_at ON stage_path
        WHEN (OLD.reached_at IS NULL) <> (NEW.reached_at IS NULL) BEGIN
        UPDATE stage_entry_tally SET reached = reached + (NEW.reached_at IS NOT NULL) - (OLD.reached_at IS NOT NULL)
        WHERE stage = NEW.stage AND hour = \(hour("NEW.at"));
    END;

    CREATE TRIGGER stage_path_insert AFTER INSERT ON stage_change BEGIN
        \(stagePathAdd)
    END;

    -- Undo of a move, erasure (by cascade): the rows that depended on the change are recomputed.
    CREATE TRIGGER stage_path_delete AFTER DELETE ON stage_change BEGIN
        DELETE FROM stage_path WHERE change_id = OLD.id;
        UPDATE stage_path SET reached_at = (
            SELECT min(l.at) FROM stage_path l
            WHERE l.candidate_id = stage_path.candidate_id AND l.stage_rank > stage_path.stage_rank
              AND (l.at, l.change_id) > (stage_path.at, stage_path.change_id))
        WHERE candidate_id = OLD.candidate_id AND reached_at = OLD.at;
        UPDATE stage_path SET stay_seconds = at - (
            SELECT p.at FROM stage_path p
            WHERE p.candidate_id = OLD.candidate_id AND (p.at, p.change_id) < (OLD.at, OLD.id)
            ORDER BY p.at DESC, p.change_id DESC LIMIT 1)
        WHERE change_id = (SELECT n.change_id FROM stage_path n
                           WHERE n.candidate_id = OLD.candidate_id AND (n.at, n.change_id) > (OLD.at, OLD.id)
                           ORDER BY n.at, n.change_id LIMIT 1);
        UPDATE stage_path SET prev_entry_at = (
            SELECT max(p.at) FROM stage_path p
            WHERE p.candidate_id = OLD.candidate_id AND p.stage = OLD.to_stage AND (p.at, p.change_id) < (OLD.at, OLD.id))
        WHERE change_id = (SELECT n.change_id FROM stage_path n
                           WHERE n.candidate_id = OLD.candidate_id AND n.stage = OLD.to_stage AND (n.at, n.change_id) > (OLD.at, OLD.id)
                           ORDER BY n.at, n.change_id LIMIT 1);
    END;

    -- The store never edits a stage change; anyone who does gets the candidates' paths rebuilt.
    CREATE TRIGGER stage_path_update AFTER UPDATE OF candidate_id, from_stage, to_stage, at ON stage_change BEGIN
        DELETE FROM stage_path WHERE candidate_id IN (OLD.candidate_id, NEW.candidate_id);
        \(stagePathRows(where: "s.candidate_id IN (OLD.candidate_id, NEW.candidate_id)"))
    END;
    """

    // MARK: Touch tallies

    /// Adds touch `t`'s contribution to the tallies (t is NEW in a trigger).
    static func touchAdd(_ t: String) -> String {
        """
        INSERT INTO touch_tally (hour, channel, direction, template, touches, answered)
        VALUES (\(hour("\(t).at")), \(t).channel, \(t).direction, coalesce(\(t).template, ''), 1, 0)
        ON CONFLICT (hour, channel, direction, template) DO UPDATE SET touches = touches + 1;
        -- An outbound touch that is answered already (its own outcome, or an answer recorded after it).
        INSERT INTO touch_answered (touch_id, hour, channel, template)
        SELECT \(t).id, \(hour("\(t).at")), \(t).channel, coalesce(\(t).template, '')
        WHERE \(isOutbound(t)) AND \(isAnswered(t));
        -- An answer: the candidate's unanswered outbound touches in the window before it are answered.
        INSERT INTO touch_answered (touch_id, hour, channel, template)
        SELECT o.id, \(hour("o.at")), o.channel, coalesce(o.template, '') FROM touchpoint o
        WHERE \(isAnswer(t)) AND o.candidate_id = \(t).candidate_id AND \(isOutbound("o"))
          AND o.at >= \(t).at - \(replyWindow) AND (o.at, o.id) < (\(t).at, \(t).id)
          AND NOT EXISTS (SELECT 1 FROM touch_answered a WHERE a.touch_id = o.id);
        """
    }

    /// Takes touch `t`'s contribution out of the tallies (t is OLD in a trigger; the row is gone
    /// or changed already).
    static func touchRemove(_ t: String) -> String {
        """
        UPDATE touch_tally SET touches = touches - 1
        WHERE hour = \(hour("\(t).at")) AND channel = \(t).channel AND direction = \(t).direction AND template = coalesce(\(t).template, '');
        DELETE FROM touch_answered WHERE touch_id = \(t).id;
        -- Outbound touches it may have answered stay answered only if something else answers them.
        DELETE FROM touch_answered WHERE touch_id IN (
            SELECT o.id FROM touchpoint o
            WHERE \(isAnswer(t)) AND o.candidate_id = \(t).candidate_id AND \(isOutbound("o"))
              AND o.at >= \(t).at - \(replyWindow) AND (o.at, o.id) < (\(t).at, \(t).id)
              AND NOT \(isAnswered("o")));
        DELETE FROM touch_tally
        WHERE hour = \(hour("\(t).at")) AND channel = \(t).channel AND direction = \(t).direction
          AND template = coalesce(\(t).template, '') AND touches = 0;
        """
    }

    /// Fills empty touch tallies from the touches (the touch_answered trigger counts `answered`).
    static let touchTallyBackfill = """
    INSERT INTO touch_tally (hour, channel, direction, template, touches, answered)
    SELECT \(hour("at")), channel, direction, coalesce(template, ''), count(*), 0 FROM touchpoint GROUP BY 1, 2, 3, 4;
    INSERT INTO touch_answered (touch_id, hour, channel, template)
    SELECT t.id, \(hour("t.at")), t.channel, coalesce(t.template, '') FROM touchpoint t
    WHERE \(isOutbound("t")) AND \(isAnswered("t"));
    """

    /// What `touch_tally` must hold, computed from the touches: hour, channel, direction, template, touches, answered.
    static let expectedTouchTally = """
    SELECT \(hour("t.at")) AS hour, t.channel, t.direction, coalesce(t.template, '') AS template, count(*) AS touches,
           coalesce(sum(\(isOutbound("t")) AND \(isAnswered("t"))), 0) AS answered
    FROM touchpoint t GROUP BY 1, 2, 3, 4
    """

    static let touchTallies = """
    -- Touches per UTC hour, channel, direction and template ('' for none); `answered` counts the
    -- outbound ones that got an answer. Hours, not days, so that a week or a period starting at
    -- the recruiter's midnight in any whole-hour time zone is a range of whole rows.
    CREATE TABLE touch_tally (
        hour      INTEGER NOT NULL,
        channel   TEXT NOT NULL,
        direction TEXT NOT NULL,
        template  TEXT NOT NULL,
        touches   INTEGER NOT NULL CHECK (touches >= 0),
        answered  INTEGER NOT NULL CHECK (answered >= 0),
        PRIMARY KEY (hour, channel, direction, template)
    ) WITHOUT ROWID;
    -- The outbound touches counted as answered, with their tally key.
    CREATE TABLE touch_answered (
        touch_id INTEGER PRIMARY KEY,
        hour     INTEGER NOT NULL,
        channel  TEXT NOT NULL,
        template TEXT NOT NULL
    );
    CREATE TRIGGER touch_answered_insert AFTER INSERT ON touch_answered BEGIN
        UPDATE touch_tally SET answered = answered + 1
        WHERE hour = NEW.hour AND channel = NEW.channel AND direction = 'out' AND template = NEW.template;
    END;
    CREATE TRIGGER touch_answered_delete AFTER DELETE ON touch_answered BEGIN
        UPDATE touch_tally SET answered = answered - 1
        WHERE hour = OLD.hour AND channel = OLD.channel AND direction = 'out' AND template = OLD.template;
    END;

    \(touchTallyBackfill)

    CREATE TRIGGER touch_tally_insert AFTER INSERT ON touchpoint BEGIN
        \(touchAdd("NEW"))
    END;
    CREATE TRIGGER touch_tally_delete AFTER DELETE ON touchpoint BEGIN
        \(touchRemove("OLD"))
    END;
    -- The store only edits a touch's note; any other edit moves its contribution.
    CREATE TRIGGER touch_tally_update AFTER UPDATE OF candidate_id, at, channel, direction, outcome, template ON touchpoint BEGIN
        \(touchRemove("OLD"))
        \(touchAdd("NEW"))
    END;
    """

    // MARK: Future-role tallies

    /// The current (latest) future role of candidate `id`, as a subquery selecting `column`.
    static func currentRole(_ id: String, _ column: String) -> String {
        "(SELECT p.\(column) FROM future_role p WHERE p.candidate_id = \(id) ORDER BY p.asked_at DESC, p.id DESC LIMIT 1)"
    }

    /// Adds (+1) or takes out (-1) candidate `id`'s current answer, when `condition` holds.
    static func roleCount(_ id: String, _ delta: Int, when condition: String = "1") -> String {
        ["title", "location"].map { column in
            delta > 0
                ? """
                  INSERT INTO future_role_\(column)_tally (\(column), n)
                  SELECT p.\(column), 1 FROM future_role p WHERE \(condition) AND p.id = \(currentRole(id, "id"))
                  ON CONFLICT (\(column)) DO UPDATE SET n = n + 1;
                  """
                : """
                  UPDATE future_role_\(column)_tally SET n = n - 1 WHERE \(condition) AND \(column) = \(currentRole(id, column));
                  DELETE FROM future_role_\(column)_tally WHERE \(condition) AND \(column) = \(currentRole(id, column)) AND n = 0;
                  """
        }.joined(separator: "\n")
    }

    /// What the future-role tallies must hold: current answers per raw value.
    static func expectedRoleTally(_ column: String) -> String {
        "SELECT \(column), count(*) AS n FROM future_role f WHERE f.id = \(currentRole("f.candidate_id", "id")) GROUP BY \(column)"
    }

    /// Fills empty future-role tallies from the answers.
    static let roleTallyBackfill = """
    INSERT INTO future_role_title_tally (title, n) \(expectedRoleTally("title"));
    INSERT INTO future_role_location_tally (location, n) \(expectedRoleTally("location"));
    """

    static let futureRoleTallies = """
    -- Current future-role answers (each candidate's latest) per raw title and per raw location.
    CREATE TABLE future_role_title_tally (
        title TEXT PRIMARY KEY,
        n     INTEGER NOT NULL CHECK (n >= 0)
    ) WITHOUT ROWID;
    CREATE TABLE future_role_location_tally (
        location TEXT PRIMARY KEY,
        n        INTEGER NOT NULL CHECK (n >= 0)
    ) WITHOUT ROWID;
    \(roleTallyBackfill)

    -- Before a change, take the candidate's current answer out; after it, put the new current one in.
    CREATE TRIGGER future_role_tally_before_insert BEFORE INSERT ON future_role BEGIN
        \(roleCount("NEW.candidate_id", -1))
    END;
    CREATE TRIGGER future_role_tally_after_insert AFTER INSERT ON future_role BEGIN
        \(roleCount("NEW.candidate_id", +1))
    END;
    CREATE TRIGGER future_role_tally_before_delete BEFORE DELETE ON future_role BEGIN
        \(roleCount("OLD.candidate_id", -1))
    END;
    CREATE TRIGGER future_role_tally_after_delete AFTER DELETE ON future_role BEGIN
        \(roleCount("OLD.candidate_id", +1))
    END;
    CREATE TRIGGER future_role_tally_before_update BEFORE UPDATE OF candidate_id, title, location, asked_at ON future_role BEGIN
        \(roleCount("OLD.candidate_id", -1))
        \(roleCount("NEW.candidate_id", -1, when: "NEW.candidate_id <> OLD.candidate_id"))
    END;
    CREATE TRIGGER future_role_tally_after_update AFTER UPDATE OF candidate_id, title, location, asked_at ON future_role BEGIN
        \(roleCount("OLD.candidate_id", +1))
        \(roleCount("NEW.candidate_id", +1, when: "NEW.candidate_id <> OLD.candidate_id"))
    END;
    """

    static let reportMigration = """
    -- Stale pipeline candidates per stage: a range count on last activity.
    CREATE INDEX candidate_report_stale ON candidate(stage, activity_at) WHERE status <> 'do_not_contact';
    -- Re-engagement due: reachable by email, open to contact, silent for a long time.
    CREATE INDEX candidate_report_reengage ON candidate(activity_at)
        WHERE email IS NOT NULL AND status IN ('active', 'not_looking');
    -- Follow-ups due: a range count on the date, do-not-contact left out.
    CREATE INDEX candidate_report_follow_up ON candidate(next_follow_up) WHERE status <> 'do_not_contact';

    \(stagePath)

    \(touchTallies)

    \(futureRoleTallies)
    """
}
