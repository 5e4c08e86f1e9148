#!/usr/bin/env python3
"""Generate the Funnel demo desk: sample-data/desk.json.

Deterministic (fixed seed, standard library only, no network). Every date is
relative ("days ago"), so the same file works whatever day the demo is built.

    python3 scripts/make-sample-data.py > sample-data/desk.json
    python3 scripts/make-sample-data.py --out sample-data/desk.json

Before writing, the generated desk is validated with scripts/check-sample-data.py;
if any invariant fails nothing is written and the exit status is 1.
All people, companies, e-mail addresses and phone numbers are fictional.
"""

import argparse
import importlib.util
import json
import os
import random
import sys
import unicodedata

SEED = 20240917
MAX_DAYS = 540

RECRUITER = {"name": "Sam Rivera", "email": "sam.rivera@northwind-talent.example"}
OTHER_OWNERS = ["Priya Nair", "Jonas Becker"]

STAGES = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]

# Exact number of candidates per (stage, status): 340 in all.
STAGE_PLAN = {
    "awareness": {"active": 106, "not_looking": 24, "do_not_contact": 6},
    "consideration": {"active": 65, "not_looking": 16, "do_not_contact": 4},
    "conversion": {"active": 39, "not_looking": 7, "placed": 3, "do_not_contact": 2},
    "loyalty": {"placed": 36, "active": 2, "not_looking": 2, "do_not_contact": 1},
    "advocacy": {"placed": 26, "not_looking": 1},
}

# Candidates whose last touch is 182+ days ago (besides the 180/181 boundary cases).
DORMANT_QUOTA = [
    ("awareness", "active", 12), ("awareness", "not_looking", 6), ("awareness", "do_not_contact", 2),
    ("consideration", "active", 8), ("consideration", "not_looking", 4),
    ("consideration", "do_not_contact", 1),
    ("conversion", "active", 2), ("conversion", "not_looking", 1),
    ("loyalty", "placed", 6), ("loyalty", "not_looking", 1),
    ("advocacy", "placed", 3), ("advocacy", "not_looking", 1),
]
# Never touched at all (all created recently).
NONE_QUOTA = [("awareness", "active", 16), ("consideration", "active", 2)]
# Re-engagement already started: a reengage-hello e-mail after 6+ quiet months.
# (days ago of the re-engagement e-mail, days ago of their answer or None)
REENGAGE_PLAN = [(8, None), (20, None), (21, None), (22, None), (35, None), (50, 44), (66, 61)]

FOLLOW_UP_COUNTS = {"overdue": 25, "today": 10, "future": 40}

# opened_days_ago: o1, o2 and o4 opened in the last two weeks (Today's "Fits an open role" lists
# their matches, o1's first); o7 has been open for longer, so its matches are not in that group.
OPENINGS = [
    {"key": "o1", "title": "Staff Engineer", "location": "Lisbon", "company": "Blue Harbor", "status": "open", "opened_days_ago": 3},
    {"key": "o2", "title": "Senior Backend Engineer", "location": "Berlin", "company": "Nordlicht AG", "status": "open", "opened_days_ago": 6},
    {"key": "o3", "title": "Data Engineer", "location": "Remote", "company": "Polaris Data", "status": "on_hold", "opened_days_ago": 30},
    {"key": "o4", "title": "Engineering Manager", "location": "London", "company": "Cobalt Payments", "status": "open", "opened_days_ago": 10},
    {"key": "o5", "title": "Product Designer", "location": "Amsterdam", "company": "Brightwave", "status": "filled", "opened_days_ago": 75},
    {"key": "o6", "title": "Site Reliability Engineer", "location": "Dubai", "company": "Tidewater Logistics", "status": "closed", "opened_days_ago": 120},
    {"key": "o7", "title": "ML Engineer", "location": "Tokyo", "company": "Sakura Systems", "status": "open", "opened_days_ago": 45},
]

TEMPLATES = [
    {
        "name": "reengage-hello",
        "channel": "email",
        "subject": "It's been a while, {{first_name|there}}",
        "body": (
            "Hi {{first_name|there}},\n\n"
            "It has been a few months since we last spoke, so I wanted to say hello and see how things are going.\n\n"
            "If anything has changed on your side, or if you would simply like to hear what is moving in the market, "
            "reply to this e-mail and we will find 15 minutes.\n\n"
            "Best,\n{{recruiter.name}}\n{{recruiter.email}}"
        ),
    },
    {
        "name": "followup-after-voicemail",
        "channel": "email",
        "subject": "Sorry I missed you, {{first_name}}",
        "body": (
            "Hi {{first_name}},\n\n"
            "I just left you a short voicemail. I am working on a role that builds on your experience as "
            "{{current_title}} and I would love to tell you about it.\n\n"
            "Is there a good time for a 15-minute call this week? Feel free to reply with a slot that suits you.\n\n"
            "Thanks,\n{{recruiter.name}}"
        ),
    },
    {
        "name": "notnow-checkin",
        "channel": "email",
        "subject": "One question for later, {{first_name}}",
        "body": (
            "Hi {{first_name}},\n\n"
            "Thanks again for being open with me. I completely understand that now is not the right time.\n\n"
            "One question, so that I only ever call you about the right thing: if I called you one day about a role, "
            "what would the title be, and where would it be located?\n\n"
            "A single line is perfect.\n\n{{recruiter.name}}"
        ),
    },
    {
        "name": "referral-thanks",
        "channel": "email",
        "subject": "Thank you, {{first_name}}!",
        "body": (
            "Hi {{first_name}},\n\n"
            "Thank you so much for the referral. It means a lot that you trust me with someone from your network; "
            "I will take good care of them and keep you posted.\n\n"
            "I hope all is well at {{company}}.\n\n{{recruiter.name}}"
        ),
    },
    {
        "name": "linkedin-connect",
        "channel": "linkedin",
        "subject": "Connection request",
        "body": (
            "Hi {{first_name}}, I was hoping to connect with you by phone this week. "
            "Could we make that happen? Thanks, {{recruiter.name}}"
        ),
    },
    {
        "name": "future-role-alert",
        "channel": "email",
        "subject": "A {{future_role.title}} role in {{future_role.location}}",
        "body": (
            "Hi {{first_name}},\n\n"
            "When we last spoke you told me that if I ever called, it should be about a {{future_role.title}} role "
            "in {{future_role.location}}. I have one.\n\n"
            "Would you have 20 minutes this week to hear about it?\n\n"
            "{{recruiter.name}}\n{{recruiter.email}}"
        ),
    },
    {
        "name": "followup-sms",
        "channel": "sms",
        "subject": "Missed call",
        "body": "Hi {{first_name}}, it's {{recruiter.name}}. I just tried to call you. Is there a good time to talk this week?",
    },
]
TEMPLATE_NEEDS = {  # candidate fields a template needs (besides first_name, which everyone has)
    "followup-after-voicemail": ["email", "title"],
    "referral-thanks": ["email", "company"],
    "future-role-alert": ["email", "future_role"],
    "reengage-hello": ["email"],
    "notnow-checkin": ["email"],
    "linkedin-connect": ["linkedin_url"],
    "followup-sms": ["phone"],
}

# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

