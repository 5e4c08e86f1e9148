#!/bin/sh
# Writes a deterministic CSV of N candidates in the shape of a recruiter's sheet (first and last
# name, email, method used to contact, location, LinkedIn URL, title, company, tags, notes with
# commas and doubled quotes) to standard output: the input of the import benchmark in
# docs/import-export.md.  Usage: scripts/generate-import-csv.sh 100000 > /tmp/desk-100k.csv
set -eu
n=${1:?usage: generate-import-csv.sh ROWS}
awk -v n="$n" 'BEGIN {
    split("Ana Bruno Chen Dana Émile Fatima Georg Hana Ivan Jia Kofi Lena Mateo Nora Omar Priya Quinn Rosa Sven Tariq Zoë 山田", first, " ")
    split("Silva Müller Okafor Kim Nguyen Rossi Dubois Kowalski Haddad Tanaka O'\''Neil García", last, " ")
    split("Lisbon|Berlin|Austin, TX|São Paulo|Tokyo|Nairobi|Denver|London", city, "|")
    split("LinkedIn InMail|Phone|Email|Text|Coffee", method, "|")
    split("kubernetes golang rust staff principal relocation remote equity visa family hiking sabbatical startup fintech", word, " ")
    print "First Name,Last Name,Email,Method used to contact,Location,LinkedIn URL,Title,Company,Tags,Notes"
    seed = 7
    for (i = 0; i < n; i++) {
        f = first[i % 22 + 1]; l = last[(i * 7) % 12 + 1]
        note = ""
        for (w = 0; w < 12; w++) { seed = (seed * 1103515245 + 12345) % 2147483648; note = note (w ? " " : "") word[seed % 14 + 1] }
        printf "%s,%s,%s.%d@example.com,%s,\"%s\",https://www.linkedin.com/in/p%d-x/,Senior Engineer,Acme %d,\"go, backend\",\"%s, said \"\"maybe\"\" next year\"\n", \
            f, l, tolower(f), i, method[i % 5 + 1], city[i % 8 + 1], i, i % 500, note
    }
}'
