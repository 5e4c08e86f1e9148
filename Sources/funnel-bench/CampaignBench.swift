import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// Campaign figures (issue 12, docs/performance.md "Campaigns"): the review of a 10,000-person
/// campaign from the re-engagement group, paging through it, and Funnel's own time per message
/// sent (CPU of this process per message, the command's own time not counted: `sendmail` is
/// `cat > /dev/null`). It writes (campaign rows; the sent messages' touches): run it on a copy,
/// with `--only campaign`.
extension FunnelBench {
    func timeCampaigns(_ store: Store, _ bench: Bench, moment: Moment, rules: Rules) throws {
        let clock = ContinuousClock()
        _ = try store.saveTemplate(validated: TemplateDraft(name: "bench-reengage", channel: .email,
                                                            subject: "It's been a while, {{first_name|there}}",
                                                            body: "Hi {{first_name|there}},\n\nHow are things going?\n\n{{recruiter.name|Sam}}"))
        let plan = Store.CampaignPlan(name: "bench", template: "bench-reengage", source: .reengagement, recruiterName: "Bench",
                                      recruiterEmail: "bench@example.org", rules: rules, moment: moment, limit: 10_000)
        var reviews: [Duration] = []
        var pages: [Duration] = []
        var made: [CampaignTally] = []
        for _ in 0..<max(1, min(3, bench.repetitions)) {
            let t = clock.now
            made.append(try store.createCampaign(plan))
            reviews.append(clock.now - t)
            var after = 0
            for _ in 0..<20 {
                let p = clock.now
                let page = try store.campaignMessages(made.last!.campaign.id, after: after, limit: 50)
                pages.append(clock.now - p)
                guard let last = page.last else { break }
                after = last.position
            }
        }
        bench.record("campaign review: 10,000 of the re-engagement group rendered and stored (one transaction)", reviews,
                     rows: made.last?.messages ?? 0)
        bench.record("campaign review: a page of 50 messages", pages, rows: 50)

        // Sending: Funnel's own CPU per message (claim, spool, spawn, wait, record with the touch).
        var config = Config.defaults()
        config.mail.sendmail = "cat > /dev/null"
        config.recruiter = Config.Recruiter(name: "Bench", email: "bench@example.org")
        let spool = NSTemporaryDirectory() + "funnel-bench-spool-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let sender = CampaignSender(store: store, config: config, clock: { moment }, spool: spool)
        guard let campaign = made.last?.campaign.id else { return }
        let count = 200
        // Both ways a run sends, alternating in rounds of 20 so that the machine's noise falls
        // on both alike: each message claimed and recorded in transactions of their own (the
        // TUI, a run with a rate), and each record claiming the next (`funnel campaign send`
        // without a rate).
        var walls: [Bool: [Duration]] = [false: [], true: []]
        var own: [Bool: Double] = [false: 0, true: 0], children: [Bool: Double] = [false: 0, true: 0]
        var claimed: CampaignMessage?
        sending: for round in 0..<(count / 20) {
            let chained = round % 2 == 1
            let before = Self.cpu()
            for _ in 0..<20 {
                let t = clock.now
                if chained {
                    guard let step = try sender.sendChained(campaign, claimed: claimed) else { break sending }
                    claimed = step.next
                } else {
                    guard try sender.sendNext(campaign) != nil else { break sending }
                }
                walls[chained, default: []].append(clock.now - t)
            }
            if let message = claimed {
                try sender.release(message)
                claimed = nil
            }
            let after = Self.cpu()
            own[chained, default: 0] += after.own - before.own
            children[chained, default: 0] += after.children - before.children
        }
        if let claimed { try sender.release(claimed) }
        for chained in [false, true] {
            let sent = Double(max(1, walls[chained]?.count ?? 0))
            let way = chained ? "each record claiming the next" : "claim and record apart"
            let perMessage = Duration.nanoseconds(Int64((own[chained] ?? 0) / sent * 1e9))
            bench.record("campaign send (\(way)): wall time per message (sendmail = cat > /dev/null)", walls[chained] ?? [], rows: 1)
            bench.record("campaign send (\(way)): Funnel's own CPU per message (children not counted)", [perMessage, perMessage], rows: 1,
                         note: String(format: "the command's CPU per message: %.2f ms", (children[chained] ?? 0) / sent * 1000))
        }
        _ = try store.writer.write { db in
            try db.execute(sql: "DELETE FROM campaign WHERE id IN (\(made.map { String($0.campaign.id) }.joined(separator: ",")))")
        }
    }

    /// User + system CPU seconds of this process and of its finished children.
    static func cpu() -> (own: Double, children: Double) {
        func seconds(_ who: __rusage_who) -> Double {
            var usage = rusage()
            getrusage(who.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return (seconds(RUSAGE_SELF), seconds(RUSAGE_CHILDREN))
    }
}
