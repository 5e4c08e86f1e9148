/// The word lists `SyntheticDesk` draws from. Names come in several scripts (Latin with accents,
/// Cyrillic, Greek, Arabic, Hebrew, Devanagari, Chinese, Japanese, Korean) so search, sorting
/// and display widths meet what a real international desk holds. Non-Latin names carry a
/// romanisation after a colon, used for email addresses and LinkedIn slugs.
enum SyntheticDeskVocabulary {
    /// One writing system's pool of names, with its share of the desk.
    struct NamePool {
        let weight: Double
        let first: [(native: String, roman: String)]
        let last: [(native: String, roman: String)]
        /// Whether the names are written in CJK characters (notes then sometimes are too).
        let cjk: Bool
    }

    static let namePools: [NamePool] = [
        NamePool(weight: 0.62, first: latin(latinFirst), last: latin(latinLast), cjk: false),
        NamePool(weight: 0.07, first: pairs(cyrillicFirst), last: pairs(cyrillicLast), cjk: false),
        NamePool(weight: 0.02, first: pairs(greekFirst), last: pairs(greekLast), cjk: false),
        NamePool(weight: 0.03, first: pairs(arabicFirst), last: pairs(arabicLast), cjk: false),
        NamePool(weight: 0.02, first: pairs(hebrewFirst), last: pairs(hebrewLast), cjk: false),
        NamePool(weight: 0.04, first: pairs(devanagariFirst), last: pairs(devanagariLast), cjk: false),
        NamePool(weight: 0.08, first: pairs(chineseGiven), last: pairs(chineseFamily), cjk: true),
        NamePool(weight: 0.08, first: pairs(japaneseGiven), last: pairs(japaneseFamily), cjk: true),
        NamePool(weight: 0.04, first: pairs(koreanGiven), last: pairs(koreanFamily), cjk: true),
    ]

