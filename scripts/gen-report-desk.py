#!/usr/bin/env python3
"""A deterministic synthetic desk for timing `funnel report` at agency scale.

Usage:
    funnel report --db BIG.sqlite >/dev/null            # creates the schema (all migrations)
    python3 scripts/gen-report-desk.py BIG.sqlite [candidates] [touches_per_candidate]

Inserts candidates, their stage history (forward moves, a few skipped stages and moves back),
touches, follow-ups and future roles straight into the schema `funnel` created, relative to
FUNNEL_NOW (default 2026-11-22T09:30:00Z). The search index is not filled: the report does not
read it. For the report's speed only; the real generator is SyntheticDesk (funnel-bench).
"""
import datetime
import os
import random
import sqlite3
import sys

STAGES = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]
ADVANCE = [0.45, 0.40, 0.50, 0.30]          # chance of moving on from each stage
CHANNELS = ["email"] * 40 + ["phone"] * 20 + ["voicemail"] * 8 + ["sms"] * 5 + ["whatsapp"] * 5 + \
           ["linkedin"] * 15 + ["in_person"] * 3 + ["other"] * 1 + ["note"] * 10
OUTCOMES = ["sent", "no_answer", "left_voicemail", "replied", "interested", "not_now", "declined", "bounced", None]
TEMPLATES = ["Intro", "Check-in", "Re-engage", "Role alert", "Referral ask"]
TITLES = ["Senior Backend Engineer", "Sr. Backend Engineer", "sr backend engineer", "Staff Engineer",
          "Engineering Manager", "Data Engineer", "Senior Data Scientist", "Product Manager",
          "Sr Product Manager", "Frontend Engineer", "DevOps Engineer", "Site Reliability Engineer",
          "Principal Engineer", "QA Engineer", "Mobile Engineer", "Security Engineer", "CTO",
          "VP Engineering", "Tech Lead", "Junior Developer", "Jr. Developer", "ML Engineer"]
LOCATIONS = ["Lisbon", "lisbon ", "Berlin", "London", "Paris", "Madrid", "Amsterdam", "Remote", "",
             "New York", "Toronto", "Tokyo", "Porto", "Barcelona", "Munich", "Dublin", "Zürich"]
DAY = 86_400


def main():
    path = sys.argv[1]
    candidates = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    per = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    now_text = os.environ.get("FUNNEL_NOW", "2026-11-22T09:30:00Z").replace("Z", "+00:00")
    now = int(datetime.datetime.fromisoformat(now_text).timestamp())
    today = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).date()
    rng = random.Random(42)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -400000")
    if db.execute("SELECT count(*) FROM candidate").fetchone()[0]:
        sys.exit(f"{path} already holds candidates")
    db.execute("BEGIN")
    cand_rows, change_rows, touch_rows, role_rows = [], [], [], []
    change_id = touch_id = role_id = 0

    def flush():
        db.executemany("INSERT INTO candidate (id, first_name, last_name, email, stage, status, created_at, updated_at, "
                       "stage_entered_at, last_touch_at, next_follow_up, activity_at, sort_name) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", cand_rows)
        db.executemany("INSERT INTO stage_change (id, candidate_id, from_stage, to_stage, at) VALUES (?,?,?,?,?)", change_rows)
        db.executemany("INSERT INTO touchpoint (id, candidate_id, at, channel, direction, outcome, note, template) "
                       "VALUES (?,?,?,?,?,?,?,?)", touch_rows)
        db.executemany("INSERT INTO future_role (id, candidate_id, title, location, remote, asked_at) VALUES (?,?,?,?,?,?)", role_rows)
        for rows in (cand_rows, change_rows, touch_rows, role_rows):
            rows.clear()

    for cid in range(1, candidates + 1):
        created = now - rng.randrange(3 * 365 * DAY)
        # Stage path: forward moves, sometimes skipping a stage, sometimes a step back.
        stage, t = 0, created
        change_id += 1
        change_rows.append((change_id, cid, None, STAGES[0], t))
        entered = t
        while stage < 4 and rng.random() < ADVANCE[stage]:
            t += rng.randrange(2 * DAY, 60 * DAY)
            if t >= now:
                break
            step = 2 if stage < 3 and rng.random() < 0.05 else 1
            nxt = stage + step
            change_id += 1
            change_rows.append((change_id, cid, STAGES[stage], STAGES[nxt], t))
            stage, entered = nxt, t
            if 0 < stage < 4 and rng.random() < 0.05:
                t += rng.randrange(DAY, 20 * DAY)
                if t >= now:
                    break
                change_id += 1
                change_rows.append((change_id, cid, STAGES[stage], STAGES[stage - 1], t))
                stage, entered = stage - 1, t
        status = "placed" if stage >= 3 else rng.choices(["active", "not_looking", "do_not_contact"], [80, 15, 5])[0]
        # Touches between creation and now.
        n = int(per) + (1 if rng.random() < per - int(per) else 0)
        last = None
        for _ in range(n):
            at = created + rng.randrange(max(now - created, 1))
            channel = rng.choice(CHANNELS)
            direction = "in" if channel != "note" and rng.random() < 0.2 else "out"
            outcome = None if channel == "note" else rng.choice(OUTCOMES)
            template = rng.choice(TEMPLATES) if channel == "email" and direction == "out" and rng.random() < 0.3 else None
            touch_id += 1
            touch_rows.append((touch_id, cid, at, channel, direction, outcome, "", template))
            last = at if last is None else max(last, at)
        follow_up = None
        if status != "do_not_contact" and rng.random() < 0.3:
            follow_up = (today + datetime.timedelta(days=rng.randrange(-30, 31))).isoformat()
        email = f"c{cid}@example.com" if rng.random() < 0.85 else None
        activity = max(created, last or created)
        cand_rows.append((cid, f"First{cid}", f"Last{cid}", email, STAGES[stage], status, created, activity,
                          entered, last, follow_up, activity, f"last{cid} first{cid}"))
        for _ in range(rng.choices([0, 1, 2], [65, 30, 5])[0]):
            role_id += 1
            role_rows.append((role_id, cid, rng.choice(TITLES), rng.choice(LOCATIONS), 1, created + rng.randrange(max(now - created, 1))))
        if cid % 50_000 == 0:
            flush()
            print(f"{cid} candidates, {touch_id} touches", file=sys.stderr)
    flush()
    db.execute("COMMIT")
    db.close()
    print(f"{candidates} candidates, {change_id} stage changes, {touch_id} touches, {role_id} future roles")


if __name__ == "__main__":
    main()
