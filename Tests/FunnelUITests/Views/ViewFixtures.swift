import Foundation
import FunnelCore
@testable import FunnelUI

/// A desk that looks like a real one, for the view snapshots: names of many scripts, long
/// titles, due, stale, future-role and do-not-contact markers, counts larger than what is loaded.
enum ViewFixture {
    typealias F = Fixture
    static let today = F.today

    static let awareness: [Card] = [
        F.card(309, "Tyler", "Davis", title: "Analytics Engineer", company: "Oakridge Analytics", touched: 0, futureRole: true),
        F.card(118, "Giulia", "De Luca", title: "Engineering Manager", company: "Northwind", touched: 1, followUp: today),
        F.card(57, "Marcus", "Andersen", title: "Cloud Architect", company: "Nimbus", touched: 45),
        F.card(233, "Lea", "Krüger", title: "QA Engineer", company: "Helix Robotics", created: 2),
        F.card(140, "Quỳnh", "Phạm", title: "Senior Data Scientist", company: "Saigon AI", touched: 3,
               followUp: today.adding(days: -4)),
        F.card(12, "Anna", "Schmidt", company: "Bosch", touched: 8),
        F.card(13, "Alejandro", "Martínez-Villanueva", title: "Software Engineer", touched: 9, futureRole: true),
        F.card(14, "Carmen", "Ortega", title: "Frontend Engineer", company: "Lumen", touched: 12),
        F.card(15, "Wei", "Zhang", title: "Platform Engineer", company: "Kite", touched: 14),
        F.card(16, "Sophie", "Laurent", title: "Product Designer", company: "Atelier", touched: 20),
        F.card(17, "Tom", "Baker", title: "SRE", company: "Bakery Cloud", touched: 31),
        F.card(18, "Eva", "Novak", title: "Data Analyst", touched: 33),
    ]
    static let consideration: [Card] = [
        F.card(21, "Michael", "Thompson", stage: .consideration, title: "Go Developer", company: "Stripe", touched: 0),
        F.card(22, "Mariana", "Costa", stage: .consideration, title: "Product Designer", company: "Farfetch", touched: 0),
        F.card(23, "נועה", "כהן", stage: .consideration, title: "Senior Frontend Engineer", company: "Wix", touched: 0),
        F.card(24, "Rhys", "Williams", stage: .consideration, title: "Site Reliability Engineer", created: 1, followUp: today),
        F.card(25, "Isla", "O'Brien", stage: .consideration, title: "DevOps Engineer", company: "Intercom", touched: 1),
    ]
    static let conversion: [Card] = [
        F.card(31, "Niccolò", "Bianchi", stage: .conversion, title: "Go Developer", company: "Satispay", touched: 0),
        F.card(32, "Ольга", "Смирнова", stage: .conversion, title: "Senior Frontend Engineer", touched: 4),
        F.card(33, "Maximilian", "Hoffmann", stage: .conversion, title: "Security Engineer", company: "Siemens", touched: 5,
               followUp: today.adding(days: -1), futureRole: true),
    ]
    static let loyalty: [Card] = [
        F.card(41, "Zofia", "Černý", stage: .loyalty, status: .doNotContact, title: "UX Researcher", company: "Avast", touched: 4),
        F.card(42, "Duarte", "Pereira", stage: .loyalty, status: .placed, title: "Mobile Developer", company: "Talkdesk",
               touched: 7, futureRole: true),
    ]
    static let advocacy: [Card] = [
        F.card(51, "Kai 🚀", "Andersen", stage: .advocacy, status: .placed, title: "Engineering Manager",
               company: "Polaris Data", touched: 9),
    ]

    static let counts: [Stage: Int] = [.awareness: 136, .consideration: 85, .conversion: 51, .loyalty: 41, .advocacy: 1_027]
    static let conversions: [Stage: String] = [.consideration: "63% from Awareness", .conversion: "60% from Consideration",
                                              .loyalty: "80% from Conversion", .advocacy: "66% from Loyalty"]

    static func board(size: Size = F.small) -> AppState {
        F.board([.awareness: awareness, .consideration: consideration, .conversion: conversion, .loyalty: loyalty,
                 .advocacy: advocacy],
                moreAfter: [.awareness, .consideration, .conversion, .loyalty], counts: counts, conversions: conversions, size: size)
    }

