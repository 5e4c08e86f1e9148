#!/usr/bin/env python3
"""Writes the seed corpora of the fuzzers (docs/fuzzing.md): Fuzz/corpus/import/ and keys/.

Run from anywhere; it rewrites both folders. The seeds are small on purpose: libFuzzer grows
its working corpus (Fuzz/.scratch/, not committed) from them.

import/: the first byte of a seed is the options byte fuzz-import reads:
  0x80 a real import (else a dry run), 0x40 --skip-invalid, bits 4-5 the duplicate policy
  (merge, skip, error, merge), 0x08 --encoding latin1, bits 1-2 the delimiter (detect, comma,
  semicolon, tab), 0x01 --ignore notes. The rest is the file.
keys/: the byte grammar of fuzz-keys' Reader (0x00-0x7F characters, 0xA0 n a KEY_* code
  0o401+n, 0xB0/0xB1 w h a resize, 0xBF three bytes a raw code point, UTF-8 sequences...).
"""
import os

here = os.path.dirname(os.path.abspath(__file__))

REAL, SKIP, LATIN1 = 0x80, 0x40, 0x08
SKIP_DUP, ERROR_DUP = 0x10, 0x20
COMMA, SEMI, TAB = 0x02, 0x04, 0x06

header = "first_name,last_name,email,phone,linkedin,title,company,location,stage,status,tags,notes,next_follow_up,last_contacted,id,referred_by"
sheets = {
    "basic": "first_name,last_name,email\nAda,Lovelace,ada@example.com\nAlan,Turing,alan@example.com\n",
    "full": header + "\n"
        "Jane,Doe,jane@example.com,+351 912 345 678,https://www.linkedin.com/in/jane,Backend Engineer,Acme,\"Lisbon, Portugal\",consideration,active,\"go;rust\",\"met at a meetup\n\nsecond paragraph\",2026-12-01,2026-11-01,10,\n"
        "Joe,Bloggs,JOE@Example.COM,,linkedin.com/in/joe/,CTO,\"Big \"\"Quoted\"\" Co\",Berlin,awareness,not looking,,,tomorrow,,11,10\n",
    "duplicates": "email,first_name,notes\nada@example.com,Ada,a second note\nADA@EXAMPLE.COM,Ada,again\n,Nobody,\n",
    "semicolon": "first_name;last_name;email;company\nMarie;Curie;marie@example.com;\"Radium; Inc\"\n",
    "tab": "first_name\tlast_name\temail\nGrace\tHopper\tgrace@example.com\n",
    "crlf": "first_name,last_name\r\nAda,Lovelace\r\n\r\nAlan,Turing\r\n",
    "hostile": "first_name,last_name,company,notes\n"
        "=1+1,'=SUM(A1),+cmd|' /C calc'!A0,@formula\n"
        "\u202eevil,\u05e9\u05dc\u05d5\u05dd,\u6771\u4eac,\"esc \x1b[31m red\"\n"
        "\"line\nbreak\",x,\"a,b\",\"tab\there\"\n"
        "\U0001f469\U0001f3fd\u200d\U0001f4bb,e\u0301,,\"\"\"quoted\"\"\"\n",
    "quotes-broken": "first_name,last_name\n\"Ada\"x,Lovelace\n\"open,never closed\n",
    "ats": "Candidate Name,E-mail Address,Current Title,Current Company,Pipeline Stage\n\"Lovelace, Ada\",ada@example.com,Engineer,Analytical,Interviewing\n",
    "header-only": "first_name,last_name\n",
    "no-name-column": "email,phone\na@b.co,123\n",
    "blank-lead": "\n\n  \nfirst_name\nAda\n",
}

def write(folder, name, data):
    with open(os.path.join(here, folder, name), "wb") as f:
        f.write(data)

