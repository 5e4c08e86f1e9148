#!/usr/bin/env python3
"""Validate the Funnel demo desk (sample-data/desk.json) against every invariant it promises.

    python3 scripts/check-sample-data.py [sample-data/desk.json] [--reproducible]

Prints a short summary and exits 0 when the desk is sound; prints one line per broken
invariant and exits 1 otherwise. With --reproducible it also regenerates the desk with
scripts/make-sample-data.py and requires the bytes to be identical.
Standard library only. make-sample-data.py imports validate() from here.
"""

import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter

STAGES = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]
STATUSES = ["active", "not_looking", "placed", "do_not_contact"]
CHANNELS = ["email", "phone", "voicemail", "sms", "whatsapp", "linkedin", "in_person", "other", "note"]
PREFERRED = ["email", "phone", "sms", "whatsapp", "linkedin"]
OUTCOMES = ["sent", "no_answer", "left_voicemail", "replied", "interested", "not_now", "declined", "bounced"]
# Which outcomes make sense for an outbound touch on each channel.
OUT_OUTCOMES = {
    "email": {"sent", "replied", "bounced"},
    "phone": {"no_answer", "left_voicemail", "replied", "interested", "not_now", "declined"},
    "voicemail": {"left_voicemail"},
    "sms": {"sent", "replied", "interested", "not_now", "declined"},
    "whatsapp": {"sent", "replied", "interested", "not_now", "declined"},
    "linkedin": {"sent", "replied", "interested", "not_now", "declined"},
    "in_person": {"replied", "interested", "not_now", "declined"},
    "other": {"sent", "replied"},
    "note": {None},
}
IN_OUTCOMES = {"replied", "interested"}
SOURCES = ["LinkedIn", "Referral", "Job board", "Event", "Sourced", "Inbound"]
MERGE_FIELDS = {"first_name", "last_name", "current_title", "company", "location", "future_role.title",
                "future_role.location", "interests", "recruiter.name", "recruiter.email"}
FIELD_OF = {"first_name": "first_name", "last_name": "last_name", "current_title": "title", "company": "company",
            "location": "location", "interests": "interests"}
REQUIRED_TEMPLATES = ["reengage-hello", "followup-after-voicemail", "notnow-checkin", "referral-thanks",
                      "linkedin-connect", "future-role-alert"]
MAX_DAYS = 545

CANDIDATE_KEYS = ["key", "first_name", "last_name", "email", "phone", "location", "linkedin_url", "title", "company",
                  "source", "owner", "tags", "interests", "preferred_channel", "referred_by", "stage", "status",
                  "created_days_ago", "stage_history", "touches", "future_roles", "next_follow_up_in_days"]
TOUCH_KEYS = ["days_ago", "channel", "direction", "outcome", "note", "template"]
HISTORY_KEYS = ["from", "to", "days_ago"]
FUTURE_KEYS = ["title", "location", "remote", "days_ago"]

EMAIL_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
LINKEDIN_RE = re.compile(r"^https://(www\.)?linkedin\.com/in/([A-Za-z0-9-]+)/?$")
MERGE_RE = re.compile(r"\{\{\s*([^}|]+?)\s*(?:\|([^}]*))?\}\}")


def valid_email(e):
    return isinstance(e, str) and EMAIL_RE.match(e) is not None and ".." not in e and len(e) <= 254


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def last_touch(c):
    return min((t["days_ago"] for t in c["touches"]), default=None)


def script_of(ch):
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "ARABIC", "CYRILLIC", "GREEK", "DEVANAGARI", "HEBREW",
                 "THAI"):
        if name.startswith(word):
            return word
    if unicodedata.category(ch) == "So" and ord(ch) >= 0x1F000:
        return "EMOJI"
    return None


