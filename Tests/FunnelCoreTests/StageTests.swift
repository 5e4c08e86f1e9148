import FunnelCore
import Testing

@Suite struct StageTests {
    @Test func orderAndNeighbours() {
        #expect(Stage.allCases == [.awareness, .consideration, .conversion, .loyalty, .advocacy])
        #expect(Stage.allCases.map(\.index) == [0, 1, 2, 3, 4])
        #expect(Stage.awareness.next == .consideration)
        #expect(Stage.conversion.next == .loyalty)
        #expect(Stage.loyalty.next == .advocacy)
        #expect(Stage.advocacy.next == nil)
        #expect(Stage.awareness.previous == nil)
        #expect(Stage.consideration.previous == .awareness)
        #expect(Stage.advocacy.previous == .loyalty)
        for stage in Stage.allCases {
            if let next = stage.next { #expect(next.previous == stage) }
        }
        #expect(Stage.awareness < Stage.advocacy)
        #expect(!(Stage.loyalty < Stage.conversion))
    }

    @Test func pipelineStagesAreThoseBeforePlacement() {
        #expect(Stage.allCases.filter(\.isPipeline) == [.awareness, .consideration, .conversion])
        #expect(Stage.consideration.title == "Consideration")
    }

    @Test(arguments: [
        ("awareness", Stage.awareness), ("Consideration", .consideration), ("  CONVERSION  ", .conversion),
        ("loyalty", .loyalty), ("advocacy", .advocacy),
        // Unique prefixes.
        ("aw", .awareness), ("aware", .awareness), ("ad", .advocacy), ("cons", .consideration), ("conv", .conversion),
        ("l", .loyalty), ("ADV", .advocacy),
    ])
    func parses(_ text: String, _ expected: Stage) throws {
        #expect(try Stage.parse(text) == expected)
    }

    @Test(arguments: ["", "   ", "a", "con", "c", "funnel", "awarenesss", "placed", "awareness!", "ad vocacy"])
    func refusesUnknownAndAmbiguous(_ text: String) {
        expectFunnelError(.invalid, "unknown stage '\(text)'") { try Stage.parse(text) }
        expectFunnelError(.invalid, "awareness, consideration, conversion, loyalty, advocacy") { try Stage.parse(text) }
    }
}

@Suite struct StatusTests {
    @Test(arguments: [
        ("active", Status.active), ("ACTIVE", .active), ("not looking", .notLooking), ("Not-Looking", .notLooking),
        ("not_looking", .notLooking), ("placed", .placed), (" placed ", .placed), ("do not contact", .doNotContact),
        ("do-not-contact", .doNotContact), ("do_not_contact", .doNotContact), ("dnc", .doNotContact), ("DNC", .doNotContact),
    ])
    func parses(_ text: String, _ expected: Status) throws {
        #expect(try Status.parse(text) == expected)
    }

    @Test(arguments: ["", "inactive", "not", "do not", "looking", "d n c"])
    func refusesUnknown(_ text: String) {
        expectFunnelError(.invalid, "unknown status '\(text)'") { try Status.parse(text) }
    }

    @Test func onlyDoNotContactForbidsOutreach() {
        #expect(Status.allCases.filter { !$0.allowsOutreach } == [.doNotContact])
        #expect(Status.doNotContact.title == "do not contact")
        #expect(Status.notLooking.title == "not looking")
    }
}

@Suite struct ChannelTests {
    @Test func parsesEveryRawValue() throws {
        for channel in Channel.allCases {
            #expect(try Channel.parse(channel.rawValue) == channel)
            #expect(try Channel.parse(channel.rawValue.uppercased()) == channel)
        }
    }

    @Test(arguments: [
        ("call", Channel.phone), ("phone call", .phone), ("tel", .phone), ("vm", .voicemail), ("text", .sms),
        ("meeting", .inPerson), ("in person", .inPerson), ("In-Person", .inPerson), ("inperson", .inPerson),
        ("mail", .email), ("e-mail", .email), ("E_Mail", .email), (" WhatsApp ", .whatsapp), ("LinkedIn", .linkedin),
    ])
    func parsesAliases(_ text: String, _ expected: Channel) throws {
        #expect(try Channel.parse(text) == expected)
    }

    @Test(arguments: ["", "fax", "pigeon", "e mail box", "phones"])
    func refusesUnknown(_ text: String) {
        expectFunnelError(.invalid, "unknown channel '\(text)'") { try Channel.parse(text) }
    }

    @Test func aNoteReachesNobody() {
        #expect(Channel.allCases.filter { !$0.isOutreach } == [.note])
        #expect(Channel.inPerson.title == "in person")
        #expect(Channel.sms.title == "SMS")
    }
}

@Suite struct DirectionTests {
    @Test(arguments: [
        ("out", Direction.outbound), ("OUT", .outbound), ("outbound", .outbound), ("outgoing", .outbound),
        ("in", .inbound), (" In ", .inbound), ("inbound", .inbound), ("incoming", .inbound),
    ])
    func parses(_ text: String, _ expected: Direction) throws {
        #expect(try Direction.parse(text) == expected)
    }

    @Test(arguments: ["", "sideways", "o", "inward", "both"])
    func refusesUnknown(_ text: String) {
        expectFunnelError(.invalid, "unknown direction '\(text)': expected out or in") { try Direction.parse(text) }
    }
}

@Suite struct OutcomeTests {
    @Test func parsesEveryRawValueAndTitle() throws {
        for outcome in Outcome.allCases {
            #expect(try Outcome.parse(outcome.rawValue) == outcome)
            #expect(try Outcome.parse(outcome.title) == outcome)
        }
    }

    @Test(arguments: [
        ("voicemail", Outcome.leftVoicemail), ("vm", .leftVoicemail), ("left-voicemail", .leftVoicemail),
        ("no reply", .noAnswer), ("none", .noAnswer), ("No Answer", .noAnswer), ("later", .notNow),
        ("not now", .notNow), (" INTERESTED ", .interested), ("bounced", .bounced),
    ])
    func parsesAliases(_ text: String, _ expected: Outcome) throws {
        #expect(try Outcome.parse(text) == expected)
    }

    @Test(arguments: ["", "maybe", "yes", "no", "answered"])
    func refusesUnknown(_ text: String) {
        expectFunnelError(.invalid, "unknown outcome '\(text)'") { try Outcome.parse(text) }
    }

    @Test func responsesAreTheAnswersOfTheCandidate() {
        #expect(Set(Outcome.allCases.filter(\.isResponse)) == [.replied, .interested, .notNow, .declined])
    }

    @Test func openingStateParses() throws {
        #expect(try Opening.State.parse("on hold") == .onHold)
        #expect(try Opening.State.parse("FILLED") == .filled)
        expectFunnelError(.invalid, "unknown opening status 'paused'") { try Opening.State.parse("paused") }
    }
}
