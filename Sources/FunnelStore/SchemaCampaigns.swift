import GRDB

/// v11: campaigns (issue 12, docs/campaigns.md). A campaign is one template sent to a group, one
/// message per person, each recorded before and after it is handed to the mail command, so that
/// a campaign stopped by Ctrl-C, a failing command or `kill -9` resumes without sending anyone
/// a second message or skipping anyone.
///
/// - `campaign`: the template, where the group came from (`source`, e.g. "reengagement",
///   "tag:python"), and whether it is in review, sending, stopped or done.
/// - `campaign_message`: one row per person considered, in review order (`position`): either
///   `excluded` with the reason (do not contact, no valid email, a merge field missing, contacted
///   within the cadence, ...), or the rendered subject and body (editable one by one before
///   sending) and a state: `queued` → `handing` (recorded, committed, before the command runs) →
///   `sent` (the command said yes; the touch is logged in the same transaction), `failed` (the
///   command said no: nothing went out, resume tries again) or `unknown` (the command died or
///   hung while it had the message: never sent again automatically; "check your sent folder").
///   Its Message-ID is fixed when the row is made, so a reply can be matched to it. Rows go with
///   the person (`ON DELETE CASCADE`): erase leaves none of their messages.
/// - `touchpoint.message_id` / `touchpoint.campaign_id`: the Message-ID a logged email carried
///   (sent or received; unique, so reading a mailbox twice logs nothing new) and its campaign.
extension Schema {
    static let campaignMigrationName = "v11: campaigns and Message-IDs"

    static func registerCampaignMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(campaignMigrationName) { db in
            try db.execute(sql: campaignMigration)
        }
    }

    static let campaignMigration = """
    CREATE TABLE campaign (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        template    TEXT NOT NULL,
        source      TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        state       TEXT NOT NULL DEFAULT 'review' CHECK (state IN ('review','sending','stopped','done')),
        finished_at INTEGER
    );

    CREATE TABLE campaign_message (
        id           INTEGER PRIMARY KEY,
        campaign_id  INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('excluded','queued','handing','sent','failed','unknown')),
        reason       TEXT,
        address      TEXT NOT NULL DEFAULT '',
        subject      TEXT NOT NULL DEFAULT '',
        body         TEXT NOT NULL DEFAULT '',
        edited       INTEGER NOT NULL DEFAULT 0,
        message_id   TEXT,
        error        TEXT,
        handed_at    INTEGER,
        sent_at      INTEGER,
        touch_id     INTEGER REFERENCES touchpoint(id) ON DELETE SET NULL,
        UNIQUE (campaign_id, candidate_id),
        UNIQUE (campaign_id, position)
    );
    CREATE UNIQUE INDEX campaign_message_by_message_id ON campaign_message(message_id) WHERE message_id IS NOT NULL;
    -- The next one to send, and the counts by state, without reading the rest.
    CREATE INDEX campaign_message_by_state ON campaign_message(campaign_id, state, position);
    CREATE INDEX campaign_message_by_candidate ON campaign_message(candidate_id);

    ALTER TABLE touchpoint ADD COLUMN message_id TEXT;
    ALTER TABLE touchpoint ADD COLUMN campaign_id INTEGER REFERENCES campaign(id) ON DELETE SET NULL;
    CREATE UNIQUE INDEX touchpoint_by_message_id ON touchpoint(message_id) WHERE message_id IS NOT NULL;
    CREATE INDEX touchpoint_by_campaign ON touchpoint(campaign_id) WHERE campaign_id IS NOT NULL;
    """
}