def validate(desk, text=None):
    p = []

    def bad(msg):
        p.append(msg)

    if text is not None and len(text.encode("utf-8")) > 1_000_000:
        bad("file is %d bytes (limit 1,000,000)" % len(text.encode("utf-8")))
    if list(desk) != ["format", "recruiter", "candidates", "openings", "templates"]:
        bad("top-level keys are %s" % list(desk))
    if desk.get("format") != 1:
        bad("format is not 1")
    rec = desk.get("recruiter", {})
    if set(rec) != {"name", "email"} or not rec.get("name") or not valid_email(rec.get("email")):
        bad("recruiter must have a name and a valid email")

    # ---- templates
    templates = {}
    tpls = desk.get("templates", [])
    if not 5 <= len(tpls) <= 7:
        bad("%d templates (want 5-7)" % len(tpls))
    for t in tpls:
        if set(t) != {"name", "channel", "subject", "body"}:
            bad("template keys %s" % sorted(t))
            continue
        if t["name"] in templates:
            bad("duplicate template name %s" % t["name"])
        templates[t["name"]] = t
        if t["channel"] not in CHANNELS or t["channel"] == "note":
            bad("template %s: bad channel %r" % (t["name"], t["channel"]))
        if not isinstance(t["subject"], str) or not isinstance(t["body"], str) or not t["body"].strip():
            bad("template %s: subject/body must be strings, body non-empty" % t["name"])
        for field, fallback in MERGE_RE.findall(t["subject"] + "\n" + t["body"]):
            if field not in MERGE_FIELDS:
                bad("template %s: unknown merge field {{%s}}" % (t["name"], field))
        if (t["subject"] + t["body"]).count("{{") != len(MERGE_RE.findall(t["subject"] + t["body"])):
            bad("template %s: malformed merge field" % t["name"])
    for name in REQUIRED_TEMPLATES:
        if name not in templates:
            bad("missing template %s" % name)
    if "notnow-checkin" in templates and "title" not in templates["notnow-checkin"]["body"]:
        bad("notnow-checkin must ask the future-role question")

    # ---- openings
    openings = desk.get("openings", [])
    if not 5 <= len(openings) <= 8:
        bad("%d openings (want 5-8)" % len(openings))
    okeys = [o.get("key") for o in openings]
    if len(set(okeys)) != len(okeys):
        bad("duplicate opening keys")
    for o in openings:
        if set(o) - {"opened_days_ago"} != {"key", "title", "location", "company", "status"}:
            bad("opening keys %s" % sorted(o))
        elif o["status"] not in ("open", "on_hold", "filled", "closed") or not o["title"] or not o["location"]:
            bad("opening %s invalid" % o["key"])
        elif not isinstance(o.get("opened_days_ago", 0), int) or isinstance(o.get("opened_days_ago", 0), bool) \
                or not 0 <= o.get("opened_days_ago", 0) <= 540:
            bad("opening %s: opened_days_ago must be a whole number of days, 0-540" % o["key"])
    if not any(o.get("title") == "Staff Engineer" and o.get("location") == "Lisbon" for o in openings):
        bad("no Staff Engineer / Lisbon opening")

    # ---- candidates
    cands = desk.get("candidates", [])
    n = len(cands)
    if not 320 <= n <= 360:
        bad("%d candidates (want 320-360)" % n)
    by_key = {}
    for c in cands:
        if list(c) != CANDIDATE_KEYS:
            bad("candidate %s: keys %s" % (c.get("key"), list(c)))
            return p
        if c["key"] in by_key:
            bad("duplicate key %s" % c["key"])
        by_key[c["key"]] = c

    emails, links, phones = Counter(), Counter(), Counter()
    for c in cands:
        k = c["key"]
        if not re.fullmatch(r"c\d{3}", k):
            bad("%s: key format" % k)
        for f in ("first_name", "last_name"):
            v = c[f]
            if not isinstance(v, str) or not v.strip() or v != v.strip() or unicodedata.normalize("NFC", v) != v:
                bad("%s: %s must be a trimmed NFC non-empty string" % (k, f))
        for f in ("phone", "location", "title", "company", "interests"):
            if c[f] is not None and (not isinstance(c[f], str) or not c[f].strip()):
                bad("%s: %s must be null or a non-empty string" % (k, f))
        if c["email"] is not None:
            if not valid_email(c["email"]):
                bad("%s: invalid email %r" % (k, c["email"]))
            emails[c["email"].lower()] += 1
        if c["linkedin_url"] is not None:
            m = LINKEDIN_RE.match(c["linkedin_url"])
            if not m:
                bad("%s: bad LinkedIn URL %r" % (k, c["linkedin_url"]))
            else:
                links[m.group(2).lower()] += 1
        if c["phone"] is not None:
            digits = "".join(ch for ch in c["phone"] if ch.isdigit())
            if len(digits) < 7 or not re.fullmatch(r"[+0-9 ().\-]+", c["phone"]):
                bad("%s: odd phone %r" % (k, c["phone"]))
            phones[digits] += 1
        if not (c["email"] or c["phone"] or c["linkedin_url"]):
            bad("%s: no way to reach them at all" % k)
        if c["source"] not in SOURCES:
            bad("%s: source %r" % (k, c["source"]))
        if not isinstance(c["owner"], str) or not c["owner"]:
            bad("%s: owner" % k)
        tags = c["tags"]
        if not isinstance(tags, list) or len(tags) > 4 or len(set(tags)) != len(tags) or any(
                not isinstance(t, str) or t != t.lower() or not t or " " in t for t in tags):
            bad("%s: tags %r" % (k, tags))
        pc = c["preferred_channel"]
        if pc is not None:
            if pc not in PREFERRED:
                bad("%s: preferred_channel %r" % (k, pc))
            need = {"email": "email", "phone": "phone", "sms": "phone", "whatsapp": "phone",
                    "linkedin": "linkedin_url"}.get(pc)
            if need and not c[need]:
                bad("%s: prefers %s but has no %s" % (k, pc, need))
        if c["stage"] not in STAGES:
            bad("%s: stage %r" % (k, c["stage"]))
        if c["status"] not in STATUSES:
            bad("%s: status %r" % (k, c["status"]))
        if c["status"] == "placed" and c["stage"] in ("awareness", "consideration"):
            bad("%s: placed but only in %s" % (k, c["stage"]))
        created = c["created_days_ago"]
        if not is_int(created) or not 0 <= created <= MAX_DAYS:
            bad("%s: created_days_ago %r" % (k, created))
            continue

        # stage history
        h = c["stage_history"]
        if not h:
            bad("%s: empty stage history" % k)
        else:
            if any(list(e) != HISTORY_KEYS for e in h):
                bad("%s: stage_history keys" % k)
            if h[0]["from"] is not None:
                bad("%s: first stage change must have from=null" % k)
            if h[0]["days_ago"] != created:
                bad("%s: first stage change must be on the creation day" % k)
            for a, b in zip(h, h[1:]):
                if b["from"] != a["to"]:
                    bad("%s: stage history not chained (%s then %s->%s)" % (k, a["to"], b["from"], b["to"]))
                if b["days_ago"] > a["days_ago"]:
                    bad("%s: stage history not chronological" % k)
            for e in h:
                if e["to"] not in STAGES or (e["from"] is not None and e["from"] not in STAGES) or e["from"] == e["to"]:
                    bad("%s: bad stage change %r" % (k, e))
                if not is_int(e["days_ago"]) or not 0 <= e["days_ago"] <= created:
                    bad("%s: stage change days_ago %r" % (k, e["days_ago"]))
            if h[-1]["to"] != c["stage"]:
                bad("%s: last stage change goes to %s, stage is %s" % (k, h[-1]["to"], c["stage"]))

        # touches
        ts = c["touches"]
        if len(ts) > 12:
            bad("%s: %d touches (max 12)" % (k, len(ts)))
        for i, t in enumerate(ts):
            if list(t) != TOUCH_KEYS:
                bad("%s: touch keys %s" % (k, list(t)))
                continue
            if not is_int(t["days_ago"]) or not 0 <= t["days_ago"] <= created:
                bad("%s: touch days_ago %r outside 0..created (%d)" % (k, t["days_ago"], created))
            if i and t["days_ago"] > ts[i - 1]["days_ago"]:
                bad("%s: touches not chronological" % k)
            ch, dr, oc = t["channel"], t["direction"], t["outcome"]
            if ch not in CHANNELS or dr not in ("out", "in") or (oc is not None and oc not in OUTCOMES):
                bad("%s: touch enum values %r" % (k, t))
                continue
            if ch == "note":
                if dr != "out" or oc is not None or t["template"] is not None:
                    bad("%s: a note must be direction out, outcome null, no template" % k)
            elif dr == "in":
                if oc not in IN_OUTCOMES:
                    bad("%s: inbound %s touch with outcome %r" % (k, ch, oc))
            elif oc not in OUT_OUTCOMES[ch]:
                bad("%s: outbound %s touch with outcome %r" % (k, ch, oc))
            if not isinstance(t["note"], str) or not t["note"].strip() or "{" in t["note"]:
                bad("%s: touch note %r" % (k, t["note"]))
            needs = {"email": "email", "phone": "phone", "voicemail": "phone", "sms": "phone", "whatsapp": "phone",
                     "linkedin": "linkedin_url"}.get(ch)
            if needs and not c[needs]:
                bad("%s: %s touch but no %s" % (k, ch, needs))
            tpl = t["template"]
            if tpl is not None:
                if tpl not in templates:
                    bad("%s: unknown template %r" % (k, tpl))
                    continue
                tt = templates[tpl]
                if dr != "out" or tt["channel"] != ch:
                    bad("%s: template %s used on a %s/%s touch" % (k, tpl, dr, ch))
                for field, fallback in MERGE_RE.findall(tt["subject"] + tt["body"]):
                    if fallback or field.startswith("recruiter."):
                        continue
                    if field.startswith("future_role."):
                        if not any(f["days_ago"] >= t["days_ago"] for f in c["future_roles"]):
                            bad("%s: template %s used before any future role was recorded" % (k, tpl))
                    elif not c[FIELD_OF[field]]:
                        bad("%s: template %s needs %s, which is null" % (k, tpl, field))
                if tt["channel"] == "email" and not c["email"]:
                    bad("%s: e-mail template without e-mail" % k)

        # a re-engagement e-mail comes after at least 180 quiet days
        for i, t in enumerate(ts):
            if t.get("template") == "reengage-hello" and i and ts[i - 1]["days_ago"] - t["days_ago"] < 180:
                bad("%s: reengage-hello only %d days after the previous touch" % (
                    k, ts[i - 1]["days_ago"] - t["days_ago"]))

        # future roles
        fr = c["future_roles"]
        for i, f in enumerate(fr):
            if list(f) != FUTURE_KEYS:
                bad("%s: future role keys" % k)
                continue
            if not isinstance(f["title"], str) or not f["title"].strip() or not isinstance(f["location"], str) \
                    or not f["location"].strip() or not isinstance(f["remote"], bool):
                bad("%s: future role values %r" % (k, f))
            if not is_int(f["days_ago"]) or not 0 <= f["days_ago"] <= created:
                bad("%s: future role days_ago" % k)
            if i and f["days_ago"] > fr[i - 1]["days_ago"]:
                bad("%s: future roles not chronological" % k)
            if ts and not any(t["days_ago"] == f["days_ago"] for t in ts):
                bad("%s: future role recorded on a day without a touch" % k)

        # follow-up
        fu = c["next_follow_up_in_days"]
        if fu is not None:
            if not is_int(fu) or not -10 <= fu <= 60:
                bad("%s: next_follow_up_in_days %r" % (k, fu))
            if c["status"] == "do_not_contact":
                bad("%s: follow-up on a do-not-contact candidate" % k)
            lt = last_touch(c)
            if lt is not None and is_int(fu) and -fu >= lt and fu < 0:
                bad("%s: follow-up %d is not after the last touch (%d days ago)" % (k, fu, lt))

        # referral
        r = c["referred_by"]
        if r is not None:
            if r not in by_key or r == k:
                bad("%s: referred_by %r does not exist" % (k, r))
            elif by_key[r]["created_days_ago"] < created:
                bad("%s: referred by %s, who joined the desk later" % (k, r))
            if c["source"] != "Referral":
                bad("%s: referred_by set but source is %s" % (k, c["source"]))

        # do not contact: nothing after the request
        if c["status"] == "do_not_contact" and ts:
            lastt = ts[-1]
            if "do not contact" not in lastt["note"].lower():
                bad("%s: do-not-contact candidate whose last touch is not the request" % k)

    for what, counter in (("email", emails), ("LinkedIn profile", links), ("phone", phones)):
        dups = [v for v, m in counter.items() if m > 1]
        if dups:
            bad("duplicate %s: %s" % (what, dups[:5]))

    if p:
        return p

    # ---- distributions and special cases
    stage_n = Counter(c["stage"] for c in cands)
    status_n = Counter(c["status"] for c in cands)
    want = {"awareness": 0.40, "consideration": 0.25, "conversion": 0.15, "loyalty": 0.12, "advocacy": 0.08}
    for s, share in want.items():
        if abs(stage_n[s] / n - share) > 0.03:
            bad("stage %s is %.1f%% (want about %.0f%%)" % (s, 100 * stage_n[s] / n, 100 * share))
    for s in STATUSES:
        if not status_n[s]:
            bad("status %s absent" % s)
    if not 0.03 <= status_n["do_not_contact"] / n <= 0.05:
        bad("do_not_contact is %.1f%%" % (100 * status_n["do_not_contact"] / n))
    if not 0.12 <= status_n["not_looking"] / n <= 0.18:
        bad("not_looking is %.1f%%" % (100 * status_n["not_looking"] / n))
    late = [c for c in cands if c["stage"] in ("loyalty", "advocacy")]
    if sum(c["status"] == "placed" for c in late) < 0.8 * len(late):
        bad("loyalty/advocacy should mostly be placed")

    nt = [len(c["touches"]) for c in cands]
    avg = sum(nt) / n
    if not 3.5 <= avg <= 4.8:
        bad("average touches %.2f (want about 4)" % avg)
    if not any(x == 0 for x in nt):
        bad("nobody without touches")
    alltouch = [t for c in cands for t in c["touches"]]
    if max(t["days_ago"] for t in alltouch) < 450:
        bad("touches do not reach back ~18 months")
    if sum(1 for t in alltouch if t["days_ago"] < 84) < 200:
        bad("too few touches in the last 12 weeks")
    if sum(1 for t in alltouch if t["template"]) < 40:
        bad("too few template touches")
    for tname in templates:
        if not any(t["template"] == tname for t in alltouch):
            bad("template %s never used" % tname)
    histories = [[e["to"] for e in c["stage_history"]] for c in cands]
    if not any(STAGES.index(e["to"]) < STAGES.index(e["from"]) for c in cands for e in c["stage_history"][1:]):
        bad("no backward stage move")
    if not any(STAGES.index(e["to"]) - STAGES.index(e["from"]) > 1 for c in cands for e in c["stage_history"][1:]):
        bad("no skipped stage")
    del histories

    lt = {c["key"]: last_touch(c) for c in cands}
    dormant = [c for c in cands if lt[c["key"]] is not None and lt[c["key"]] >= 180]
    if len(dormant) < 40:
        bad("only %d candidates with last touch 180+ days ago" % len(dormant))
    if len({c["status"] for c in dormant}) < 3:
        bad("dormant candidates are not a mix of statuses")
    if not any(c["email"] is None for c in dormant if c["status"] in ("active", "not_looking")):
        bad("no dormant, re-engageable candidate without e-mail")
    for d in (179, 180, 181):
        hits = [c for c in cands if lt[c["key"]] == d]
        if len(hits) != 1:
            bad("want exactly one candidate with last touch %d days ago, found %d" % (d, len(hits)))
        elif hits[0]["status"] != "active" or not hits[0]["email"]:
            bad("boundary candidate %s must be active with a valid e-mail" % hits[0]["key"])
    due = [c for c in dormant if c["status"] not in ("placed", "do_not_contact") and c["email"]]
    if len(due) < 25:
        bad("only %d re-engagement-due candidates" % len(due))

    fus = [c["next_follow_up_in_days"] for c in cands if c["next_follow_up_in_days"] is not None]
    over, today, fut = (sum(1 for v in fus if v < 0), sum(1 for v in fus if v == 0), sum(1 for v in fus if v > 0))
    if not 20 <= over <= 30 or not 8 <= today <= 12 or not 35 <= fut <= 45:
        bad("follow-ups overdue/today/future = %d/%d/%d (want ~25/10/40)" % (over, today, fut))

    stale = [c for c in cands if c["stage"] in STAGES[:3] and lt[c["key"]] is not None and 30 <= lt[c["key"]] < 180]
    if len(stale) < 60:
        bad("only %d stale pipeline candidates" % len(stale))

    with_fr = [c for c in cands if c["future_roles"]]
    if not 0.28 <= len(with_fr) / n <= 0.40:
        bad("future roles for %.0f%% of candidates (want about a third)" % (100 * len(with_fr) / n))
    if sum(1 for c in with_fr if len(c["future_roles"]) >= 2) < 10:
        bad("too few future-role histories")
    if not any(len(c["future_roles"]) == 3 for c in with_fr):
        bad("no three-entry future-role history")
    norm = Counter(" ".join(c["future_roles"][-1]["title"].split()).lower() for c in with_fr)
    raw = Counter(c["future_roles"][-1]["title"] for c in with_fr)
    if len(raw) <= len(norm):
        bad("future-role titles have no variants to normalise")
    sl = [c for c in with_fr if c["future_roles"][-1]["title"] == "Staff Engineer"
          and c["future_roles"][-1]["location"] == "Lisbon" and c["status"] != "do_not_contact"]
    if len(sl) < 3 or not any(c["future_roles"][-1]["remote"] for c in sl):
        bad("want 3+ contactable people wanting Staff Engineer / Lisbon, one remote")

    zoe = [c for c in cands if c["first_name"] == "Zoë" and c["last_name"] == "Müller"]
    if len(zoe) != 1:
        bad("want exactly one Zoë Müller")
    else:
        z = zoe[0]
        if z["stage"] != "consideration" or z["status"] != "active" or not z["email"] or not z["future_roles"] or \
                z["future_roles"][-1]["title"] != "Staff Engineer" or z["future_roles"][-1]["location"] != "Lisbon":
            bad("Zoë Müller is not as specified")
    ym = [c for c in cands if c["first_name"] == "山田" and c["last_name"] == "太郎"]
    if len(ym) != 1 or ym[0]["title"] != "データエンジニア":
        bad("want exactly one 山田 太郎, title データエンジニア")

    scripts = Counter()
    for c in cands:
        for ch in c["first_name"] + c["last_name"]:
            s = script_of(ch)
            if s:
                scripts[s] += 1
    for s in ("CJK", "HANGUL", "ARABIC", "CYRILLIC", "GREEK", "DEVANAGARI", "HEBREW", "EMOJI"):
        if not scripts[s]:
            bad("no name in script %s" % s)
    firsts = {c["first_name"] for c in cands}
    for name in ("Zoë", "François", "Łukasz", "Øyvind", "Ñuño", "Kai 🚀"):
        if name not in firsts:
            bad("no candidate with first name %s" % name)
    latin = sum(1 for c in cands if all(ord(ch) < 0x250 or ch in " '-" for ch in c["first_name"] + c["last_name"]))
    if latin < 0.85 * n:
        bad("most names should be Latin-script")
    accented = sum(1 for c in cands if any(128 <= ord(ch) < 0x250 for ch in c["first_name"] + c["last_name"]))
    if accented < 30:
        bad("too few accented Latin names")

    adv_refs = [c for c in cands if c["referred_by"] and by_key[c["referred_by"]]["stage"] == "advocacy"]
    if not 15 <= len(adv_refs) <= 25:
        bad("%d candidates referred by advocacy candidates (want ~20)" % len(adv_refs))
    return p


