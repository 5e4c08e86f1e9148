import FunnelCore

/// The campaign screen (docs/campaigns.md): `C` on Today, the board, an opening or a candidate
/// (Ctrl-G in search) asks for a template and makes a campaign to that screen's group (a
/// candidate's: everyone with the tag picked); the review lists
/// every message (the selected one in full) and who is left out and why; `e` edits one message;
/// `S` sends, one message per tick, each frame showing the progress line; Esc while sending stops
/// after the message in hand, and Esc after it goes back to the screen it was started from.
extension App {
    /// `C` (Ctrl-G in search): the template form for a campaign to the group of the screen:
    /// Today's re-engagement group, the board's focused column, the search results (the query as
    /// typed), or an opening's matches not yet contacted about it. The title names the group and
    /// how many are in it; who is left out is only known once the review is made.
    static func openCampaignForm(_ state: inout AppState) -> [Effect] {
        if case let .candidate(page) = state.page { return openTagCampaignForm(&state, page) }
        guard let (source, title) = campaignGroup(&state) else { return [] }
        guard hasEmailTemplates(&state) else { return [] }
        // A re-engagement template first for the re-engagement group, if there is one.
        let preferred = source == .reengagement
            ? state.emailTemplates.firstIndex { $0.lowercased().contains("reengage") || $0.lowercased().contains("re-engage") } ?? 0
            : 0
        state.overlay = .form(Form(title: title, purpose: .campaign(source), fields: [
            .choice("template", "Template", state.emailTemplates, selected: preferred,
                    hint: "Enter renders one message per person for review; nothing is sent yet"),
        ]))
        return []
    }

    static func hasEmailTemplates(_ state: inout AppState) -> Bool {
        guard state.emailTemplates.isEmpty else { return true }
        state.message = .error("No email templates yet: add one with funnel template add NAME --channel email")
        return false
    }

    /// `C` on a candidate: a campaign to everyone with one of their tags, picked in the form
    /// (their first tag preselected). How many have it is known once the review is made.
    static func openTagCampaignForm(_ state: inout AppState, _ page: CandidatePage) -> [Effect] {
        guard let candidate = page.detail?.candidate else { return [] }
        guard !candidate.tags.isEmpty else {
            state.message = .info("\(candidate.fullName) has no tags: e adds some, then C makes a campaign to everyone with one")
            return []
        }
        guard hasEmailTemplates(&state) else { return [] }
        state.overlay = .form(Form(title: "Campaign to everyone tagged …", purpose: .campaignTag(candidate.tags), fields: [
            .choice("tag", "Tag", candidate.tags, hint: "everyone with this tag, not only \(candidate.fullName)"),
            .choice("template", "Template", state.emailTemplates,
                    hint: "Enter renders one message per person for review; nothing is sent yet"),
        ]))
        return []
    }

    /// The group of the screen and the form's title, or nil (with the reason said) when there is
    /// nobody to write to.
    static func campaignGroup(_ state: inout AppState) -> (CampaignSource, String)? {
        func people(_ n: Int, _ exact: Bool = true) -> String {
            "\(grouped(n))\(exact ? "" : "+") \(n == 1 && exact ? "person" : "people")"
        }
        switch state.page {
        case let .today(today):
            let group = today.counts.reengagement
            guard group > 0 else {
                state.message = .info("Nobody is due for re-engagement: no campaign to make")
                return nil
            }
            return (.reengagement, "Campaign to the re-engagement group (\(grouped(group)))")
        case .board:
            let stage = state.focusedStage
            // The counters may not have arrived yet: then the column's own cards tell if it is empty.
            let count = state.counts[stage]
            guard count ?? state.focusedColumn.cards.count > 0 else {
                state.message = .info("Nobody in \(stage.title): no campaign to make")
                return nil
            }
            return (.stage(stage), count.map { "Campaign to the \(people($0)) in \(stage.title)" } ?? "Campaign to \(stage.title)")
        case let .search(search):
            // The query as typed (the store reads it back trimmed, as the search does).
            let query = search.query.string.trimmed
            guard !query.isEmpty else {
                state.message = .info("Type a search first: the campaign goes to the people it finds")
                return nil
            }
            // Results of an older query may still be on screen: the count is said only for this one.
            guard search.resultsGeneration == search.generation else {
                return (.search(query), "Campaign to the people found for “\(query)”")
            }
            guard search.total > 0 else {
                state.message = .info("No match for “\(query)”: no campaign to make")
                return nil
            }
            return (.search(query), "Campaign to the \(people(search.total, search.totalIsExact)) found for “\(query)”")
        case let .opening(page):
            guard let detail = page.detail else { return nil }
            let opening = detail.opening
            guard !opening.status.isClosed else {
                state.message = .info("#\(opening.id) \(opening.title) is \(opening.status.title): no campaign is made about it")
                return nil
            }
            // The page lists the best `OpeningDetail.limit` matches: past that the count is a floor.
            let waiting = detail.matches.filter { !$0.contacted }.count
            let exact = detail.matches.count < OpeningDetail.limit
            guard waiting > 0 || !exact else {
                state.message = .info("Everyone who fits #\(opening.id) \(opening.title) was contacted about it: no campaign to make")
                return nil
            }
            return (.opening(opening.id),
                    "Campaign to the \(grouped(waiting))\(exact ? "" : "+") not yet contacted who fit #\(opening.id) \(opening.title)")
        default:
            return nil
        }
    }