    /// Names of many scripts and widths in one column, to check alignment.
    static let worldNames: [Card] = [
        F.card(61, "山田", "太郎", title: "データエンジニア", company: "桜システム株式会社", touched: 130),
        F.card(62, "Kai 🚀", "Andersen", title: "Engineering Manager", touched: 9, futureRole: true),
        F.card(63, "佐藤", "花子", title: "Java Developer", touched: 13, followUp: today),
        F.card(64, "이", "서연", title: "백엔드 개발자", company: "네이버", touched: 2),
        F.card(65, "Zoe\u{308}", "Mu\u{308}ller", title: "Staff Engineer", company: "Zürich Ins.", touched: 1),
        F.card(66, "👩‍💻", "Priya Nair", title: "Dev 🧑‍🔬 Lead", company: "🇵🇹 Lisboa", touched: 5),
        F.card(67, "陈", "静静静静静静静静", title: "软件工程师软件工程师软件工程师", touched: 0),
        F.card(68, "Ελένη", "Γεωργίου", title: "Product Designer", touched: 17),
        F.card(69, "محمد", "الأحمد", title: "Backend Engineer", touched: 3),
    ]

    static func worldBoard(size: Size) -> AppState {
        F.board([.awareness: worldNames, .consideration: Array(worldNames.reversed()).map { var c = $0; c.stage = .consideration; return c },
                 .conversion: conversion, .loyalty: loyalty, .advocacy: advocacy],
                counts: [.awareness: 9, .consideration: 9, .conversion: 3, .loyalty: 2, .advocacy: 1], size: size)
    }

    static let yamada = Candidate(
        id: 292, firstName: "山田", lastName: "太郎", email: "taro_yamada@mail.example.com", phone: "+81 3-9832-1077",
        location: "Tokyo, Japan", linkedinURL: "https://www.linkedin.com/in/taroyamada24", title: "データエンジニア",
        company: "桜システム株式会社", source: "Event", owner: "Sam Rivera", tags: ["python", "airflow", "spark", "visa-needed"],
        interests: "amateur astronomer; new puppy", preferredChannel: .phone, stage: .consideration, status: .active,
        createdAt: F.daysAgo(130), updatedAt: F.daysAgo(2), stageEnteredAt: F.daysAgo(2), lastTouchAt: F.daysAgo(2),
        nextFollowUp: today.adding(days: 3))

    static let yamadaDetail = CandidateDetail(
        candidate: yamada,
        touches: [
            Touchpoint(id: 5, candidateID: 292, at: F.daysAgo(2), channel: .phone, direction: .outbound, outcome: .leftVoicemail,
                       note: "Left a message about the Berlin data platform role; will try again Wednesday morning before standup.",
                       template: nil),
            Touchpoint(id: 4, candidateID: 292, at: F.daysAgo(45), channel: .inPerson, direction: .outbound, outcome: .notNow,
                       note: "Not now. When asked the future-role question: Data Engineer, Berlin, 'in a year or two'.", template: nil),
            Touchpoint(id: 3, candidateID: 292, at: F.daysAgo(45), channel: .email, direction: .inbound, outcome: .replied,
                       note: "Replied to an old e-mail of mine: 'is the Sakura Systems role still a thing?'", template: nil),
            Touchpoint(id: 2, candidateID: 292, at: F.daysAgo(100), channel: .note, direction: .outbound, outcome: nil,
                       note: "Prefers calls\nafter 18:00 JST", template: nil),
            Touchpoint(id: 1, candidateID: 292, at: F.daysAgo(130), channel: .linkedin, direction: .outbound, outcome: .sent,
                       note: "Met at KubeCon. Swapped numbers.", template: "linkedin-connect"),
        ],
        futureRoles: [
            FutureRole(id: 9, candidateID: 292, title: "Data Engineer", location: "Berlin", remote: false, askedAt: F.daysAgo(45)),
            FutureRole(id: 8, candidateID: 292, title: "Analytics Engineer", location: "Tokyo", remote: true, askedAt: F.daysAgo(130)),
        ],
        stages: [
            StageChange(id: 1, candidateID: 292, from: nil, to: .awareness, at: F.daysAgo(130)),
            StageChange(id: 2, candidateID: 292, from: .awareness, to: .consideration, at: F.daysAgo(2)),
        ],
        referrerName: nil)

    /// The board with 山田 太郎's record open.
    static func candidateScreen(size: Size = F.small) -> AppState {
        var state = board(size: size)
        state.pages.append(.candidate(CandidatePage(id: yamada.id, detail: yamadaDetail)))
        return state
    }
}
