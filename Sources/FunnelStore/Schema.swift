import GRDB

/// The versioned schema. Each migration is applied once, in order, in its own transaction.
/// "Trust SQLite more than yourself": constraints, foreign keys and CHECKs live here.
/// docs/data-model.md explains each table and index.
enum Schema {
    static let stages = "('awareness','consideration','conversion','loyalty','advocacy')"
    static let statuses = "('active','not_looking','placed','do_not_contact')"
    static let channels = "('email','phone','voicemail','sms','whatsapp','linkedin','in_person','other','note')"
    /// The outcomes v1's CHECK allowed; v12 added 'auto_reply' (`Schema.outcomes`).
    static let outcomesV1 = "('sent','no_answer','left_voicemail','replied','interested','not_now','declined','bounced')"
    static let outcomes = "('sent','no_answer','left_voicemail','replied','interested','not_now','declined','bounced','auto_reply')"

    /// Identifies a Funnel store among SQLite files (`PRAGMA application_id`): 'FNL1'.
    static let applicationID: Int32 = 0x464E_4C31

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: candidates, touches, stages, future roles, search") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: engagement score column") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v5: board by engagement score, unscored last") { db in
            // The board's keyset needs a total order: NULL (never scored) sorts as -1.
            try db.execute(sql: """
                DROP INDEX candidate_board_score;
                CREATE INDEX candidate_board_score ON candidate(stage, ifnull(engagement_score, -1) DESC, id DESC);
                """)
        }
        registerReportMigration(&migrator)
        registerMatchingMigration(&migrator)
        registerMatchRankMigration(&migrator)
        registerDueMigration(&migrator)
        registerSearchPartitionMigration(&migrator)
        registerImportTriggersMigration(&migrator)
        registerCampaignMigration(&migrator)
        registerInboxMigration(&migrator)
        return migrator
    }

    /// The names of every registered migration, oldest first.
    static var migrationNames: [String] { migrator.migrations }

    static let v1 = """
    PRAGMA application_id = \(applicationID);

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE candidate (
        id                INTEGER PRIMARY KEY,
        first_name        TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
        last_name         TEXT NOT NULL DEFAULT '',
        email             TEXT CHECK (email IS NULL OR (email = lower(email) AND email LIKE '%_@_%._%')),
        phone             TEXT,
        location          TEXT,
        linkedin_url      TEXT CHECK (linkedin_url IS NULL OR linkedin_url LIKE 'https://www.linkedin.com/%'),
        title             TEXT,
        company           TEXT,
        source            TEXT,
        owner             TEXT,
        interests         TEXT,
        preferred_channel TEXT CHECK (preferred_channel IS NULL OR preferred_channel IN \(channels)),
        referred_by       INTEGER REFERENCES candidate(id) ON DELETE SET NULL,
        stage             TEXT NOT NULL CHECK (stage IN \(stages)),
        status            TEXT NOT NULL CHECK (status IN \(statuses)),
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL,
        stage_entered_at  INTEGER NOT NULL,
        last_touch_at     INTEGER,
        next_follow_up    TEXT CHECK (next_follow_up IS NULL OR next_follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        -- The board's default order: the later of creation and last touch.
        activity_at       INTEGER NOT NULL,
        -- The board's alphabetical order: folded "last first".
        sort_name         TEXT NOT NULL
    );
    -- One person, one card: the same email or LinkedIn profile cannot be stored twice.
    CREATE UNIQUE INDEX candidate_email ON candidate(email) WHERE email IS NOT NULL;
    CREATE UNIQUE INDEX candidate_linkedin ON candidate(linkedin_url) WHERE linkedin_url IS NOT NULL;
    -- Board columns, one index per sort, read a page at a time by keyset.
    CREATE INDEX candidate_board_activity ON candidate(stage, activity_at DESC, id DESC);
    CREATE INDEX candidate_board_name ON candidate(stage, sort_name, id);
    -- Follow-ups due, re-engagement and stale candidates.
    CREATE INDEX candidate_follow_up ON candidate(next_follow_up) WHERE next_follow_up IS NOT NULL;
    CREATE INDEX candidate_last_touch ON candidate(last_touch_at);
    CREATE INDEX candidate_owner ON candidate(owner) WHERE owner IS NOT NULL;
    CREATE INDEX candidate_referred_by ON candidate(referred_by) WHERE referred_by IS NOT NULL;

    CREATE TABLE candidate_tag (
        candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        tag          TEXT NOT NULL CHECK (length(tag) > 0 AND tag = lower(tag)),
        position     INTEGER NOT NULL,
        PRIMARY KEY (candidate_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX candidate_tag_by_tag ON candidate_tag(tag, candidate_id);

    CREATE TABLE touchpoint (
        id           INTEGER PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        at           INTEGER NOT NULL,
        channel      TEXT NOT NULL CHECK (channel IN \(channels)),
        direction    TEXT NOT NULL CHECK (direction IN ('out','in')),
        outcome      TEXT CHECK (outcome IS NULL OR outcome IN \(outcomesV1)),
        note         TEXT NOT NULL DEFAULT '',
        template     TEXT
    );
    CREATE INDEX touchpoint_by_candidate ON touchpoint(candidate_id, at DESC, id DESC);
    CREATE INDEX touchpoint_by_time ON touchpoint(at);

    CREATE TABLE future_role (
        id           INTEGER PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
        location     TEXT NOT NULL DEFAULT '',
        remote       INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
        asked_at     INTEGER NOT NULL
    );
    CREATE INDEX future_role_by_candidate ON future_role(candidate_id, asked_at DESC, id DESC);

    CREATE TABLE stage_change (
        id           INTEGER PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        from_stage   TEXT CHECK (from_stage IS NULL OR from_stage IN \(stages)),
        to_stage     TEXT NOT NULL CHECK (to_stage IN \(stages)),
        at           INTEGER NOT NULL,
        CHECK (from_stage IS NULL OR from_stage <> to_stage)
    );
    CREATE INDEX stage_change_by_candidate ON stage_change(candidate_id, at, id);
    CREATE INDEX stage_change_by_time ON stage_change(at);

    CREATE TABLE opening (
        id         INTEGER PRIMARY KEY,
        title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
        location   TEXT NOT NULL DEFAULT '',
        company    TEXT,
        status     TEXT NOT NULL CHECK (status IN ('open','on_hold','filled','closed')),
        created_at INTEGER NOT NULL
    );

    CREATE TABLE template (
        id      INTEGER PRIMARY KEY,
        name    TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        channel TEXT NOT NULL CHECK (channel IN \(channels)),
        subject TEXT NOT NULL DEFAULT '',
        body    TEXT NOT NULL
    );

    -- What an erasure leaves behind: the fact, never the person.
    CREATE TABLE audit (
        id    INTEGER PRIMARY KEY,
        at    INTEGER NOT NULL,
        event TEXT NOT NULL
    );

    -- Counts per (stage, status), kept in step with every write by the triggers below, so the
    -- board header never scans a million rows (a GROUP BY count takes ~100 ms at 1M).
    CREATE TABLE stage_count (
        stage  TEXT NOT NULL,
        status TEXT NOT NULL,
        n      INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (stage, status)
    ) WITHOUT ROWID;
    CREATE TRIGGER candidate_count_insert AFTER INSERT ON candidate BEGIN
        INSERT INTO stage_count(stage, status, n) VALUES (NEW.stage, NEW.status, 1)
            ON CONFLICT(stage, status) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER candidate_count_delete AFTER DELETE ON candidate BEGIN
        UPDATE stage_count SET n = n - 1 WHERE stage = OLD.stage AND status = OLD.status;
    END;
    CREATE TRIGGER candidate_count_update AFTER UPDATE OF stage, status ON candidate
        WHEN OLD.stage <> NEW.stage OR OLD.status <> NEW.status BEGIN
        UPDATE stage_count SET n = n - 1 WHERE stage = OLD.stage AND status = OLD.status;
        INSERT INTO stage_count(stage, status, n) VALUES (NEW.stage, NEW.status, 1)
            ON CONFLICT(stage, status) DO UPDATE SET n = n + 1;
    END;

    -- Full-text search, one document per candidate (rowid = candidate id): names, title,
    -- company, location, email, tags, interests, the current future role and every note.
    -- The store writes the document on every change (CJK characters are spaced out first, see
    -- SearchText). unicode61 with remove_diacritics folds case and accents; the prefix
    -- indexes make search-as-you-type fast.
    CREATE VIRTUAL TABLE candidate_search USING fts5(
        body,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
    );
    """

    /// The engagement score (0–100) as a snapshot on the candidate, so the board can sort a column
    /// by it with a keyset read like the other sorts. NULL until computed: the score depends on
    /// today's date, so whoever computes it writes it back; the board treats NULL as "not scored".
    static let v2 = """
    ALTER TABLE candidate ADD COLUMN engagement_score INTEGER
        CHECK (engagement_score IS NULL OR engagement_score BETWEEN 0 AND 100);
    -- Board column by score, best first, read a page at a time by keyset like the other sorts.
    CREATE INDEX candidate_board_score ON candidate(stage, engagement_score DESC, id DESC);
    """
}