def main():
    for folder in ("import", "keys"):
        os.makedirs(os.path.join(here, folder), exist_ok=True)
        for old in os.listdir(os.path.join(here, folder)):
            os.remove(os.path.join(here, folder, old))

    def seed(name, control, data):
        write("import", name, bytes([control]) + data)

    for name, text in sheets.items():
        seed(f"{name}-dry", 0x00, text.encode())
    seed("basic-real", REAL, sheets["basic"].encode())
    seed("full-real", REAL, sheets["full"].encode())
    seed("hostile-real-skip", REAL | SKIP, sheets["hostile"].encode())
    seed("duplicates-skip", SKIP_DUP, sheets["duplicates"].encode())
    seed("duplicates-error-real", REAL | ERROR_DUP, sheets["duplicates"].encode())
    seed("semicolon-given", SEMI, sheets["semicolon"].encode())
    seed("tab-given-real", REAL | TAB, sheets["tab"].encode())
    seed("comma-given-ignore-notes", COMMA | 0x01, sheets["full"].encode())
    seed("bom-utf8", 0x00, b"\xef\xbb\xbf" + sheets["basic"].encode())
    seed("utf16le-bom", REAL, b"\xff\xfe" + sheets["semicolon"].encode("utf-16-le"))
    seed("utf16be-bom", 0x00, b"\xfe\xff" + sheets["tab"].encode("utf-16-be"))
    seed("utf16le-lone-surrogate", 0x00, b"\xff\xfe" + "first_name\nA".encode("utf-16-le") + b"\x00\xd8" + "\n".encode("utf-16-le"))
    seed("utf16le-odd-length", 0x00, b"\xff\xfe" + "first_name\nAda\n".encode("utf-16-le") + b"\x41")
    seed("latin1", LATIN1 | REAL, "first_name,last_name,company\nJos\u00e9,M\u00fcller,Caf\u00e9 \u20ac\n".encode("cp1252"))
    seed("invalid-utf8", 0x00, b"first_name\nAd\xe9\n")
    seed("overlong-utf8", 0x00, b"first_name\n\xc0\xafAda\n")
    seed("bad-values-skip", REAL | SKIP, b"first_name,email,stage,next_follow_up,linkedin\nAda,not-an-email,nowhere,2026-02-30,http://example.com/x\nBob,b@c.de,loyal,+3,\n")

    keys = {
        "navigate": b"jjjkkkhhllgG" + b"\x06\x02",  # Ctrl-F, Ctrl-B
        "arrows-keycodes": bytes([0xA0, 0x01, 0xA0, 0x02, 0xA0, 0x03, 0xA0, 0x04, 0xA0, 0x05, 0xA1, 0x67]),  # down up left right home; end
        "escape-sequences": b"\x1b[A\x1b[B\x1bOC\x1b[1;5D\x1b[3~\x1b[200~paste\x1b[201~",
        "mouse-garbage": b"\x1b[M !!\x1b[<0;12;5M\x1b[<0;12;5m\x1b[?1000h" + bytes([0xBD, 0xBC]),
        "open-candidate": b"jj\rjjjG\x1b",
        "search": b"/ada\x7f\x7fa\x17\r\x1b",
        "search-unicode": b"/" + "\u6771\u4eac e\u0301 \U0001f469\U0001f3fd\u200d\U0001f4bb".encode() + b"\r",
        "add-form": b"aJane\tDoe\tjane@example.com\t\t\t\r",
        "log-touch": b"jn\t\t\tcalled back\t3d\r",
        "note-and-undo": b"Nhello\rum>u<u",
        "status-and-move": b"s\x0e\r>>><<<" + bytes([0xA0, 0x01]) + b"L H",
        "future-role": b"fStaff Engineer\tBerlin\t \r",
        "palette": b":move\r:he\x7f\x7fhelp\r\x1b",
        "help": b"?jjjjG\x1b?q",
        "today-report": b"tjj\rR\x1bt\x1b",
        "compose-erase": b"c\rjj:erase\ry",
        "tiny-resize": bytes([0xB0, 5, 3]) + b"jj" + bytes([0xB1, 60, 16]) + b"?" + bytes([0xB0, 0, 0]) + b"q" + bytes([0xB1, 200, 60]),
        "resize-in-form": b"a" + bytes([0xB1, 61, 17]) + b"Name" + bytes([0xB0, 1, 1, 0xB1, 239, 89]) + b"\r",
        "raw-codepoints": bytes([0xBF, 0x00, 0xD8, 0x00, 0xBF, 0x11, 0x00, 0x00, 0xBF, 0x00, 0x00, 0x85, 0x85, 0x9B]),
        "statuses": bytes([0xBE, 0xFF, 0x41, 0xBE, 0x05, 0x00, 0xB8, 0xB9, 0xBA]),
        "failures": bytes([0xBB]) + b">n\t\tx\ru" + bytes([0xBB]) + b">",
        "ctrl-keys": bytes(range(0, 32)) + b"\x7f",
        "sort-reload": b"ooo\x12jjj\x12",
        "quit-and-again": b"q\x03jj",
        "report": b"R" + bytes([0xB1, 61, 17]) + b"jjG" + bytes([0xB0, 4, 4, 0xB1, 239, 89]) + b"\x1bR" + bytes([0xB1, 100, 30]) + b"?\x1b",
    }
    for name, data in keys.items():
        write("keys", name, data)

main()