ORIGINS = {
    "de": dict(w=18, country="Germany", cities=["Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Leipzig"],
               phones=["+49 30 #######", "+49 151 ########", "0049 171 #######", "030 ########", "+49 (0)89 ######"],
               first=["Lukas", "Anna", "Jonas", "Lea", "Felix", "Sophie", "Maximilian", "Marie", "Jürgen", "Lena",
                      "Björn", "Katrin", "Tobias", "Jörg", "Sören", "Hannah", "Moritz", "Jana", "Ulrike", "Matthias"],
               last=["Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch",
                     "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Krüger", "Hübner", "Groß", "Weiß",
                     "Zimmermann", "Lehmann", "Köhler"]),
    "fr": dict(w=12, country="France", cities=["Paris", "Lyon", "Toulouse", "Nantes", "Bordeaux", "Lille"],
               phones=["+33 6 ## ## ## ##", "06 ## ## ## ##", "+33 (0)7 ## ## ## ##", "+33 1 ## ## ## ##"],
               first=["François", "Amélie", "Théo", "Chloé", "Hélène", "Jérôme", "Léa", "Cédric", "Élodie",
                      "Noémie", "Gaël", "Benoît", "Inès", "Raphaël", "Margaux", "Aurélien"],
               last=["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Fontaine", "Rousseau", "Mercier",
                     "Faure", "Chevalier", "Lemaître", "Barbier", "Garnier", "Perrin", "Benoît"]),
    "es": dict(w=9, country="Spain", cities=["Madrid", "Barcelona", "Valencia", "Bilbao", "Seville", "Málaga"],
               phones=["+34 6## ### ###", "+34 6########", "6## ## ## ##"],
               first=["Ñuño", "Alejandro", "Lucía", "Begoña", "Iñaki", "Sofía", "Javier", "Marta", "Pablo", "Nerea",
                      "Íñigo", "Álvaro", "Carmen", "Andrés"],
               last=["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Núñez", "Muñoz",
                     "Ibáñez", "Castaño", "Ortega", "Echeverría"]),
    "pt": dict(w=8, country="Portugal", cities=["Lisbon", "Porto", "Braga", "Coimbra"],
               phones=["+351 91# ### ###", "+351 93#######", "+351 21# ### ###"],
               first=["João", "Inês", "Tiago", "Beatriz", "Gonçalo", "Mariana", "Rúben", "Leonor", "Duarte",
                      "Margarida", "Rui", "Catarina"],
               last=["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Rodrigues", "Conceição", "Gonçalves",
                     "Magalhães", "Araújo", "Sousa", "Lopes"]),
    "br": dict(w=3, country="Brazil", cities=["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Florianópolis"],
               phones=["+55 11 9####-####", "+55 21 9#### ####", "(11) 9####-####"],
               first=["Thiago", "Larissa", "Caio", "Fernanda", "Vinícius", "Júlia", "Guilherme", "Letícia"],
               last=["Oliveira", "Almeida", "Barbosa", "Cardoso", "Ribeiro", "Teixeira", "Nascimento"]),
    "it": dict(w=8, country="Italy", cities=["Milan", "Rome", "Turin", "Bologna", "Florence"],
               phones=["+39 3## ### ####", "+39 02 ########", "3## #######"],
               first=["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Niccolò", "Alessandro", "Martina",
                      "Lorenzo", "Federica", "Davide"],
               last=["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                     "De Luca", "Galli", "Fabbri"]),
    "nl": dict(w=8, country="Netherlands", cities=["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "The Hague"],
               phones=["+31 6 ########", "+31 (0)6-########", "06-## ## ## ##", "+31 20 ### ####"],
               first=["Daan", "Sanne", "Bram", "Femke", "Joost", "Lotte", "Sem", "Anouk", "Thijs", "Maartje",
                      "Ruud", "Eline"],
               last=["de Vries", "van den Berg", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "van Dijk",
                     "Mulder", "Dekker", "van der Meer", "Hendriks"]),
    "nordic": dict(w=8, country=None,
                   cities=["Oslo, Norway", "Stockholm, Sweden", "Copenhagen, Denmark", "Gothenburg, Sweden",
                           "Bergen, Norway", "Aarhus, Denmark", "Helsinki, Finland"],
                   phones=["+47 ### ## ###", "+46 70-### ## ##", "+45 ## ## ## ##", "+358 40 ### ####"],
                   first=["Øyvind", "Ingrid", "Sigrid", "Åsa", "Mikkel", "Freja", "Søren", "Linnea", "Erik",
                          "Astrid", "Elin", "Jukka", "Aino", "Magnus"],
                   last=["Hansen", "Johansen", "Nielsen", "Lindqvist", "Åberg", "Sørensen", "Berg", "Halvorsen",
                         "Nyström", "Ødegaard", "Virtanen", "Eriksson", "Dahl"]),
    "pl": dict(w=8, country=None,
               cities=["Warsaw, Poland", "Kraków, Poland", "Wrocław, Poland", "Gdańsk, Poland", "Prague, Czechia",
                       "Brno, Czechia"],
               phones=["+48 ### ### ###", "+48 ##########", "+420 ### ### ###"],
               first=["Łukasz", "Agnieszka", "Paweł", "Małgorzata", "Krzysztof", "Zofia", "Wojciech", "Tomáš",
                      "Jiří", "Kateřina", "Michał", "Joanna", "Ondřej"],
               last=["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Zieliński", "Dvořák", "Novák", "Kowalczyk",
                     "Lewandowska", "Szymańska", "Černý", "Mazur", "Krawczyk"]),
    "uk": dict(w=12, country=None,
               cities=["London, UK", "Manchester, UK", "Edinburgh, UK", "Bristol, UK", "Dublin, Ireland",
                       "Cork, Ireland", "Leeds, UK"],
               phones=["+44 20 7946 0###", "+44 7700 900###", "07700 900###", "+353 8# ### ####", "+44 (0)161 496 0###"],
               first=["Oliver", "Amelia", "Harry", "Isla", "George", "Siobhán", "Niamh", "Seán", "Eilidh", "James",
                      "Charlotte", "Tom", "Ciarán", "Aoife", "Rhys", "Imogen"],
               last=["Smith", "Jones", "Taylor", "Brown", "Williams", "O'Brien", "Murphy", "Evans", "Walsh",
                     "MacLeod", "O'Connor", "Hughes", "Ní Bhriain", "Fitzgerald", "Patel"]),
    "na": dict(w=6, country=None,
               cities=["New York, USA", "Boston, USA", "San Francisco, USA", "Toronto, Canada", "Montréal, Canada",
                       "Austin, USA"],
               phones=["+1 (212) 555-01##", "+1 415 555 01##", "514-555-01##", "+1.617.555.01##", "(512) 555-01##"],
               first=["Emily", "Michael", "Jessica", "Chris", "Ashley", "Tyler", "Brianna", "Marcus", "Geneviève",
                      "Mathieu", "Dakota"],
               last=["Johnson", "Miller", "Davis", "Wilson", "Anderson", "Thompson", "Tremblay", "Gagnon", "Côté",
                     "Bouchard", "Robinson"]),
    "tr": dict(w=3, country="Türkiye", cities=["Istanbul", "Ankara", "İzmir"],
               phones=["+90 5## ### ## ##", "+90 (5##) ### ####"],
               first=["Ayşe", "Mehmet", "Elif", "Burak", "Zeynep", "Çağla", "Emre", "Gökhan"],
               last=["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"]),
    "vn": dict(w=2, country="Vietnam", cities=["Ho Chi Minh City", "Hanoi", "Da Nang"],
               phones=["+84 9# ### ####", "+84 (0)90 ### ####"],
               first=["Hương", "Minh", "Thảo", "Đức", "Quỳnh", "Tuấn"],
               last=["Nguyễn", "Trần", "Phạm", "Lê", "Võ", "Đặng"]),
    "ro": dict(w=4, country=None,
               cities=["Bucharest, Romania", "Cluj-Napoca, Romania", "Budapest, Hungary", "Debrecen, Hungary"],
               phones=["+40 7## ### ###", "+36 30 ### ####", "+36 (1) ### ####"],
               first=["Ștefan", "Ioana", "Zsófia", "Ádám", "Andreea", "Bence", "Răzvan", "Réka"],
               last=["Popescu", "Ionescu", "Szabó", "Kovács", "Nagy", "Dumitrescu", "Tóth", "Stănescu"]),
}

# Names in other scripts. (first, last, romanised first, romanised last, city, phone formats, title override)
# Display order is first_name + " " + last_name, so for CJK the name reads in its native order.
SCRIPT_PEOPLE = [
    ("佐藤", "花子", "hanako", "sato", "Osaka, Japan", ["+81 90-####-####", "090-####-####"], None),
    ("鈴木", "健太", "kenta", "suzuki", "Tokyo, Japan", ["+81 80-####-####"], "バックエンドエンジニア"),
    ("李", "娜", "na", "li", "Shanghai, China", ["+86 138 #### ####"], None),
    ("王", "伟", "wei", "wang", "Berlin, Germany", ["+86 139 #### ####", "+49 176 ########"], None),
    ("陈", "静", "jing", "chen", "Singapore", ["+65 9### ####"], None),
    ("김", "민준", "minjun", "kim", "Seoul, South Korea", ["+82 10-####-####"], None),
    ("이", "서연", "seoyeon", "lee", "London, UK", ["+82 10 #### ####", "+44 7700 900###"], None),
    ("محمد", "العلي", "mohammed", "alali", "Dubai, United Arab Emirates", ["+971 50 ### ####"], None),
    ("ليلى", "حداد", "layla", "haddad", "Paris, France", ["+33 6 ## ## ## ##"], None),
    ("Ольга", "Смирнова", "olga", "smirnova", "Berlin, Germany", ["+49 157 ########"], None),
    ("Дмитрий", "Иванов", "dmitry", "ivanov", "Tbilisi, Georgia", ["+995 5## ## ## ##"], None),
    ("Олександр", "Коваленко", "oleksandr", "kovalenko", "Warsaw, Poland", ["+380 ## ### ## ##", "+48 ### ### ###"],
     None),
    ("Νίκος", "Παπαδόπουλος", "nikos", "papadopoulos", "Athens, Greece", ["+30 69# ### ####"], None),
    ("Ελένη", "Γεωργίου", "eleni", "georgiou", "Thessaloniki, Greece", ["+30 69########"], None),
    ("प्रिया", "शर्मा", "priya", "sharma", "Bengaluru, India", ["+91 98### #####"], None),
    ("राहुल", "वर्मा", "rahul", "verma", "London, UK", ["+91-98########", "+44 7700 900###"], None),
    ("נועה", "כהן", "noa", "cohen", "Tel Aviv, Israel", ["+972 5#-###-####"], None),
    ("สมชาย", "ใจดี", "somchai", "jaidee", "Bangkok, Thailand", ["+66 8# ### ####"], None),
]

# Names the brief asks for by example: always on the desk.
FORCED_LATIN = [("Łukasz", "Wiśniewski", "pl"), ("Øyvind", "Ødegaard", "nordic"), ("Ñuño", "Núñez", "es"),
                ("François", "Lefèvre", "fr")]

COMPANIES = [
    "Acme GmbH", "Blue Harbor", "Nordlicht AG", "Kettle & Finch", "Polaris Data", "Lumen Labs",
    "Fjord Analytics AS", "Café Numérique SAS", "Verdant Health", "Brightwave", "Tidewater Logistics",
    "Granite Bank", "Helix Robotics", "Quokka Games", "Orbital Freight", "Paperplane", "Mosaic Insurance",
    "Lighthouse Mobility", "Ember Energy", "Cobalt Payments", "Atlas Retail Group", "Meridian Media",
    "Zephyr Travel", "Kite & Key", "Oakridge Analytics", "Bonfire Studio", "Sakura Systems", "Øresund Systems ApS",
    "Vela Biotech", "Northstar Telecom", "Pebble & Co", "Saffron Foods", "Cirrus Cloud Ltd", "Tessera Security",
]
PLACEMENT_COMPANIES = ["Blue Harbor", "Nordlicht AG", "Polaris Data", "Cobalt Payments", "Brightwave",
                       "Tidewater Logistics", "Sakura Systems", "Lumen Labs", "Helix Robotics", "Verdant Health"]

FAMILIES = {
    "backend": dict(w=24, titles=["Backend Engineer", "Senior Backend Engineer", "Software Engineer",
                                  "Senior Software Engineer", "Java Developer", "Go Developer", "Python Developer",
                                  "Softwareentwickler", "Développeuse back-end"],
                    tags=["backend", "go", "java", "python", "kotlin", "rust", "postgres", "microservices"],
                    tech=["Go", "Java", "Kotlin", "Rust", "Python", "PostgreSQL", "Kafka"],
                    future=["Senior Backend Engineer", "Sr. Backend Engineer", "senior backend engineer ",
                            "Senior Backend Engineer", "Staff Engineer", "Principal Engineer", "Backend Engineer",
                            "Tech Lead", "Senior Software Engineer"],
                    openings=["o1", "o2"]),
    "frontend": dict(w=14, titles=["Frontend Developer", "Senior Frontend Engineer", "Full-Stack Developer",
                                   "UI Engineer", "Frontend Engineer"],
                     tags=["frontend", "react", "typescript", "vue", "css", "accessibility"],
                     tech=["React", "TypeScript", "Vue", "Svelte", "Next.js"],
                     future=["Senior Frontend Engineer", "Sr. Frontend Engineer", "senior frontend engineer",
                             "Frontend Lead", "Full-Stack Developer", "Staff Engineer"],
                     openings=["o2", "o1"]),
    "data": dict(w=16, titles=["Data Engineer", "Senior Data Engineer", "Data Scientist", "Senior Data Scientist",
                               "Analytics Engineer", "ML Engineer"],
                 tags=["data", "python", "spark", "sql", "dbt", "ml", "airflow"],
                 tech=["Spark", "dbt", "Airflow", "PyTorch", "Snowflake", "BigQuery"],
                 future=["Data Engineer", "data engineer", "Data engineer", "Senior Data Scientist",
                         "Sr. Data Scientist", "ML Engineer", "Head of Data", "Analytics Engineer"],
                 openings=["o3", "o7"]),
    "infra": dict(w=12, titles=["DevOps Engineer", "Site Reliability Engineer", "Platform Engineer",
                                "Cloud Architect", "Senior SRE"],
                  tags=["devops", "kubernetes", "aws", "gcp", "terraform", "sre"],
                  tech=["Kubernetes", "Terraform", "AWS", "GCP", "Prometheus"],
                  future=["Platform Engineer", "Site Reliability Engineer", "SRE", "Staff Engineer",
                          "Head of Platform", "Platform engineer"],
                  openings=["o6", "o1"]),
    "mobile": dict(w=7, titles=["iOS Developer", "Android Engineer", "Mobile Developer", "Senior iOS Engineer"],
                   tags=["mobile", "ios", "swift", "android", "kotlin", "flutter"],
                   tech=["Swift", "SwiftUI", "Kotlin", "Flutter", "Jetpack Compose"],
                   future=["Senior iOS Engineer", "Sr. iOS Engineer", "Mobile Lead", "Android Engineer"],
                   openings=["o2"]),
    "lead": dict(w=12, titles=["Engineering Manager", "Tech Lead", "Head of Engineering", "Staff Engineer",
                               "Principal Engineer", "VP Engineering"],
                 tags=["management", "leadership", "architecture", "hiring"],
                 tech=["Go", "Java", "Kubernetes", "TypeScript", "team topologies"],
                 future=["Engineering Manager", "Engineering manager", "engineering manager", "Head of Engineering",
                         "VP Engineering", "CTO", "Staff Engineer", "Director of Engineering"],
                 openings=["o4", "o1"]),
    "design": dict(w=8, titles=["Product Designer", "UX Researcher", "Product Manager", "Senior Product Manager"],
                   tags=["design", "ux", "figma", "product", "research"],
                   tech=["Figma", "design systems", "user research", "product discovery"],
                   future=["Product Designer", "Senior Product Designer", "Head of Design", "Product Manager",
                           "Group Product Manager"],
                   openings=["o5"]),
    "security": dict(w=7, titles=["Security Engineer", "QA Engineer", "Test Automation Engineer",
                                  "Application Security Engineer"],
                     tags=["security", "appsec", "qa", "testing", "cypress"],
                     tech=["threat modelling", "Burp Suite", "Cypress", "Playwright"],
                     future=["Security Engineer", "Head of Security", "QA Lead", "AppSec Engineer"],
                     openings=["o2", "o6"]),
}
EXTRA_TAGS = ["relocation", "remote-only", "german-speaking", "contract", "visa-needed", "silver-medalist",
              "returner", "french-speaking"]

FUTURE_LOCATIONS = ["Lisbon", "Berlin", "London", "Remote", "remote", "Remote (EU)", "Tokyo", "Dubai", "São Paulo",
                    "New York", "Montréal", "Montreal", "Amsterdam", "Barcelona", "Munich", "Zurich", "Porto",
                    "Singapore", "Copenhagen", "Paris", "Berlin", "London", "Lisbon", "Remote"]

INTERESTS = [
    ("Marathon runner", "Asked about the marathon: new PB, 3:38. Legs still sore."),
    ("two kids", "Kids both started school this month; mornings are chaos, call after 10."),
    ("loves Lisbon", "Back from Lisbon again. Half-joking about moving there for good."),
    ("Deftones fan", "Sent the Deftones tour dates; they already have tickets."),
    ("into bouldering", "Swapped climbing-gym tips. Tweaked a finger, off the wall for a month."),
    ("restoring a 1970s Vespa", "The Vespa finally runs! Sent me photos."),
    ("learning Japanese", "Passed the JLPT N4. Celebrated with ramen."),
    ("bakes sourdough", "Shared a sourdough starter tip; they sent a loaf photo back."),
    ("plays chess online", "Chatted about the world championship games for ten minutes."),
    ("new puppy", "Puppy update: chewed through a laptop charger."),
    ("volunteers at a code club", "Code club is looking for mentors; shared with two people on my desk."),
    ("cycling commuter", "Cycled to work all winter. Asked about bike-friendly offices."),
    ("jazz pianist", "Has a gig on Friday; might go."),
    ("Formula 1", "Talked about the Monza race, no work talk at all."),
    ("board games", "Recommended a co-op board game for the kids."),
    ("amateur astronomer", "Saw the comet from the Alps; sent the photo."),
    ("sailing", "Back from a sailing week in Croatia, very relaxed."),
    ("FC St. Pauli season ticket", "Congratulated on the St. Pauli result."),
    ("kitesurfing in Tarifa", "Off to Tarifa for two weeks of kitesurfing."),
    ("film photography", "Developing their own film now; a kitchen full of chemicals."),
    ("moving house in spring", "Moving date fixed for April; everything on hold until then."),
    ("vegan cooking", "Swapped recipes; promised to try the lentil one."),
    ("twins (age 4)", "Twins had chickenpox, week off. Wished them well."),
    ("caring for a parent", "Taking things slowly this year, family first. Will check in gently."),
    ("triathlon", "Finished the Hamburg triathlon, first one."),
    ("speaks four languages", "Now learning Portuguese as language number five."),
    ("open-source maintainer", "Their library hit 5k stars on GitHub; sent congratulations."),
    ("new baby", "Baby arrived! On parental leave until autumn."),
]

EVENTS = ["BerlinJS", "PyCon DE", "KubeCon", "Web Summit in Lisbon", "DevOpsDays Amsterdam", "a Java user group",
          "our summer drinks", "Data Council", "a Women in Tech breakfast", "FOSDEM", "a React meetup",
          "the Lisbon tech job fair"]
HOLIDAYS = ["Crete", "the Algarve", "Lapland", "Kyoto", "Sardinia", "Cornwall", "the Dolomites", "Marrakesh",
            "Mallorca", "the Azores", "Iceland", "Lake Como"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
HUB_CITIES = ["Berlin, Germany", "London, UK", "Amsterdam, Netherlands", "Lisbon, Portugal", "Barcelona, Spain",
              "Munich, Germany", "Paris, France", "Dublin, Ireland", "Zurich, Switzerland", "Vienna, Austria"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "post.example.org",
                 "inbox.example.net", "example.com", "example.org"]

# ---------------------------------------------------------------------------------------------
# Touch recipes: (weight, channel, direction, outcome, template or None, [notes]).
# Placeholders are filled from the candidate's context; see Ctx below.
# ---------------------------------------------------------------------------------------------

R_AWARENESS = [
    (6, "linkedin", "out", "sent", "linkedin-connect", [
        "Connection request with a short note asking for a call.",
        "Sent connection request; profile mentions {tech}{at_company}.",
        "LinkedIn invite with the usual note. Profile looks strong on {tech}."]),
    (3, "linkedin", "out", "replied", "linkedin-connect", [
        "Accepted and replied: open to a chat on {day} after 5pm.",
        "Accepted the invite and asked what the role is. Sent a teaser."]),
    (5, "linkedin", "out", "sent", None, [
        "InMail about {opening} at {client}.",
        "Follow-up InMail, shorter this time.",
        "Liked their post about {tech} and sent a quick hello."]),
    (8, "email", "out", "sent", None, [
        "Intro e-mail about the {opening} role at {client}.",
        "Sent intro and salary band for {opening}. Will try a call next week.",
        "First e-mail. Kept it short and mentioned the {tech} stack.",
        "Intro e-mail, two lines, asked for 15 minutes."]),
    (3, "email", "out", "replied", None, [
        "Replied within the hour, wants the job description and the remote policy.",
        "Short reply: 'maybe, send details'.",
        "Replied from their phone: interested, but only after their holiday in {holiday}."]),
    (1, "email", "out", "bounced", None, [
        "Bounced (mailbox full). Will try LinkedIn instead.",
        "Bounced. Probably an old address; double-check the profile."]),
    (9, "phone", "out", "no_answer", None, [
        "No answer on mobile.",
        "Rang twice, no pickup. Try {day} morning.",
        "No answer, no voicemail set up."]),
    (9, "voicemail", "out", "left_voicemail", None, [
        "Left VM about the {opening} role.",
        "Left a short voicemail mentioning {client} and {city_short}.",
        "VM: introduced myself, asked for 10 minutes this week.",
        "Second voicemail. Friendly, no pressure."]),
    (3, "phone", "out", "replied", None, [
        "Quick call from the train, asked me to e-mail details.",
        "Picked up! 15-minute intro call. Currently {current}; curious but cautious."]),
    (2, "phone", "out", "not_now", None, [
        "Not interested right now, mid-project. Said to try again after the summer.",
        "Polite no: just changed teams{at_company}."]),
    (1, "phone", "out", "declined", None, [
        "Declined: happy where they are and not moving from {city_short}."]),
    (3, "sms", "out", "sent", None, [
        "Texted after the missed call.",
        "SMS: asked for a good time to talk."]),
    (2, "whatsapp", "out", "replied", None, [
        "WhatsApp voice note back: busy with a release, ping in two weeks.",
        "Replied on WhatsApp with a thumbs up and 'call me Thursday'."]),
    (1, "in_person", "out", "interested", None, [
        "Met at {event} in {city_short}. Great chat about {tech}.",
        "Coffee near their office in {city_short}. Open to hearing about {opening}."]),
    (2, "email", "in", "replied", None, [
        "E-mailed asking whether the {opening} role is still open.",
        "Replied to an old e-mail of mine: 'is the {client} role still a thing?'"]),
    (1, "linkedin", "in", "interested", None, [
        "Messaged me on LinkedIn: contract ends in {month}, looking again.",
        "Reached out after seeing my post about {client}."]),
    (3, "note", "out", None, None, [
        "Strong {tech} profile; talks at meetups. Worth a proper call.",
        "Found via a colleague's post. Speaks German and English.",
        "Profile says 'open to work' since {month}.",
        "Not a fit for {opening} (no {tech}), keep for later."]),
]

R_CONSIDERATION = [
    (5, "phone", "out", "interested", None, [
        "45-minute call. Motivations: growth, less on-call, {city_short} or remote. Sending two roles.",
        "Good call. Interested in {opening} at {client}; salary expectation around €{salary}k.",
        "Walked through {client}'s interview process. Wants to think about it over the weekend.",
        "Long call about career direction. Likes product-focused teams. Notice period three months."]),
    (6, "phone", "out", "no_answer", None, [
        "No answer. Probably in the stand-up.",
        "Tried at lunchtime, no answer."]),
    (6, "voicemail", "out", "left_voicemail", None, [
        "Left VM with two times that work for me.",
        "Voicemail: news on the {client} role.",
        "Left a voicemail; will send an e-mail too."]),
    (3, "phone", "out", "not_now", None, [
        "Not right now: just got promoted. Will stay in touch.",
        "Timing is off, the team is mid-migration to {tech}. Try again in Q{quarter}.",
        "Not now. Kids are small and they do not want to change jobs this year."]),
    (7, "email", "out", "sent", None, [
        "Sent the job description for {opening} and my notes on {client}.",
        "Shared two anonymised roles ({tech}).",
        "Sent the interview-process overview and the salary band.",
        "E-mailed a recap of our call and next steps."]),
    (5, "email", "out", "replied", None, [
        "Replied: yes to {opening}, asked about visa support.",
        "Replied with an updated CV and two references.",
        "Replied with questions about equity and the on-call rota."]),
    (3, "email", "in", "replied", None, [
        "E-mailed back with an updated CV.",
        "Sent me their GitHub and a blog post on {tech}."]),
    (2, "email", "in", "interested", None, [
        "Wrote back: keen on {opening}, free any afternoon next week.",
        "Very interested in {client}, asked who the hiring manager is."]),
    (3, "in_person", "out", "interested", None, [
        "Lunch in {city_short}. Talked about moving for the kids' school.",
        "Coffee. Sharp, thoughtful, a bit burned out{at_company}. Wants a calmer team.",
        "Met at {event}; we talked {tech} for an hour."]),
    (3, "whatsapp", "out", "replied", None, [
        "Sent a few questions on WhatsApp, answered the same evening.",
        "WhatsApp: confirmed availability for a call on {day}."]),
    (2, "linkedin", "out", "replied", None, [
        "LinkedIn follow-up. Replied: still interested, just swamped."]),
    (2, "phone", "in", "interested", None, [
        "Called me back after my VM. Interested, wants details in writing.",
        "Called on their commute; keen on the {opening} role."]),
    (4, "note", "out", None, None, [
        "Prefers calls after 6pm (kids' bedtime before that).",
        "Salary floor €{salary}k. Will not go below.",
        "Notice period three months (German contract).",
        "Partner is relocating to {city_short} next spring; timing matters.",
        "Great {tech} depth; weaker on system design. Prep them for that.",
        "On holiday in {holiday} until the {nth}; do not chase.",
        "Speaks Portuguese and English; learning German."]),
]

R_CONVERSION = [
    (5, "email", "out", "sent", None, [
        "Interview with {client} booked for {day} 10:00. Sent the calendar invite.",
        "Sent prep notes for the {client} system design round.",
        "Sent the offer summary and benefits booklet."]),
    (4, "phone", "out", "interested", None, [
        "Prep call for the {client} technical round. Nervous but well prepared.",
        "Debrief after first interview: liked the team, unsure about the commute.",
        "Offer call: €{salary}k plus equity. Wants 48 hours.",
        "Second-round debrief: went well, they loved the {tech} questions."]),
    (4, "phone", "out", "no_answer", None, [
        "No answer, probably in the interview. Texted.",
        "No answer; will try after 6."]),
    (2, "voicemail", "out", "left_voicemail", None, [
        "Left VM: {client} wants a second round.",
        "Voicemail with the feedback headline; details by e-mail."]),
    (3, "email", "out", "replied", None, [
        "Confirmed availability for the final round.",
        "Replied with three slots for the {client} onsite in {city_short}."]),
    (3, "email", "in", "replied", None, [
        "Sent questions about the contract (non-compete clause).",
        "Asked whether the start date can move by two weeks."]),
    (2, "phone", "out", "not_now", None, [
        "Counter-offer from their current employer; talking it through.",
        "Wants to pause for two weeks: family stuff."]),
    (2, "in_person", "out", "interested", None, [
        "Met for coffee before the final round in {city_short}.",
        "Breakfast after the onsite. Really wants this one."]),
    (2, "whatsapp", "out", "replied", None, [
        "WhatsApp: 'just out of the interview, think it went well!'"]),
    (3, "note", "out", None, None, [
        "Feedback from {client}: strong on {tech}, wants a second round.",
        "Reference checks done, all positive.",
        "{client} is comparing with one internal candidate.",
        "Client asked for a take-home; candidate has two weeks."]),
]

R_LOYALTY = [
    (4, "phone", "out", "replied", None, [
        "First-week check-in: settling in, loves the team.",
        "30-day check-in at {company}. Onboarding slow but fine.",
        "90-day check-in: passed probation.",
        "Catch-up call: back from parental leave, all good."]),
    (4, "email", "out", "sent", None, [
        "One-year anniversary at {company}; sent a card.",
        "Holiday card sent.",
        "Sent the salary survey results they asked about."]),
    (3, "email", "out", "replied", None, [
        "Check-in e-mail; replied that the new team lead is great.",
        "Replied: busy launch month, all fine."]),
    (3, "in_person", "out", "replied", None, [
        "Lunch in {city_short}. Mentioned the team is hiring two more {tech} people.",
        "Beers after work; they want to become a tech lead within a year.",
        "Coffee. Happy at {company}; still no regrets."]),
    (2, "whatsapp", "out", "replied", None, [
        "Sent congratulations on the release; replied with a party photo.",
        "Quick WhatsApp check-in, all good."]),
    (1, "phone", "out", "no_answer", None, ["No answer on the quarterly check-in call."]),
    (2, "email", "in", "replied", None, [
        "Wrote to say thanks again; six months in and loving it.",
        "Asked whether I know a good {tech} freelancer for a short project."]),
    (2, "note", "out", None, None, [
        "Promoted to senior at {company}. Send congratulations.",
        "Manager at {company} left; keep an eye on this.",
        "Invited to our summer drinks."]),
]

R_ADVOCACY = [
    (3, "email", "in", "replied", None, [
        "Sent me the CV of a former colleague ({tech}).",
        "Introduced me to their head of data."]),
    (3, "phone", "out", "replied", None, [
        "Asked for referrals for the {opening} role; promised two names.",
        "Catch-up call. Happy to speak on our panel at {event}."]),
    (2, "in_person", "out", "replied", None, [
        "Spoke on our panel at {event}. Brilliant.",
        "Dinner in {city_short} with two of their teammates."]),
    (2, "email", "out", "sent", None, [
        "Sent thanks and a small gift for the referrals.",
        "Sent the list of open roles they can share with friends."]),
    (1, "linkedin", "out", "replied", None, [
        "Shared our {opening} post; three applications came from it."]),
    (1, "note", "out", None, None, [
        "Top advocate: five referrals so far. Invite to the winter dinner.",
        "Wrote a testimonial for our website."]),
]

RECIPES = {"awareness": R_AWARENESS, "consideration": R_CONSIDERATION, "conversion": R_CONVERSION,
           "loyalty": R_LOYALTY, "advocacy": R_ADVOCACY}

ORIGIN_NOTES = {
    "LinkedIn": ("linkedin", "out", "sent", "linkedin-connect", [
        "Found on LinkedIn ({current}). Sent a connection request.",
        "LinkedIn search for {tech} in {city_short}. Connection request sent.",
        "Came up in a LinkedIn Recruiter search for {opening}. Invite sent.",
        "Spotted their post about {tech} on LinkedIn; sent an invite with a note."]),
    "Sourced": ("email", "out", "sent", None, [
        "Sourced from a conference speaker list. Intro e-mail sent.",
        "Sourced via GitHub ({tech} projects). Intro e-mail about {opening}.",
        "Found through a {tech} blog post they wrote. Intro e-mail sent.",
        "Name from an old {client} org chart. Cold intro e-mail.",
        "Sourced from the {event} attendee list. Short intro e-mail."]),
    "Job board": ("email", "in", "interested", None, [
        "Applied on a job board for {opening}.",
        "Job-board application for {opening}; CV looks solid.",
        "Applied via a job board. Cover letter mentions {city_short} and {tech}."]),
    "Inbound": ("email", "in", "interested", None, [
        "Applied via the careers page for {opening}.",
        "Inbound e-mail: saw our {client} post and wants to talk.",
        "E-mailed us out of the blue: leaving {company_or_job}, wants {tech} work.",
        "Inbound: a friend forwarded our {opening} ad."]),
    "Event": ("in_person", "out", "interested", None, [
        "Met at {event}. Swapped numbers.",
        "Met at {event}; gave a great lightning talk on {tech}.",
        "Chatted at {event} over bad coffee. Curious about {client}."]),
    "Referral": ("phone", "out", "interested", None, [
        "Referred by a former colleague. Intro call: open to {opening}.",
        "Referral from a friend of the desk. Warm intro call."]),
}

TRANSITION_NOTES = {
    ("awareness", "consideration"): [
        ("phone", "out", "interested", "Good first call. Interested in {opening}; sending details."),
        ("phone", "out", "interested", "Proper call at last. Open to a move if the team does serious {tech}."),
        ("phone", "out", "interested", "Called back on {day}. Keen, but needs hybrid (school runs)."),
        ("email", "in", "interested", "Wrote back: yes, let's talk about {opening}."),
        ("email", "in", "interested", "Replied with their CV attached. 'Tell me more about {client}.'"),
        ("in_person", "out", "interested", "Coffee in {city_short}: interested, wants to see two roles."),
    ],
    ("awareness", "conversion"): [
        ("phone", "out", "interested", "Fast-tracked: straight to the {client} hiring-manager interview."),
    ],
    ("consideration", "conversion"): [
        ("email", "out", "sent", "Submitted to {client} for {opening}. Interview invite sent."),
        ("email", "out", "sent", "CV and my write-up sent to {client}. First interview on {day}."),
        ("phone", "out", "interested", "Agreed to go forward with {client}. CV submitted today."),
        ("phone", "out", "interested", "Green light: {client} wants to meet them. Booked for {day}."),
    ],
    ("conversion", "consideration"): [
        ("note", "out", None, "{client} went with an internal candidate. Back to the pool; still keen."),
        ("phone", "out", "not_now", "{client} paused the role. Told them; disappointed but keen on similar roles."),
    ],
    ("consideration", "awareness"): [
        ("note", "out", None, "Went quiet after the first call. Moving back to awareness."),
    ],
    ("conversion", "loyalty"): [
        ("phone", "out", "replied", "Started at {company} today! Called to wish them luck."),
        ("email", "out", "replied", "First day at {company}. Welcome note sent; replied with a photo of the desk."),
        ("in_person", "out", "replied", "Started at {company}. Took them for breakfast on day one."),
    ],
    ("loyalty", "advocacy"): [
        ("phone", "out", "replied", "Offered to refer friends; knows two strong {tech} people."),
        ("email", "in", "replied", "Wrote to say they'd happily recommend us to their network."),
        ("in_person", "out", "replied", "Came to {event} and brought a friend who is looking."),
    ],
}

FUTURE_ASK_NOTES = {
    "out": [
        "Not looking: {happy_at}. Asked the question: if I called one day it would be {fr_title} in {fr_loc}{fr_rem}.",
        "Said not now (busy year at home). Future role: {fr_title}, {fr_loc}{fr_rem}. Check back after the summer.",
        "Passed on {opening}. But: 'call me for a {fr_title} job in {fr_loc}{fr_rem} and I am listening.'",
        "Not the right time, mid-migration at work. Would move for {fr_title} / {fr_loc}{fr_rem}.",
        "Declined politely. Dream job: {fr_title} in {fr_loc}{fr_rem}. Partner's family is there.",
        "Not now. When asked the future-role question: {fr_title}, {fr_loc}{fr_rem}, 'in a year or two'.",
    ],
    "loyalty": [
        "Happy at {company} for now; in two or three years would want {fr_title} in {fr_loc}{fr_rem}.",
        "Long-term plan: {fr_title}, {fr_loc}{fr_rem}. Not before their next vesting date.",
    ],
    "in": [
        "Replied to my check-in: still not looking, but the answer is {fr_title} in {fr_loc}{fr_rem}.",
        "Answered the future-role question by e-mail: {fr_title}, {fr_loc}{fr_rem}.",
    ],
}

TECH_BY_TAG = {"go": "Go", "java": "Java", "python": "Python", "kotlin": "Kotlin", "rust": "Rust",
               "postgres": "PostgreSQL", "react": "React", "typescript": "TypeScript", "vue": "Vue",
               "spark": "Spark", "dbt": "dbt", "ml": "machine learning", "airflow": "Airflow",
               "kubernetes": "Kubernetes", "aws": "AWS", "gcp": "GCP", "terraform": "Terraform",
               "swift": "Swift", "flutter": "Flutter", "figma": "Figma", "cypress": "Cypress", "sql": "SQL"}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

FOLD = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "đ": "d", "Đ": "D",
        "ð": "d", "þ": "th", "ı": "i"}


def ascii_slug(s):
    s = "".join(FOLD.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s.lower() if ch.isascii() and ch.isalnum())


def weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def fill_digits(rng, fmt):
    return "".join(str(rng.randint(0, 9)) if ch == "#" else ch for ch in fmt)


class Ctx(dict):
    def __missing__(self, key):
        raise KeyError("note placeholder {%s} has no value" % key)


# ---------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------

def plan_specs(rng):
    """One spec per candidate: stage, status, profile (how recent the last touch is) and overrides."""
    pool = []
    for stage in STAGES:
        for status, n in STAGE_PLAN[stage].items():
            pool.extend([(stage, status)] * n)

    specs = []

    def take(stage, status, **kw):
        pool.remove((stage, status))
        spec = dict(stage=stage, status=status)
        spec.update(kw)
        specs.append(spec)
        return spec

    # The named, deliberately distinctive candidates.
    take("consideration", "active", profile="recent", special="zoe", L=3, C=212, follow_up=0, source="LinkedIn",
         fam="backend",
         fr_fixed=[("Tech Lead", "Berlin", False, 118), ("Staff Engineer", "Lisbon", False, 41)])
    take("awareness", "active", profile="stale", special="yamada", L=45, C=130, source="Event",
         fr_fixed=[("Data Engineer", "Berlin", False, 45)])
    for L, stage in ((179, "awareness"), (180, "consideration"), (181, "awareness")):
        take(stage, "active", profile="boundary", special="boundary-%d" % L, L=L, C=L + rng.randint(25, 160),
             need_email=True, no_follow_up=True, fr_none=True)
    take("awareness", "not_looking", profile="stale", special="staff-lisbon-remote", L=64, C=300,
         fr_fixed=[("Staff Engineer", "Lisbon", True, 64)], no_follow_up=True, fam="backend")
    take("consideration", "active", profile="recent", special="staff-lisbon-history", L=9, C=380,
         fr_fixed=[("Senior Engineer", "Berlin", False, 290), ("Staff Engineer", "Lisbon", False, 97)],
         follow_up=-4, fam="lead")
    take("awareness", "active", profile="stale", special="staff-lisbon-third", L=33, C=170,
         fr_fixed=[("Staff Engineer", "Lisbon", False, 33)], fam="infra")
    take("awareness", "do_not_contact", profile="stale", special="staff-lisbon-dnc", L=88, C=400,
         fr_fixed=[("Staff Engineer", "Lisbon", False, 150)], fam="backend")
    take("consideration", "not_looking", profile="stale", special="staff-lisbon-superseded", L=70, C=350,
         fr_fixed=[("Staff Engineer", "Lisbon", False, 240), ("Engineering Manager", "Lisbon", False, 70)],
         fam="lead")
    take("awareness", "active", profile="recent", special="near-miss-title", L=12, C=90,
         fr_fixed=[("Staff Software Engineer", "Lisbon", False, 12)], fam="backend")
    take("consideration", "not_looking", profile="stale", special="near-miss-city", L=120, C=260,
         fr_fixed=[("Staff Engineer", "Porto", False, 120)], fam="backend")

    # Re-engagement already under way.
    for i, (sent, answered) in enumerate(REENGAGE_PLAN):
        stage = "awareness" if i % 2 == 0 else "consideration"
        status = "not_looking" if i in (1, 4) else "active"
        last = answered if answered is not None else sent
        take(stage, status, profile="reengage", special="reengage-%d" % sent, L=last, reengage_sent=sent,
             reengage_answer=answered, C=sent + rng.randint(200, MAX_DAYS - sent - 10), need_email=True,
             no_follow_up=True)

    # A pair with the same name (different people, different e-mails): dedupe must not merge them.
    take("awareness", "active", profile="recent", special="same-name-1", name=("Anna", "Schmidt", "de"))
    take("consideration", "active", profile="stale", special="same-name-2", name=("Anna", "Schmidt", "de"))

    rng.shuffle(pool)

    def take_quota(quota, profile, **kw):
        for stage, status, n in quota:
            for _ in range(n):
                take(stage, status, profile=profile, **kw)

    take_quota(NONE_QUOTA, "none")
    take_quota(DORMANT_QUOTA, "dormant")

    recent_share = {"awareness": 0.50, "consideration": 0.55, "conversion": 0.65, "loyalty": 0.45,
                    "advocacy": 0.50}
    for stage, status in list(pool):
        take(stage, status, profile="recent" if rng.random() < recent_share[stage] else "stale")
    assert not pool
    return specs


def make_path(rng, spec):
    target = STAGES.index(spec["stage"])
    inbound = spec["source"] in ("Inbound", "Job board", "Referral")
    if spec.get("special") in ("zoe",):
        return ["awareness", "consideration"]
    start = 1 if (inbound and target >= 1 and rng.random() < 0.45) or spec["profile"] == "none" and target else 0
    path = [STAGES[start]]
    cur = start
    while cur < min(target, 2):
        if cur == 0 and target >= 2 and rng.random() < 0.10:
            cur = 2
        else:
            cur += 1
        path.append(STAGES[cur])
    r = rng.random()
    if target == 1 and r < 0.10 and spec["profile"] != "none":
        path += ["conversion", "consideration"]
    elif target == 2 and r < 0.12:
        path += ["consideration", "conversion"]
    elif target >= 3 and r < 0.06:
        path += ["consideration", "conversion"]
    elif target == 0 and r < 0.04 and spec["profile"] not in ("none",):
        path += ["consideration", "awareness"]
    if target >= 3:
        path.append("loyalty")
    if target == 4:
        path.append("advocacy")
    return path


def plan_timeline(rng, spec):
    stage, prof = spec["stage"], spec["profile"]
    min_span = {"awareness": 0, "consideration": 14, "conversion": 30, "loyalty": 120, "advocacy": 220}[stage]
    max_span = {"awareness": 320, "consideration": 420, "conversion": 460, "loyalty": 540, "advocacy": 540}[stage]
    if prof == "none":
        spec["L"] = None
        spec["C"] = rng.randint(0, 150) if stage == "awareness" else rng.randint(1, 6)
    else:
        if "L" not in spec:
            if prof == "recent":
                L = min(rng.randint(0, 29), rng.randint(0, 29))
            elif prof == "stale":
                L = rng.randint(30, 178)
            else:  # dormant
                hi = min(520, MAX_DAYS - min_span)
                L = rng.randint(182, hi)
            spec["L"] = L
        L = spec["L"]
        if "C" not in spec:
            hi = max(min_span, min(max_span, MAX_DAYS - L))
            mode = min_span + (hi - min_span) * (0.3 if stage == "awareness" else 0.6)
            spec["C"] = L + int(round(rng.triangular(min_span, hi, mode)))
    path = make_path(rng, spec)
    spec["path"] = path
    k = len(path) - 1
    C = spec["C"]
    lo = spec["L"] if spec["L"] is not None else 0
    if prof == "reengage":
        lo = spec["reengage_sent"] + 190
    if spec.get("special") == "zoe":
        spec["trans_days"] = [150]
        return
    # Transition days: distinct, after creation (< C where possible), not before the last touch.
    choices = list(range(lo, C))
    if len(choices) >= k:
        days = rng.sample(choices, k)
    else:
        days = [rng.randint(lo, C) for _ in range(k)]
    days.sort(reverse=True)
    if stage in ("loyalty", "advocacy") and C - lo >= 60:
        # Placed people: placement in the older part of the window, so there is employment time after it.
        i_loy = path.index("loyalty") - 1
        span = C - lo
        p_day = rng.randint(lo + int(span * 0.3), C - max(3 * i_loy, 10))
        before = sorted(rng.sample(range(p_day + 1, C), i_loy), reverse=True) if C - p_day - 1 >= i_loy else \
            [rng.randint(p_day, C) for _ in range(i_loy)]
        after_n = k - i_loy - 1
        after = sorted(rng.sample(range(lo, p_day), after_n), reverse=True) if p_day - lo >= after_n else \
            [rng.randint(lo, p_day) for _ in range(after_n)]
        days = sorted(before, reverse=True) + [p_day] + after
    spec["trans_days"] = days


def touch_count(rng, stage):
    table = {
        "awareness": ([1, 2, 3, 4, 5, 6], [46, 28, 13, 7, 4, 2]),
        "consideration": ([2, 3, 4, 5, 6, 7], [28, 28, 20, 12, 8, 4]),
        "conversion": ([3, 4, 5, 6, 7, 8], [26, 26, 20, 14, 8, 6]),
        "loyalty": ([3, 4, 5, 6, 7, 8, 9], [10, 16, 20, 18, 16, 12, 8]),
        "advocacy": ([4, 5, 6, 7, 8, 9, 10], [10, 14, 18, 18, 16, 14, 10]),
    }
    vals, w = table[stage]
    return weighted(rng, vals, w)


# ---------------------------------------------------------------------------------------------
# Contact data
# ---------------------------------------------------------------------------------------------

class Registry:
    def __init__(self):
        self.emails = set()
        self.linkedin = set()
        self.phones = set()
        self.names = set()


def make_email(rng, reg, first_slug, last_slug):
    dom = rng.choice(EMAIL_DOMAINS)
    f, l = first_slug or "x", last_slug or "x"
    forms = ["{f}.{l}", "{f}.{l}", "{f}{l}", "{fi}.{l}", "{f}_{l}", "{l}.{f}", "{f}.{l}{n}", "{f}.{l}+jobs",
             "{f}{n}"]
    for attempt in range(50):
        form = rng.choice(forms) if attempt else forms[0] if rng.random() < 0.5 else rng.choice(forms)
        local = form.format(f=f, l=l, fi=f[0], n=rng.randint(1, 99))
        if attempt > 3:
            local += str(rng.randint(100, 999))
        addr = "%s@%s" % (local, dom)
        if addr.lower() not in reg.emails:
            reg.emails.add(addr.lower())
            return addr
    raise RuntimeError("could not make a unique e-mail")


def make_linkedin(rng, reg, first_slug, last_slug):
    for _ in range(50):
        form = rng.random()
        if form < 0.55:
            slug = "%s-%s-%04x" % (first_slug, last_slug, rng.randint(0, 0xFFFF))
        elif form < 0.8:
            slug = "%s%s" % (first_slug, last_slug) + (str(rng.randint(1, 99)) if rng.random() < 0.5 else "")
        else:
            slug = "%s-%s" % (first_slug, last_slug)
        if slug.lower() in reg.linkedin:
            continue
        reg.linkedin.add(slug.lower())
        style = rng.random()
        if style < 0.82:
            return "https://www.linkedin.com/in/%s" % slug
        if style < 0.92:
            return "https://www.linkedin.com/in/%s/" % slug
        return "https://linkedin.com/in/%s" % slug
    raise RuntimeError("could not make a unique LinkedIn URL")


def make_phone(rng, reg, fmts):
    for _ in range(50):
        p = fill_digits(rng, rng.choice(fmts))
        digits = "".join(ch for ch in p if ch.isdigit())
        if digits not in reg.phones:
            reg.phones.add(digits)
            return p
    raise RuntimeError("could not make a unique phone number")


def assign_people(rng, specs):
    reg = Registry()
    n = len(specs)
    # Which specs get a name from another script (never the fixed ones).
    free = [i for i, s in enumerate(specs) if "special" not in s]
    script_idx = rng.sample(free, len(SCRIPT_PEOPLE) + 1 + len(FORCED_LATIN))
    forced_idx = [script_idx.pop() for _ in FORCED_LATIN]
    kai_idx = script_idx.pop()
    origin_keys = list(ORIGINS)
    origin_w = [ORIGINS[k]["w"] for k in origin_keys]
    for i, s in enumerate(specs):
        family = s.get("fam") or weighted(rng, list(FAMILIES), [FAMILIES[f]["w"] for f in FAMILIES])
        s["fam"] = family
        fam = FAMILIES[family]
        title = rng.choice(fam["titles"])
        city = None
        phones = None
        origin = None
        if s.get("special") == "zoe":
            first, last, fs, ls = "Zoë", "Müller", "zoe", "muller"
            origin = "de"
        elif s.get("special") == "yamada":
            first, last, fs, ls = "山田", "太郎", "taro", "yamada"
            city, phones = "Tokyo, Japan", ["+81 3-####-####"]
            family = s["fam"] = "data"
            fam = FAMILIES[family]
            title = "データエンジニア"
        elif "name" in s:
            first, last, origin = s["name"]
            fs, ls = ascii_slug(first), ascii_slug(last)
        elif i in script_idx:
            first, last, fs, ls, city, phones, t = SCRIPT_PEOPLE[script_idx.index(i)]
            if t:
                title = t
        elif i in forced_idx:
            first, last, origin = FORCED_LATIN[forced_idx.index(i)]
            fs, ls = ascii_slug(first), ascii_slug(last)
        elif i == kai_idx:
            first, last, fs, ls = "Kai 🚀", "Andersen", "kai", "andersen"
            origin = "nordic"
        else:
            for _ in range(200):
                origin = weighted(rng, origin_keys, origin_w)
                first, last = rng.choice(ORIGINS[origin]["first"]), rng.choice(ORIGINS[origin]["last"])
                if (first, last) not in reg.names and not (first == "Zoë" and last == "Müller") and not (
                        first == "Anna" and last == "Schmidt"):
                    break
            fs, ls = ascii_slug(first), ascii_slug(last)
        reg.names.add((first, last))
        if origin:
            o = ORIGINS[origin]
            c = rng.choice(o["cities"])
            city = city or (c if o["country"] is None else "%s, %s" % (c, o["country"]))
            phones = phones or o["phones"]
        if s.get("special") == "zoe":
            city = "Berlin, Germany"
        s.update(first_name=first, last_name=last, title=title)
        # Location: mostly from origin, sometimes moved to a hub, sometimes unknown.
        r = rng.random()
        s["location"] = city if r < 0.74 or s.get("special") else (rng.choice(HUB_CITIES) if r < 0.92 else None)
        # Contact data.
        need_email = s.get("need_email") or s.get("special") in ("zoe", "yamada") or s["status"] == "placed"
        s["email"] = make_email(rng, reg, fs, ls) if need_email or rng.random() < 0.93 else None
        if s.get("special") == "zoe":
            reg.emails.discard(s["email"].lower())
            s["email"] = "zoe.muller@example.com"
            reg.emails.add(s["email"])
        if s["email"] and rng.random() < 0.03:
            local, dom = s["email"].split("@")
            s["email"] = local[:1].upper() + local[1:] + "@" + dom.capitalize()
        s["phone"] = make_phone(rng, reg, phones) if rng.random() < 0.82 or s["status"] == "placed" else None
        if s.get("special") == "zoe":
            s["phone"] = "+49 30 1234567"
        s["linkedin_url"] = make_linkedin(rng, reg, fs, ls) if rng.random() < 0.8 or s.get(
            "special") == "zoe" else None
        if s.get("special") == "zoe":
            reg.linkedin.add("zoe-muller-3a1b")
            s["linkedin_url"] = "https://www.linkedin.com/in/zoe-muller-3a1b"
        if not (s["email"] or s["phone"] or s["linkedin_url"]):
            s["phone"] = make_phone(rng, reg, phones)
        s["_fs"] = fs
        # Work.
        if s["status"] == "placed" or s["stage"] in ("loyalty", "advocacy"):
            s["company"] = rng.choice(PLACEMENT_COMPANIES)
            # Where they worked before we placed them (notes before the placement mention this one).
            s["_prev_company"] = rng.choice([c for c in COMPANIES if c != s["company"]]) if rng.random() < 0.9 \
                else None
        elif s.get("special") == "zoe":
            s["company"] = "Acme GmbH"
        elif s.get("special") == "yamada":
            s["company"] = "桜システム株式会社"
        else:
            s["company"] = rng.choice(COMPANIES) if rng.random() < 0.9 else None
        if s.get("special") not in ("zoe", "yamada") and rng.random() < 0.05 and s["status"] != "placed" and \
                s["stage"] not in ("loyalty", "advocacy"):
            s["title"] = None
        if s.get("special") == "zoe":
            s["title"] = "Senior Backend Engineer"
        # Tags, interests, owner, source.
        ntags = weighted(rng, [0, 1, 2, 3, 4], [10, 20, 32, 26, 12])
        tags = rng.sample(fam["tags"], min(ntags, len(fam["tags"])))
        if tags and rng.random() < 0.2:
            tags[-1] = rng.choice(EXTRA_TAGS)
        s["tags"] = list(dict.fromkeys(tags))
        if s.get("special") == "zoe":
            s["tags"] = ["backend", "go"]
        tech_tags = [TECH_BY_TAG[t] for t in s["tags"] if t in TECH_BY_TAG]
        s["_tech"] = tech_tags or fam["tech"]
        if s.get("special") == "zoe":
            s["_interests"] = [INTERESTS[0], INTERESTS[1], INTERESTS[2]]
        elif rng.random() < 0.42 or s["stage"] in ("loyalty", "advocacy") and rng.random() < 0.6:
            s["_interests"] = rng.sample(INTERESTS, weighted(rng, [1, 2, 3], [50, 35, 15]))
        else:
            s["_interests"] = []
        s["interests"] = "; ".join(x[0] for x in s["_interests"]) or None
        s["owner"] = weighted(rng, [RECRUITER["name"]] + OTHER_OWNERS, [80, 12, 8])
        if "source" not in s:
            if s["profile"] == "none" and s["stage"] == "consideration":
                s["source"] = "Inbound"
            else:
                s["source"] = weighted(rng, ["LinkedIn", "Sourced", "Job board", "Event", "Inbound", "Referral"],
                                       [36, 18, 14, 10, 14, 4])
        if s["source"] == "LinkedIn" and not s["linkedin_url"]:
            s["linkedin_url"] = make_linkedin(rng, reg, fs, ls)
        # Preferred channel must be reachable.
        avail = []
        if s["email"]:
            avail += ["email"] * 4
        if s["phone"]:
            avail += ["phone"] * 3 + ["whatsapp"] * 2 + ["sms"]
        if s["linkedin_url"]:
            avail += ["linkedin"] * 2
        s["preferred_channel"] = rng.choice(avail) if avail and rng.random() < 0.75 else None
        if s.get("special") == "zoe":
            s["preferred_channel"] = "email"
        s["_city_short"] = (s["location"] or rng.choice(HUB_CITIES)).split(",")[0]
        okey = rng.choice(fam["openings"])
        s["_opening"] = next(o for o in OPENINGS if o["key"] == okey)
        if (s.get("special") or "").startswith("staff-lisbon") or s.get("special") in ("zoe", "near-miss-title",
                                                                                       "near-miss-city"):
            s["_opening"] = OPENINGS[1] if s["fam"] != "lead" else OPENINGS[3]
        if s["status"] == "placed" or s["stage"] in ("loyalty", "advocacy"):
            s["_opening"] = {"title": s["title"], "company": s["company"]}
    # Dormant candidates without an e-mail address (re-engagement must skip them).
    dormant_open = [s for s in specs if s["profile"] == "dormant" and s["status"] in ("active", "not_looking")]
    for s in rng.sample(dormant_open, 5):
        if s["email"]:
            reg.emails.discard(s["email"].lower())
            s["email"] = None
            if s["preferred_channel"] == "email":
                s["preferred_channel"] = None
        if not (s["phone"] or s["linkedin_url"]):
            s["phone"] = make_phone(rng, reg, ORIGINS["de"]["phones"])


# ---------------------------------------------------------------------------------------------
# Future roles
# ---------------------------------------------------------------------------------------------

def plan_future_roles(rng, specs):
    for s in specs:
        s["_fr"] = []
    for s in specs:
        if "fr_fixed" in s or s.get("fr_none") or s["profile"] == "none":
            continue
        if s["status"] == "placed" and s["stage"] == "conversion":
            continue  # just accepted an offer: nobody asks them about the next job yet
        p = {"not_looking": 0.8, "active": 0.23, "placed": 0.25, "do_not_contact": 0.25}[s["status"]]
        if s["profile"] == "reengage":
            p = 0.0
        if rng.random() >= p:
            continue
        k = weighted(rng, [1, 2, 3], [72, 20, 8])
        fam = FAMILIES[s["fam"]]
        entries = []
        for _ in range(k):
            for _ in range(100):
                t = rng.choice(fam["future"])
                loc = rng.choice(FUTURE_LOCATIONS)
                if t.strip().lower() == "staff engineer" and loc == "Lisbon":
                    continue
                if t.strip().lower() == s["_opening"]["title"].lower() and loc == s["_opening"].get("location"):
                    continue  # they passed on exactly that opening
                if entries and (t, loc) == entries[-1][:2]:
                    continue
                break
            remote = loc.lower().startswith("remote") or rng.random() < 0.06
            entries.append((t, loc, remote))
        s["_fr_plan"] = entries
    return specs


# ---------------------------------------------------------------------------------------------
# Touches
# ---------------------------------------------------------------------------------------------

def stage_at(spec, day, seq):
    """Stage in effect at a touch (transitions on the same day count only for later-sequenced touches)."""
    stage = spec["path"][0]
    for i, t in enumerate(spec["trans_days"]):
        if t > day or (t == day and seq > 5):
            stage = spec["path"][i + 1]
    return stage


def plan_touches(rng, s):
    """Decide the days and kinds of every touch; contents are rendered later."""
    if s["profile"] == "none":
        s["_plan"] = []
        return
    C, L = s["C"], s["L"]
    plan = []
    lo = L
    if s["profile"] == "reengage":
        lo = s["reengage_sent"] + 190
        plan.append(dict(day=s["reengage_sent"], seq=6, kind="reengage"))
        if s["reengage_answer"] is not None:
            plan.append(dict(day=s["reengage_answer"], seq=6, kind="reengage_reply"))
    n = touch_count(rng, s["stage"])
    # Origin touch on the day the candidate was created.
    if rng.random() < 0.8 or n == 1 and C == L:
        plan.append(dict(day=C, seq=0, kind="origin"))
    for i, t in enumerate(s["trans_days"]):
        plan.append(dict(day=t, seq=5, kind="transition", frm=s["path"][i], to=s["path"][i + 1]))
    # Future-role asks.
    fr = []
    if "fr_fixed" in s:
        for t, loc, rem, day in s["fr_fixed"]:
            fr.append((t, loc, rem, day))
    elif s.get("_fr_plan"):
        k = len(s["_fr_plan"])
        hi = C
        if "loyalty" in s["path"]:
            hi = s["trans_days"][s["path"].index("loyalty") - 1] - 1  # only once they are placed
        first = lo + 1 if s["status"] in ("do_not_contact", "not_looking") else lo
        pool = [d for d in range(first, hi + 1) if d not in s["trans_days"]]
        days = rng.sample(pool, min(k, len(pool)))
        if s["status"] == "not_looking":
            days = [L] + days[:k - 1]
        days = sorted(days, reverse=True)
        for (t, loc, rem), day in zip(s["_fr_plan"], days):
            fr.append((t, loc, rem, day))
    for t, loc, rem, day in fr:
        plan.append(dict(day=day, seq=7, kind="future_ask", fr=(t, loc, rem)))
    s["_fr"] = [dict(title=t, location=loc, remote=rem, days_ago=day) for t, loc, rem, day in fr]
    # Job alert: an active person whose future-role answer matched something later on.
    if fr and s["status"] == "active" and s["email"] and s["stage"] in STAGES[:3] and fr[0][3] > lo \
            and rng.random() < 0.55:
        plan.append(dict(day=rng.randint(lo, fr[0][3] - 1), seq=3, kind="fr_alert"))
    # A "not now" answered later by the check-in e-mail that asks the future-role question.
    if not fr and s["status"] in ("active", "not_looking") and s["email"] and C - lo >= 30 and rng.random() < 0.15:
        d1 = rng.randint(lo + 20, C)
        plan.append(dict(day=d1, seq=6, kind="not_now"))
        plan.append(dict(day=rng.randint(max(lo, d1 - 90), d1 - 14), seq=2, kind="notnow_checkin"))
    # Status-driven last touch.
    last_kinds = {p["kind"] for p in plan if p["day"] == L}
    if s["status"] == "do_not_contact":
        plan.append(dict(day=L, seq=9, kind="dnc"))
    elif s["status"] == "not_looking" and "future_ask" not in last_kinds and "reengage_reply" not in last_kinds:
        if s["profile"] != "reengage":
            plan.append(dict(day=L, seq=8, kind="not_now"))
    elif s["status"] == "placed" and s["stage"] == "conversion":
        plan.append(dict(day=L, seq=8, kind="offer_accepted"))
    if not any(p["day"] == L for p in plan):
        plan.append(dict(day=L, seq=6, kind="generic"))
    # Generic touches fill up to n (never more than 12 in all, leaving room for companions).
    extra = max(0, n - len(plan))
    for _ in range(extra):
        plan.append(dict(day=rng.randint(lo, C), seq=rng.choice([1, 2, 3, 4, 6]), kind="generic"))
    s["_plan"] = plan


def plan_referrals(rng, specs):
    """About 21 candidates referred by advocacy candidates, at a day inside the referrer's advocacy window."""
    advocates = [s for s in specs if s["stage"] == "advocacy" and s["status"] == "placed"]
    candidates = [s for s in specs if s["stage"] in ("awareness", "consideration", "conversion") and not s.get(
        "special") and s["status"] in ("active", "not_looking") and s["profile"] in ("recent", "stale")]
    rng.shuffle(candidates)
    made = 0
    for r in candidates:
        if made >= 21:
            break
        fits = []
        for a in advocates:
            adv_day = a["trans_days"][-1]
            if a["L"] < r["C"] < adv_day and a["C"] > r["C"] and sum(1 for p in a["_plan"]) < 11:
                fits.append(a)
        if not fits:
            continue
        a = rng.choice(fits)
        r["_referrer"] = a
        r["source"] = "Referral"
        # The origin touch of the referred person mentions the referrer.
        for p in r["_plan"]:
            if p["kind"] == "origin":
                p["kind"] = "referred_origin"
                break
        else:
            r["_plan"].append(dict(day=r["C"], seq=0, kind="referred_origin"))
        a["_plan"].append(dict(day=r["C"], seq=4, kind="referral_given", referred=r))
        made += 1
    return made


def pick_recipe(rng, s, stage, state):
    recipes = []
    weights = []
    for w, ch, dr, oc, tpl, notes in RECIPES[stage]:
        if not channel_ok(s, ch):
            continue
        if tpl and not template_ok(s, tpl, state):
            continue
        if ch == s["preferred_channel"] or (ch == "voicemail" and s["preferred_channel"] == "phone"):
            w *= 2
        recipes.append((ch, dr, oc, tpl, notes))
        weights.append(w)
    return weighted(rng, recipes, weights)


def channel_ok(s, ch):
    if ch == "email":
        return bool(s["email"])
    if ch in ("phone", "voicemail", "sms", "whatsapp"):
        return bool(s["phone"])
    if ch == "linkedin":
        return bool(s["linkedin_url"])
    return True


def template_ok(s, tpl, state):
    for need in TEMPLATE_NEEDS[tpl]:
        if need == "future_role":
            if not state.get("has_fr"):
                return False
        elif not s.get(need):
            return False
    return True


def fallback_channel(s):
    for ch in ("email", "phone", "linkedin"):
        if channel_ok(s, ch):
            return ch
    return "in_person"


def render_touches(rng, s):
    plan = sorted(s["_plan"], key=lambda p: (-p["day"], p["seq"]))
    touches = []
    state = {}
    opening = s["_opening"]
    interests = list(s["_interests"])
    rng.shuffle(interests)
    first_word = s["first_name"].split(" ")[0]
    placed_day = None  # notes before this day talk about the previous employer
    if "loyalty" in s["path"]:
        placed_day = s["trans_days"][s["path"].index("loyalty") - 1]
    elif s["status"] == "placed":
        placed_day = s["L"]
    for p in plan:
        day = p["day"]
        stage = stage_at(s, day, p["seq"])
        fr_now = [f for f in s["_fr"] if f["days_ago"] >= day]
        state["has_fr"] = bool(fr_now)
        cur_fr = fr_now[-1] if fr_now else None
        company, title = s["company"], s["title"]
        if placed_day is not None and day > placed_day:
            company = s["_prev_company"]
        ctx = Ctx(first=first_word, company=company or "their employer", title=title or "their current role",
                  at_company=" at %s" % company if company else "",
                  company_or_job=company or "their job",
                  happy_at="happy at %s" % company if company else "happy where they are",
                  current=("%s at %s" % (title, company)) if title and company else (
                      title or ("at %s" % company if company else "between roles")),
                  tech=rng.choice(s["_tech"]), opening=opening["title"], client=opening["company"],
                  city_short=s["_city_short"], day=rng.choice(WEEKDAYS), event=rng.choice(EVENTS),
                  holiday=rng.choice(HOLIDAYS), month=rng.choice(MONTHS), salary=rng.randrange(60, 150, 5),
                  quarter=rng.randint(1, 4), nth=rng.choice(["3rd", "8th", "12th", "15th", "20th", "27th"]))
        if cur_fr:
            ctx.update(fr_title=cur_fr["title"].strip(), fr_loc=cur_fr["location"],
                       fr_rem=" (remote)" if cur_fr["remote"] and not cur_fr["location"].lower().startswith(
                           "remote") else "")
        kind = p["kind"]
        template = None
        if kind == "origin" or kind == "referred_origin":
            ch, dr, oc, template, notes = ORIGIN_NOTES["Referral" if kind == "referred_origin" else s["source"]]
            note = rng.choice(notes)
            if kind == "referred_origin":
                ref = s["_referrer"]
                note = "Referred by %s %s. Intro call: open to hearing about {opening}." % (
                    ref["first_name"], ref["last_name"])
            if template and not template_ok(s, template, state):
                template = None
            if not channel_ok(s, ch):
                template = None
                src_l = {"LinkedIn": "a LinkedIn search", "Sourced": "a sourcing session", "Event": "an event",
                         "Referral": "a referral"}.get(s["source"], "our database")
                if dr == "in":
                    if channel_ok(s, "phone"):
                        ch, oc, note = "phone", "interested", "Called in about the {opening} role."
                    elif channel_ok(s, "linkedin"):
                        ch, oc, note = "linkedin", "interested", "Messaged me on LinkedIn about {opening}."
                    else:
                        ch, oc, note = "in_person", "interested", "Came over to our stand at {event}."
                else:
                    ch = fallback_channel(s)
                    oc, note = {
                        "email": ("sent", "Added from %s. Intro e-mail sent." % src_l),
                        "phone": ("left_voicemail", "Added from %s. Left an intro voicemail." % src_l),
                        "linkedin": ("sent", "Added from %s. Sent a LinkedIn message." % src_l),
                        "in_person": ("interested", "Added from %s. Met in person." % src_l),
                    }[ch]
                    if ch == "phone":
                        ch = "voicemail"
        elif kind == "transition":
            options = TRANSITION_NOTES[(p["frm"], p["to"])]
            options = [o for o in options if channel_ok(s, o[0])] or [
                ("note", "out", None, options[0][3])]
            ch, dr, oc, note = rng.choice(options)
        elif kind == "future_ask":
            t, loc, rem = p["fr"]
            ctx.update(fr_title=t.strip(), fr_loc=loc,
                       fr_rem=" (remote)" if rem and not loc.lower().startswith("remote") else "")
            if stage in ("loyalty", "advocacy"):
                ch = weighted(rng, ["in_person", "phone"], [1, 1])
                ch = ch if channel_ok(s, ch) else "in_person"
                dr, oc, note = "out", "replied", rng.choice(FUTURE_ASK_NOTES["loyalty"])
            elif s["email"] and rng.random() < 0.25:
                ch, dr, oc = "email", "in", "replied"
                note = rng.choice(FUTURE_ASK_NOTES["in"])
            else:
                ch = weighted(rng, ["phone", "in_person", "linkedin", "whatsapp"], [6, 2, 2, 1])
                if not channel_ok(s, ch):
                    ch = "phone" if channel_ok(s, "phone") else "in_person"
                dr, oc = "out", "not_now"
                note = rng.choice(FUTURE_ASK_NOTES["out"])
            state["asked_fr"] = True
        elif kind == "dnc":
            options = [("note", "out", None, "{first} asked to be removed from our lists. Marked do not contact."),
                       ("note", "out", None, "GDPR objection by phone. Marked do not contact; no further outreach.")]
            if s["email"]:
                options.append(("email", "in", "replied",
                                "Replied: please stop contacting me. Done, marked do not contact."))
            ch, dr, oc, note = rng.choice(options)
            state["dnc_done"] = True
        elif kind == "not_now":
            ch = "phone" if channel_ok(s, "phone") else ("linkedin" if channel_ok(s, "linkedin") else "in_person")
            dr, oc = "out", "not_now"
            note = rng.choice([
                "Not looking at the moment: {happy_at}. Check back in six months.",
                "Said no for now: new manager, wants to give it a year.",
                "Not now. Busy at home (two small kids). Will reach out when ready.",
                "Not looking; just bought a flat in {city_short} and staying put.",
            ])
        elif kind == "offer_accepted":
            ch = "phone" if channel_ok(s, "phone") else "email"
            dr, oc = "out", "interested" if ch == "phone" else "replied"
            note = "Offer accepted at {company}! Start date in %d weeks. Champagne emoji sent." % rng.randint(2, 8)
        elif kind == "notnow_checkin":
            ch, dr, template = "email", "out", "notnow-checkin"
            oc = weighted(rng, ["sent", "replied"], [4, 1])
            note = rng.choice(["Check-in after the 'not now', with the future-role question.",
                               "Gentle check-in e-mail; asked what the title and location would be one day.",
                               "Not-now follow-up sent. No pressure, just the one question."])
            if oc == "replied":
                note += " Replied: 'still thinking about it, will let you know'."
        elif kind == "fr_alert":
            ch, dr, template = "email", "out", "future-role-alert"
            oc = weighted(rng, ["sent", "replied"], [3, 2])
            note = rng.choice(["Job alert: a role matching their {fr_title} / {fr_loc} answer.",
                               "Sent a {fr_title} opening in {fr_loc}, as promised.",
                               "Future-role match ({fr_title}, {fr_loc}); sent the alert e-mail."])
        elif kind == "reengage":
            ch, dr, oc, template = "email", "out", "sent", "reengage-hello"
            note = "Re-engagement e-mail after more than six quiet months."
        elif kind == "reengage_reply":
            ch, dr, oc = "email", "in", "interested"
            note = "Answered the re-engagement e-mail: open to {tech} roles again from {month}."
        elif kind == "referral_given":
            r = p["referred"]
            ch, dr = "email", "out"
            oc = "replied" if rng.random() < 0.5 else "sent"
            template = "referral-thanks" if template_ok(s, "referral-thanks", state) else None
            rt = r["title"] or "someone great"
            note = "Referred %s %s (%s). Sent a thank-you." % (r["first_name"], r["last_name"], rt)
        else:  # generic
            use_interest = interests and stage != "awareness" and rng.random() < 0.3
            if use_interest:
                item = interests.pop()
                ch = weighted(rng, ["whatsapp", "email", "phone", "in_person", "sms"], [3, 3, 2, 2, 1])
                if not channel_ok(s, ch):
                    ch = "in_person"
                dr, oc = "out", "replied"
                note = item[1]
            else:
                ch, dr, oc, template, notes = pick_recipe(rng, s, stage, state)
                note = rng.choice(notes)
                # Template e-mails for some outbound e-mails, where the template fits the moment.
                if ch == "email" and dr == "out" and template is None and oc in ("sent", "replied"):
                    r = rng.random()
                    if state.get("not_now") and not state.get("has_fr") and r < 0.6 and template_ok(
                            s, "notnow-checkin", state):
                        template = "notnow-checkin"
                        note = "Check-in after the 'not now', with the future-role question."
                    elif state.get("has_fr") and r < 0.5 and stage in ("awareness", "consideration"):
                        template = "future-role-alert"
                        note = "Job alert: sent a role matching their {fr_title} / {fr_loc} answer."
        if ch == "note":
            dr, oc, template = "out", None, None
        note = note.format_map(ctx)
        if oc == "not_now":
            state["not_now"] = True
        t = dict(days_ago=day, channel=ch, direction=dr, outcome=oc, note=note, template=template)
        touches.append(t)
        # Companions on the same day: e-mail after a voicemail, SMS after an unanswered call.
        if kind == "generic" and dr == "out" and len(plan) + state.get("companions", 0) < 12:
            if ch == "voicemail" and rng.random() < 0.6 and template_ok(s, "followup-after-voicemail", state):
                touches.append(dict(days_ago=day, channel="email", direction="out",
                                    outcome="replied" if rng.random() < 0.3 else "sent",
                                    note=rng.choice(["Follow-up e-mail right after the voicemail.",
                                                     "Sent the usual e-mail after the VM.",
                                                     "E-mail to back up the voicemail."]),
                                    template="followup-after-voicemail"))
                state["companions"] = state.get("companions", 0) + 1
            elif ch == "phone" and oc == "no_answer" and rng.random() < 0.4 and template_ok(s, "followup-sms", state):
                touches.append(dict(days_ago=day, channel="sms", direction="out",
                                    outcome="replied" if rng.random() < 0.35 else "sent",
                                    note=rng.choice(["Texted after the missed call.", "SMS after no answer.",
                                                     "Quick text: when is good to talk?"]),
                                    template="followup-sms"))
                state["companions"] = state.get("companions", 0) + 1
    return touches


# ---------------------------------------------------------------------------------------------
# Follow-ups
# ---------------------------------------------------------------------------------------------

def assign_follow_ups(rng, specs):
    for s in specs:
        s["next_follow_up_in_days"] = s.get("follow_up")
    fixed = [s for s in specs if s.get("follow_up") is not None]
    counts = dict(FOLLOW_UP_COUNTS)
    for s in fixed:
        v = s["follow_up"]
        counts["overdue" if v < 0 else "today" if v == 0 else "future"] -= 1

    def eligible(s):
        return (s["status"] != "do_not_contact" and not s.get("no_follow_up") and s.get("follow_up") is None
                and s["profile"] in ("recent", "stale", "none"))

    pool = [s for s in specs if eligible(s)]
    rng.shuffle(pool)
    # Inbound applicants never touched: one due today, one tomorrow.
    new_inbound = [s for s in pool if s["profile"] == "none" and s["stage"] == "consideration"]
    for s, v in zip(new_inbound, (0, 1)):
        s["next_follow_up_in_days"] = v
        counts["today" if v == 0 else "future"] -= 1
        pool.remove(s)
    pool = [s for s in pool if s["profile"] != "none"]

    def take(pred, n, value_fn):
        got = 0
        for s in list(pool):
            if got == n:
                break
            v = value_fn(s)
            if v is None or not pred(s):
                continue
            s["next_follow_up_in_days"] = v
            pool.remove(s)
            got += 1
        assert got == n, (n, got)

    def overdue(s):
        v = -rng.randint(1, 10)
        return v if s["L"] > -v else None

    def active_pipeline(s):
        return s["status"] == "active" and s["stage"] in ("awareness", "consideration", "conversion")

    take(active_pipeline, counts["overdue"], overdue)
    take(active_pipeline, counts["today"], lambda s: 0 if s["L"] >= 1 else None)
    n_future = counts["future"]
    n_later = 8  # placed check-ins and not-looking people to call back later
    take(lambda s: s["status"] in ("placed", "not_looking"), n_later, lambda s: rng.randint(14, 60))
    take(lambda s: s["status"] == "active", n_future - n_later, lambda s: rng.randint(1, 30))


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------

# Answers that make every open opening's matches worth a look (docs/rules.md, "Openings and
# matches"): one found only through an abbreviation, one through a remote answer, a city spelled
# the local way. Each goes to an active candidate without an answer yet, asked at their latest
# touch; no random numbers are drawn, so the rest of the desk is unchanged.
MATCH_ANSWERS = [
    # (special name, title, location, remote, wants a recent touch)
    ("match-lisboa", "Staff Engineer", "Lisboa", False, True),              # o1, at the top
    ("match-abbreviation", "Sr. Backend Eng", "Berlin", False, False),      # o2, only through Sr./Eng
    ("match-city-country", "Senior Backend Engineer", "Berlin, Germany", False, False),  # o2
    ("match-remote", "Data Engineer", "Remote", True, False),               # o3, a remote answer
    ("match-em", "EM", "London", False, False),                             # o4, EM = Engineering Manager
    ("match-ml", "Machine Learning Engineer", "Tokyo", False, False),       # o7, ML = Machine Learning
    ("match-ml-remote", "ML Eng", "Tokyo", True, False),                    # o7
]


def add_match_answers(candidates, specials):
    taken = set(specials.values())
    for name, title, location, remote, recent in MATCH_ANSWERS:
        eligible = [c for c in candidates if c["key"] not in taken and c["status"] == "active"
                    and not c["future_roles"] and c["touches"]]
        if recent:
            eligible.sort(key=lambda c: (c["touches"][-1]["days_ago"], c["key"]))
        c = eligible[0]
        c["future_roles"].append(dict(title=title, location=location, remote=remote,
                                      days_ago=c["touches"][-1]["days_ago"]))
        taken.add(c["key"])
        specials[name] = c["key"]


def build_desk(seed=SEED):
    rng = random.Random(seed)
    specs = plan_specs(rng)
    assign_people(rng, specs)
    for s in specs:
        plan_timeline(rng, s)
    plan_future_roles(rng, specs)
    for s in specs:
        plan_touches(rng, s)
    plan_referrals(rng, specs)
    for s in specs:
        # Never more than 12 touches: drop generic ones first (from the middle of the history).
        while len(s["_plan"]) > 11:
            generic = [p for p in s["_plan"] if p["kind"] == "generic" and p["day"] != s["L"]]
            if not generic:
                break
            s["_plan"].remove(rng.choice(generic))
    for s in specs:
        s["_touches"] = render_touches(rng, s)
    assign_follow_ups(rng, specs)

    # Keys in creation order: c001 is the oldest candidate on the desk.
    order = sorted(range(len(specs)), key=lambda i: (-specs[i]["C"], i))
    for n, i in enumerate(order, start=1):
        specs[i]["key"] = "c%03d" % n
    candidates = []
    for i in order:
        s = specs[i]
        history = [dict(**{"from": None, "to": s["path"][0], "days_ago": s["C"]})]
        for j, t in enumerate(s["trans_days"]):
            history.append({"from": s["path"][j], "to": s["path"][j + 1], "days_ago": t})
        candidates.append({
            "key": s["key"],
            "first_name": s["first_name"],
            "last_name": s["last_name"],
            "email": s["email"],
            "phone": s["phone"],
            "location": s["location"],
            "linkedin_url": s["linkedin_url"],
            "title": s["title"],
            "company": s["company"],
            "source": s["source"],
            "owner": s["owner"],
            "tags": s["tags"],
            "interests": s["interests"],
            "preferred_channel": s["preferred_channel"],
            "referred_by": s["_referrer"]["key"] if s.get("_referrer") else None,
            "stage": s["stage"],
            "status": s["status"],
            "created_days_ago": s["C"],
            "stage_history": history,
            "touches": s["_touches"],
            "future_roles": [dict(title=f["title"], location=f["location"], remote=f["remote"],
                                  days_ago=f["days_ago"]) for f in s["_fr"]],
            "next_follow_up_in_days": s["next_follow_up_in_days"],
        })
    specials = {s["special"]: s["key"] for s in specs if s.get("special")}
    add_match_answers(candidates, specials)
    desk = {
        "format": 1,
        "recruiter": dict(RECRUITER),
        "candidates": candidates,
        "openings": [dict(o) for o in OPENINGS],
        "templates": [dict(t) for t in TEMPLATES],
    }
    return desk, specials


def dumps(v):
    return json.dumps(v, ensure_ascii=False)


def render_json(desk):
    """Pretty but compact: one line per candidate field, one line per history entry, touch and future role."""
    out = ["{", '  "format": %s,' % dumps(desk["format"]), '  "recruiter": %s,' % dumps(desk["recruiter"]),
           '  "candidates": [']
    cands = desk["candidates"]
    for ci, c in enumerate(cands):
        out.append("    {")
        items = list(c.items())
        for j, (k, v) in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            if isinstance(v, list) and v and isinstance(v[0], dict):
                out.append('      %s: [' % dumps(k))
                for m, e in enumerate(v):
                    out.append("        " + dumps(e) + ("," if m < len(v) - 1 else ""))
                out.append("      ]" + comma)
            else:
                out.append("      %s: %s%s" % (dumps(k), dumps(v), comma))
        out.append("    }" + ("," if ci < len(cands) - 1 else ""))
    out.append("  ],")
    out.append('  "openings": [')
    for i, o in enumerate(desk["openings"]):
        out.append("    " + dumps(o) + ("," if i < len(desk["openings"]) - 1 else ""))
    out.append("  ],")
    out.append('  "templates": [')
    for i, t in enumerate(desk["templates"]):
        out.append("    " + dumps(t) + ("," if i < len(desk["templates"]) - 1 else ""))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


def load_checker():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-sample-data.py")
    spec = importlib.util.spec_from_file_location("check_sample_data", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", "-o", help="write here instead of standard output")
    ap.add_argument("--specials", action="store_true", help="list the keys of the special candidates and exit")
    args = ap.parse_args()
    desk, specials = build_desk()
    if args.specials:
        byk = {c["key"]: c for c in desk["candidates"]}
        for name, key in sorted(specials.items(), key=lambda kv: kv[1]):
            c = byk[key]
            print("%-26s %s  %s %s" % (name, key, c["first_name"], c["last_name"]))
        return 0
    text = render_json(desk)
    problems = load_checker().validate(json.loads(text), text)
    if problems:
        for p in problems:
            print("check: " + p, file=sys.stderr)
        print("make-sample-data: %d invariant(s) failed; nothing written." % len(problems), file=sys.stderr)
        return 1
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
