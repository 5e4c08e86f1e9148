import Foundation
@testable import FunnelApp
import FunnelCore
import Testing

@Suite struct ConfigTests {
    let env = ["HOME": "/home/rita", "XDG_DATA_HOME": "/data"]

    func parse(_ text: String) throws -> Config { try Config.parse(text, file: "config.toml", environment: env) }

    func message(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch let error as FunnelError { return error.message } catch { return "\(error)" }
    }

    @Test func missingFileUsesDefaults() throws {
        let config = try Config.load(path: "/nonexistent/funnel/config.toml", environment: env)
        #expect(config == Config.defaults(environment: env))
        #expect(config.rules == Rules.defaults)
        #expect(config.rules.reengageAfterDays == 180 && config.rules.reengageEveryDays == 21 && config.rules.staleAfterDays == 30)
        #expect(config.mail.sendmail == nil && config.mail.outbox == "/data/funnel/outbox")
        #expect(config.recruiter == Config.Recruiter())
        #expect(config.ui.theme == .default)
    }

    @Test func loadsFromTheXDGConfigFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("funnel"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[rules]\nstale_after_days = 14\n".write(to: folder.appendingPathComponent("funnel/config.toml"), atomically: true, encoding: .utf8)
        let config = try Config.load(environment: ["XDG_CONFIG_HOME": folder.path, "HOME": "/home/rita"])
        #expect(config.rules.staleAfterDays == 14)
    }

    @Test func everyKey() throws {
        let config = try parse("""
            [rules]
            reengage_after_days = 120
            reengage_every_days = 14
            stale_after_days = 45
            stale_stages = ["awareness", "conversion"]

            [next_follow_up]
            left_voicemail = "4d"
            not_now = "3m"
            declined = "none"
            sent = "fri"

            [recruiter]
            name = "Rita Recruiter"
            email = "rita@agency.example"

            [mail]
            sendmail = "msmtp -t"
            outbox = "~/outbox"

            [ui]
            theme = "mono"
            """)
        #expect(config.rules.reengageAfterDays == 120 && config.rules.reengageEveryDays == 14 && config.rules.staleAfterDays == 45)
        #expect(config.rules.staleStages == [.awareness, .conversion])
        #expect(config.rules.nextFollowUp[.leftVoicemail] == .after("4d"))
        #expect(config.rules.nextFollowUp[.notNow] == .after("3m"))
        #expect(config.rules.nextFollowUp[.sent] == .after("fri"))
        #expect(config.rules.nextFollowUp[.noAnswer] == .after("2d"))  // untouched keys keep their default
        #expect(config.recruiter == Config.Recruiter(name: "Rita Recruiter", email: "rita@agency.example"))
        #expect(config.mail == Config.Mail(sendmail: "msmtp -t", outbox: "/home/rita/outbox"))
        #expect(config.ui.theme == .mono)
    }

    @Test func matchingExtendsTheVocabulary() throws {
        let config = try parse("""
            [matching]
            fits_days = 30

            [matching.titles]
            "K8s Engineer" = "Platform Engineer"

            [matching.locations]
            bcn = "Barcelona"
            """)
        #expect(config.rules.fitsDays == 30)
        #expect(config.matching.vocabulary.titleKey("k8s engineer") == config.matching.vocabulary.titleKey("Platform Engineer"))
        #expect(config.matching.vocabulary.locationKey("BCN") == "barcelona")
        #expect(config.matching.vocabulary.fingerprint != MatchVocabulary.standard.fingerprint)
        #expect(try parse("").matching == Config.Matching())
        #expect(try parse("").rules.fitsDays == 14)
    }

    @Test func badMatchingEntriesNameTheKey() {
        #expect(message("[matching]\nfits_days = 0\n") == "config.toml: matching.fits_days must be between 1 and 365 days, got 0")
        #expect(message("[matching]\ntitles = \"x\"\n")?.hasPrefix("config.toml: matching.titles must be a table") == true)
        #expect(message("[matching.titles]\nsre = 3\n") == "config.toml: matching.titles.sre must be a string, got 3")
        #expect(message("[matching.titles]\n\"--\" = \"Engineer\"\n") == "matching.titles: '--' = 'Engineer' needs words on both sides")
        #expect(message("[matching]\nsynonyms = 1\n")?.contains("unknown key matching.synonyms") == true)
    }

    @Test func aBadValueNamesTheKey() {
        #expect(message("[rules]\nstale_after_days = \"abc\"\n") == "config.toml: rules.stale_after_days must be a whole number of days, got \"abc\"")
        #expect(message("[rules]\nreengage_after_days = 2.5\n") == "config.toml: rules.reengage_after_days must be a whole number of days, got 2.5")
        #expect(message("[rules]\nreengage_every_days = 0\n") == "config.toml: rules.reengage_every_days must be between 1 and 365 days, got 0")
        #expect(message("[rules]\nstale_stages = [\"nowhere\"]\n")
            == "config.toml: rules.stale_stages must list stages from awareness, consideration, conversion, loyalty, advocacy, got \"nowhere\"")
        #expect(message("[next_follow_up]\nleft_voicemail = \"soon\"\n")
            == "config.toml: next_follow_up.left_voicemail must be a date shortcut like \"3d\", \"2w\", \"1m\", \"mon\", or \"none\", got \"soon\"")
        #expect(message("[next_follow_up]\nleft_voicemail = 3\n")?.hasPrefix("config.toml: next_follow_up.left_voicemail must be a date shortcut") == true)
        #expect(message("[recruiter]\nemail = \"rita\"\n") == "config.toml: recruiter.email must be an email address like you@example.com, got \"rita\"")
        #expect(message("[ui]\ntheme = \"neon\"\n") == "config.toml: ui.theme must be one of default, mono, got \"neon\"")
        #expect(message("[mail]\nsendmail = true\n") == "config.toml: mail.sendmail must be a string, got true")
        #expect(message("rules = 3\n") == "config.toml: rules must be a table ([rules]), got 3")
    }

    @Test func unknownKeysAreErrorsWithASuggestion() {
        #expect(message("[rules]\nstale_afterdays = 3\n")
            == "config.toml: unknown key rules.stale_afterdays (did you mean rules.stale_after_days?); expected one of: reengage_after_days, reengage_every_days, stale_after_days, stale_stages")
        #expect(message("[rule]\nstale_after_days = 3\n")?.hasPrefix("config.toml: unknown table rule (did you mean rules?)") == true)
        #expect(message("[next_follow_up]\nvoicemail = \"3d\"\n")?.hasPrefix("config.toml: unknown key next_follow_up.voicemail") == true)
    }

    @Test func aSyntaxErrorGivesTheLine() {
        let text = message("[rules]\nstale_after_days = = 3\n")
        #expect(text?.hasPrefix("config.toml: line 2, column") == true)
    }
}