def summary(desk):
    cands = desk["candidates"]
    lines = []
    lines.append("candidates: %d" % len(cands))
    lines.append("by stage:   " + ", ".join("%s %d" % (s, sum(c["stage"] == s for c in cands)) for s in STAGES))
    lines.append("by status:  " + ", ".join("%s %d" % (s, sum(c["status"] == s for c in cands)) for s in STATUSES))
    nt = sum(len(c["touches"]) for c in cands)
    lines.append("touches:    %d (%.2f per candidate, %d candidates with none)" % (
        nt, nt / len(cands), sum(1 for c in cands if not c["touches"])))
    lt = [last_touch(c) for c in cands]
    lines.append("last touch 180+ days ago: %d" % sum(1 for v in lt if v is not None and v >= 180))
    fus = [c["next_follow_up_in_days"] for c in cands if c["next_follow_up_in_days"] is not None]
    lines.append("follow-ups: overdue %d, today %d, future %d" % (
        sum(v < 0 for v in fus), sum(v == 0 for v in fus), sum(v > 0 for v in fus)))
    lines.append("future roles: %d candidates" % sum(1 for c in cands if c["future_roles"]))
    lines.append("referred by someone on the desk: %d" % sum(1 for c in cands if c["referred_by"]))
    return "\n".join(lines)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    path = args[0] if args else os.path.join(here, "..", "sample-data", "desk.json")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    desk = json.loads(text)
    problems = validate(desk, text)
    if "--reproducible" in argv:
        fresh = subprocess.run([sys.executable, os.path.join(here, "make-sample-data.py")], capture_output=True,
                               check=False).stdout.decode("utf-8")
        if fresh != text:
            problems.append("%s differs from a fresh run of make-sample-data.py" % path)
        readme = os.path.join(os.path.dirname(os.path.abspath(path)), "README.md")
        if os.path.exists(readme):
            with open(readme, encoding="utf-8") as f:
                doc = f.read()
            specials = subprocess.run([sys.executable, os.path.join(here, "make-sample-data.py"), "--specials"],
                                      capture_output=True, check=False).stdout.decode("utf-8")
            for line in specials.splitlines():
                _, key, name = line.split(None, 2)
                if "| %s | %s" % (name, key) not in doc and key not in doc:
                    problems.append("README.md does not mention %s (%s)" % (key, name))
    for msg in problems:
        print(msg, file=sys.stderr)
    if problems:
        print("check-sample-data: %d problem(s) in %s" % (len(problems), path), file=sys.stderr)
        return 1
    print(summary(desk))
    print("check-sample-data: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