    static func campaignAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .campaign(page) = state.page else { return [] }
        let visible = campaignListRows(state.size)
        switch action {
        case .up: page.selected -= 1
        case .down: page.selected += 1
        case .pageUp: page.selected -= visible
        case .pageDown: page.selected += visible
        case .first: page.selected = 0
        case .last: page.selected = page.messages.count - 1
        case .refresh:
            return page.id.map { [.loadCampaign($0)] } ?? []
        case .editMessage:
            guard !page.sending, let id = page.id, let message = page.selectedMessage else { return [] }
            guard message.state == .queued || message.state == .failed else {
                state.message = .info("Message \(message.position) is \(message.state.title): only a message not yet sent can be edited")
                return []
            }
            return [.editCampaignMessage(id, position: message.position)]
        case .sendCampaign:
            guard !page.sending, let id = page.id, let tally = page.tally else { return [] }
            guard tally.remaining > 0 else {
                state.message = .info("Nothing left to send in this campaign")
                return []
            }
            state.overlay = .confirm(Confirm(
                question: "Send \(grouped(tally.remaining)) message\(tally.remaining == 1 ? "" : "s") now, one per person? (Esc stops after the one in hand)",
                action: .sendCampaign(id: id)))
            return []
        default:
            return []
        }
        page.selected = max(0, min(page.selected, page.messages.count - 1))
        if page.selected < page.top { page.top = page.selected }
        if page.selected >= page.top + visible { page.top = page.selected - visible + 1 }
        state.pages[state.pages.count - 1] = .campaign(page)
        return []
    }

    /// Rows of the message list: the rest of the screen shows the selected message.
    static func campaignListRows(_ size: Size) -> Int { max(3, (size.height - 6) / 2) }

    /// Esc on the campaign screen while sending: stop. Each message is handed over and recorded
    /// within one step, so none is in hand when the key is read: the run is marked stopped and
    /// the screen stays, saying how many went and that S goes on. Nil: not sending.
    static func campaignBack(_ state: inout AppState) -> [Effect]? {
        guard case var .campaign(page) = state.page, page.sending, let id = page.id else { return nil }
        page.sending = false
        page.wait = nil
        state.pages[state.pages.count - 1] = .campaign(page)
        return [.finishCampaignRun(id)]
    }

    static func campaignLoaded(_ state: inout AppState, _ tally: CampaignTally, _ messages: [CampaignMessage]) {
        // The form that made it closes once it exists.
        if case let .form(form) = state.overlay, form.purpose.isCampaign { state.overlay = nil }
        if let index = state.pages.lastIndex(where: {
            if case let .campaign(page) = $0 { page.id == nil || page.id == tally.campaign.id } else { false }
        }), case var .campaign(page) = state.pages[index] {
            page.id = tally.campaign.id
            page.tally = tally
            page.messages = messages
            page.selected = max(0, min(page.selected, messages.count - 1))
            page.top = max(0, min(page.top, page.selected))
            state.pages[index] = .campaign(page)
        } else {
            var page = CampaignPage(id: tally.campaign.id)
            page.tally = tally
            page.messages = messages
            state.pages.append(.campaign(page))
        }
    }

    /// One message handled: shown, and the next one asked for on the next tick (so this frame is
    /// drawn and a key can stop the run) unless the run is over or was stopped.
    static func campaignStepped(_ state: inout AppState, _ step: CampaignStep) -> [Effect] {
        guard let index = state.pages.lastIndex(where: {
            if case let .campaign(page) = $0 { page.id == step.tally.campaign.id } else { false }
        }), case var .campaign(page) = state.pages[index], let id = page.id else { return [] }
        page.tally = step.tally
        page.progress = step.progress
        page.wait = nil
        if let message = step.message, let at = page.messages.firstIndex(where: { $0.id == message.id }) {
            page.messages[at] = message
        }
        if let ending = step.ending {
            page.sending = false
            page.ending = ending
            state.message = step.failed ? .error(ending) : .info(ending)
            state.pages[index] = .campaign(page)
            // Everyone sent to has a new touch: the screens under this one are read again (the
            // queue, the board, the search it was made from, the opening it was made from).
            return [.loadCampaign(id)] + reloadBoard(state) + reloadToday(state) + rerunSearch(&state) + reloadOpeningPages(state)
        } else if let wait = step.waitMilliseconds {
            page.wait = wait
        }
        state.pages[index] = .campaign(page)
        return []
    }

    /// While a campaign is sending, each tick hands over the next message.
    static func campaignTick(_ state: AppState) -> [Effect] {
        guard case let .campaign(page) = state.page, page.sending, let id = page.id else { return [] }
        return [.sendCampaignStep(id)]
    }

    /// The runtime waits this long for a key before the next tick: none while a campaign sends.
    public static func tickTimeout(_ state: AppState) -> Int? {
        if case let .campaign(page) = state.page, page.sending { return page.wait ?? 0 }
        return nil
    }
}