    /// "native:roman" entries split in two.
    static func pairs(_ entries: [String]) -> [(native: String, roman: String)] {
        entries.map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// Latin names romanise to themselves, folded to ASCII letters.
    static func latin(_ names: [String]) -> [(native: String, roman: String)] {
        names.map { name in
            let special: [Character: String] = ["ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "đ": "d", "ı": "i", "'": ""]
            var ascii = ""
            for character in name {
                if let replacement = special[character] { ascii += replacement; continue }
                let folded = String(character).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                ascii += folded.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
            return (name, ascii.lowercased())
        }
    }

    static let latinFirst = [
        "Zoë", "José", "François", "Anaïs", "Søren", "Björn", "Małgorzata", "Łukasz", "İbrahim", "Çağla", "Ana", "Maria",
        "João", "Lucía", "Mateo", "Emma", "Olivia", "Liam", "Noah", "Ava", "Sophia", "Isabella", "Mia", "James", "William",
        "Lucas", "Henry", "Ethan", "Chloé", "Léa", "Hugo", "Louis", "Jules", "Élodie", "Amélie", "Jürgen", "Lena", "Felix",
        "Jonas", "Lukas", "Hannah", "Greta", "Giulia", "Marco", "Alessandro", "Chiara", "Francesca", "Pedro", "Inês",
        "Tomás", "Sofía", "Diego", "Valentina", "Camila", "Aisha", "Omar", "Fatima", "Priya", "Arjun", "Rohan", "Ananya",
        "Kwame", "Amara", "Chidi", "Ngozi", "Siobhán", "Aoife", "Niamh", "Oisín", "Eoin", "Freya", "Astrid", "Ingrid",
        "Erik", "Nils", "Anna", "Katarzyna", "Piotr", "Tereza", "Jiří", "Zsófia", "Ádám", "Ioana", "Mihai", "Daniel",
        "Sarah", "David", "Laura", "Michael", "Emily", "Chris", "Jessica", "Kevin", "Rachel", "Tom", "Kate", "Nguyễn Anh",
        "Minh", "Thảo", "Rafael", "Beatriz", "Gonçalo", "Matilde", "Duarte", "Leonor",
    ]
    static let latinLast = [
        "Müller", "Smith", "García", "Fernández", "Dubois", "Lefèvre", "Schmidt", "Schneider", "Rossi", "Bianchi", "Silva",
        "Santos", "Nowak", "Kowalski", "Wiśniewska", "Novák", "Horváth", "Popescu", "Yılmaz", "Öztürk", "Jensen",
        "Nielsen", "Johansson", "Andersson", "O'Brien", "Murphy", "Kelly", "Johnson", "Williams", "Brown", "Jones",
        "Miller", "Davis", "Wilson", "Taylor", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright",
        "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Pérez", "Roberts", "Turner", "Phillips",
        "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Sánchez", "Morris", "Rogers", "Reed", "Cook",
        "Morgan", "Bell", "Bailey", "Rivera", "Cooper", "Richardson", "Cox", "Howard", "Ward", "Torres", "Peterson",
        "Gray", "Ramírez", "Watson", "Brooks", "Sanders", "Price", "Bennett", "Wood", "Barnes", "Ross", "Henderson",
        "Coleman", "Jenkins", "Perry", "Powell", "Patterson", "Hughes", "Flores", "Butler", "Simmons", "Foster",
        "González", "Bryant", "Alexander", "Russell", "Griffin", "Díaz", "Hayes", "Okafor", "Mensah", "Nakamura",
        "Patel", "Sharma", "Gupta", "Singh", "Khan", "Haddad", "Trần", "Lê", "Phạm", "Ferreira", "Gonçalves", "Sørensen",
        "Ødegaard", "Straße", "Łęcki", "Dvořák",
    ]
    static let cyrillicFirst = [
        "Александр:aleksandr", "Дмитрий:dmitry", "Мария:maria", "Анна:anna", "Елена:elena", "Сергей:sergey",
        "Ольга:olga", "Иван:ivan", "Наталья:natalya", "Андрей:andrey", "Татьяна:tatiana", "Алексей:alexey",
        "Юлия:yulia", "Михаил:mikhail", "Екатерина:ekaterina", "Олександр:oleksandr", "Оксана:oksana", "Богдан:bohdan",
    ]
    static let cyrillicLast = [
        "Иванов:ivanov", "Смирнова:smirnova", "Кузнецов:kuznetsov", "Попова:popova", "Васильев:vasiliev",
        "Петрова:petrova", "Соколов:sokolov", "Михайлова:mikhailova", "Новиков:novikov", "Федорова:fedorova",
        "Морозов:morozov", "Волкова:volkova", "Шевченко:shevchenko", "Коваленко:kovalenko", "Бондаренко:bondarenko",
    ]
    static let greekFirst = [
        "Γιώργος:giorgos", "Μαρία:maria", "Νίκος:nikos", "Ελένη:eleni", "Δημήτρης:dimitris", "Κατερίνα:katerina",
        "Κώστας:kostas", "Σοφία:sofia",
    ]
    static let greekLast = [
        "Παπαδόπουλος:papadopoulos", "Νικολάου:nikolaou", "Γεωργίου:georgiou", "Οικονόμου:oikonomou",
        "Βασιλείου:vasileiou", "Αλεξίου:alexiou",
    ]
    static let arabicFirst = [
        "محمد:mohamed", "فاطمة:fatima", "أحمد:ahmed", "ليلى:layla", "يوسف:youssef", "مريم:maryam", "عمر:omar", "نور:nour",
    ]
    static let arabicLast = ["الحسن:alhassan", "حداد:haddad", "منصور:mansour", "خليل:khalil", "سعيد:saeed", "عباس:abbas"]
    static let hebrewFirst = ["נועה:noa", "דניאל:daniel", "יעל:yael", "איתי:itai", "תמר:tamar", "אורי:ori"]
    static let hebrewLast = ["כהן:cohen", "לוי:levi", "מזרחי:mizrahi", "פרץ:peretz", "ביטון:biton"]
    static let devanagariFirst = [
        "प्रिया:priya", "अर्जुन:arjun", "अनन्या:ananya", "राहुल:rahul", "दीपिका:deepika", "विक्रम:vikram", "सुनीता:sunita",
    ]
    static let devanagariLast = ["शर्मा:sharma", "वर्मा:verma", "पटेल:patel", "गुप्ता:gupta", "जोशी:joshi", "मेहता:mehta"]
    static let chineseGiven = [
        "伟:wei", "芳:fang", "娜:na", "敏:min", "静:jing", "磊:lei", "强:qiang", "洋:yang", "艳:yan", "杰:jie", "婷:ting",
        "子涵:zihan", "浩然:haoran", "欣怡:xinyi", "宇轩:yuxuan", "梓萱:zixuan",
    ]
    static let chineseFamily = [
        "王:wang", "李:li", "张:zhang", "刘:liu", "陈:chen", "杨:yang", "黄:huang", "赵:zhao", "吴:wu", "周:zhou",
        "欧阳:ouyang", "徐:xu", "孙:sun", "马:ma",
    ]
    static let japaneseGiven = [
        "太郎:taro", "花子:hanako", "翔太:shota", "陽菜:hina", "蓮:ren", "結衣:yui", "大翔:hiroto", "さくら:sakura", "健:ken",
        "美咲:misaki", "拓海:takumi", "愛:ai", "ひなた:hinata",
    ]
    static let japaneseFamily = [
        "山田:yamada", "佐藤:sato", "鈴木:suzuki", "高橋:takahashi", "田中:tanaka", "伊藤:ito", "渡辺:watanabe",
        "中村:nakamura", "小林:kobayashi", "加藤:kato", "吉田:yoshida", "山本:yamamoto",
    ]
    static let koreanGiven = ["민준:minjun", "서연:seoyeon", "지훈:jihoon", "수빈:subin", "하은:haeun", "도윤:doyun", "예린:yerin"]
    static let koreanFamily = ["김:kim", "이:lee", "박:park", "최:choi", "정:jung", "강:kang", "조:cho", "윤:yoon"]

    static let emailDomains = [
        "gmail.com", "outlook.com", "proton.me", "icloud.com", "yahoo.co.jp", "qq.com", "mail.ru", "naver.com",
        "fastmail.com", "gmx.de", "example.org", "hey.com",
    ]

    static let titles = [
        "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Principal Engineer", "Engineering Manager",
        "Director of Engineering", "VP Engineering", "CTO", "Data Scientist", "Senior Data Scientist", "Data Engineer",
        "Machine Learning Engineer", "Product Manager", "Senior Product Manager", "Product Designer", "UX Researcher",
        "DevOps Engineer", "Site Reliability Engineer", "Security Engineer", "iOS Engineer", "Android Engineer",
        "Frontend Engineer", "Backend Engineer", "Full-Stack Developer", "QA Engineer", "Solutions Architect",
        "Cloud Architect", "Technical Program Manager", "Head of Data", "Analytics Engineer", "Business Analyst",
        "Sales Engineer", "Account Executive", "Customer Success Manager", "Marketing Manager", "Growth Lead",
        "Talent Partner", "HR Business Partner", "Finance Manager", "Operations Lead", "Chief of Staff",
        "Embedded Engineer", "Firmware Engineer", "Game Developer", "Research Scientist", "データエンジニア",
        "ソフトウェアエンジニア", "产品经理", "高级工程师", "백엔드 개발자", "Développeur backend", "Ingeniera de datos",
        "Softwareentwickler",
    ]

    static let companyStems = [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Pied Piper", "Vandelay", "Soylent",
        "Cyberdyne", "Tyrell", "Wonka", "Aperture", "Black Mesa", "Massive Dynamic", "Oscorp", "Nakatomi", "Monarch",
        "Northwind", "Contoso", "Fabrikam", "Zeta", "Lumen", "Kestrel", "Helix", "Quanta", "Nimbus", "Orbital", "Société Générale",
    ]
    static let companySuffixes = [
        "", " Labs", " Analytics", " Systems", " Health", " Bank", " Robotics", " Games", " Energy", " Cloud", " Logistics", " AI",
    ]
    static let cjkCompanies = ["楽天", "メルカリ", "腾讯", "阿里巴巴", "字节跳动", "카카오", "네이버", "삼성전자", "ソニー", "小米"]

    static let locations = [
        "Lisbon", "Porto", "Berlin", "München", "Zürich", "Paris", "Lyon", "Madrid", "Barcelona", "London", "Manchester",
        "Dublin", "Amsterdam", "Kraków", "Warszawa", "Praha", "Wien", "Stockholm", "København", "Oslo", "Helsinki",
        "Tallinn", "New York", "San Francisco", "Austin", "Seattle", "Toronto", "Montréal", "São Paulo",
        "Ciudad de México", "Bogotá", "Buenos Aires", "Tel Aviv", "Dubai", "Bangalore", "Singapore", "Sydney", "東京",
        "大阪", "上海", "北京", "深圳", "서울", "부산", "Athína", "Istanbul", "Kyiv", "Remote",
    ]

    static let tags = [
        "go", "rust", "swift", "kotlin", "java", "python", "typescript", "react", "kubernetes", "aws", "gcp", "ml", "data",
        "backend", "frontend", "mobile", "devops", "security", "leadership", "senior", "junior", "fintech", "healthtech",
        "gaming", "remote-only", "open-to-relocate", "visa-needed", "referral", "conference", "hot", "passive",
        "silver-medalist", "boomerang", "バイリンガル", "日本語",
    ]

    static let interests = [
        "climbing", "marathon running", "jazz piano", "two kids", "sourdough baking", "chess", "sailing", "photography",
        "board games", "volunteers at a food bank", "learning Japanese", "cycling", "birdwatching", "football (Benfica)",
        "yoga", "woodworking", "history podcasts", "travel to Patagonia", "k-pop", "anime", "hiking in the Alps",
        "coaches a kids' team", "vinyl records", "open-source maintainer",
    ]

    static let owners = ["Ana Ribeiro", "Ben Okoro", "Chloé Martin", "Dev Kapoor", "Elif Demir", "Femi Adeyemi", "Grace Lin", "Hiro Sato"]
    static let sources = ["LinkedIn", "referral", "job board", "conference", "inbound", "GitHub", "meetup", "import"]
    static let phonePrefixes = ["+351 91", "+49 151", "+44 7700", "+33 6", "+1 415", "+81 90", "+86 138", "+82 10", "+34 612", "+48 501"]

    static let noteOpeners = [
        "Left a voicemail about", "Called re", "Sent intro email for", "Replied:", "Coffee chat —", "Followed up on",
        "Interview feedback:", "Asked about", "Quick note:", "Met at the meetup;", "Shared the job spec for", "Discussed",
        "Not now — revisit in Q3;", "Declined politely;", "Very interested in", "Checked in about",
    ]

    /// Ordered most frequent first: word i is drawn with probability ∝ 1/(i+1) (Zipf), so the
    /// first words are in most documents and the synthetic tail words in a handful.
    static let commonWords = """
        role team call interested salary remote next week offer interview feedback manager engineering product hiring
        startup relocation notice period months equity bonus benefits culture growth senior lead platform data backend
        frontend cloud stack python kubernetes timing family move visa contract permanent hybrid office commute
        compensation expectations current company happy looking open passive budget approval panel onsite technical
        challenge references start date january february march april june july august september october november
        december monday tuesday wednesday thursday friday morning afternoon evening linkedin email phone message
        voicemail reply later soon maybe definitely prefers mentioned wants asked said plans considering promotion
        counteroffer recruiter agency client opportunity position scope impact mission series funding acquisition layoffs
        restructuring mentor mentoring people reports headcount architecture scale latency infrastructure security
        compliance payments fintech healthcare gaming ecommerce marketplace logistics robotics research university
        bootcamp certification aws gcp azure terraform golang rust swift kotlin java typescript react ios android mobile
        devops sre oncall weekend holidays vacation parental leave sabbatical lisbon berlin london paris madrid amsterdam
        zurich tokyo singapore toronto austin seattle portfolio github talk conference meetup podcast blog newsletter
        referral introduced colleague former boss alumni network coffee lunch dinner drinks video zoom teams slack
        schedule reschedule cancelled confirmed pending waiting decision shortlist finalist rejected accepted signed
        onboarding probation review raise title band level staff principal director head chief founder cofounder
        advisor board investor pitch demo prototype launch roadmap strategy vision values diversity inclusion wellbeing
        burnout flexible asynchronous distributed timezone overlap travel conference budget learning training
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Syllables for the long tail of rare words (project code names, niche tools): every
    /// three-syllable combination, about 14,000 words.
    static let syllables = ["ka", "lo", "mi", "ven", "tor", "ra", "sul", "ber", "quin", "dal", "fen", "gor", "hal", "jin",
                            "mar", "nev", "pol", "rik", "sen", "tul", "vor", "wex", "yal", "zor"]

    static let vocabulary: [String] = {
        var words = commonWords
        for a in syllables { for b in syllables { for c in syllables { words.append(a + b + c) } } }
        return words
    }()

    /// Short CJK sentences for the notes of candidates with CJK names.
    static let cjkNotes = [
        "面接の日程を調整しました", "年収の希望を確認", "来月また連絡", "転職意欲は高い", "对这个职位很感兴趣",
        "下周再联系", "薪资期望已确认", "面试安排在周三", "연봉 협상 예정", "다음 주에 다시 연락", "이직 의사 있음",
    ]

    static let templates: [(name: String, channel: String, subject: String, body: String)] = [
        ("intro", "email", "A role you might like", "Hi {{first_name}},\n\nI came across your profile and thought of you for a role..."),
        ("check-in", "email", "Checking in", "Hi {{first_name}}, it has been a while: how are things at {{company}}?"),
        ("re-engage", "email", "Still thinking about {{future_role.title}}?",
         "Hi {{first_name}}, you mentioned {{future_role.title}} roles; one just opened."),
        ("linkedin-nudge", "linkedin", "", "Hi {{first_name}}, would you have 15 minutes this week?"),
    ]
}
