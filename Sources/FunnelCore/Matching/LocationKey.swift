/// Where a role is, reduced to the city as the match rule compares it: folded, the part before
/// the first comma ("Lisbon, Portugal" → "lisbon"), aliases resolved ("Lisboa" → "lisbon"), and
/// every way of saying "remote" one key. Empty when no place is given.
extension MatchVocabulary {
    /// The key stored for remote-only answers and remote openings.
    public static let remoteKey = "remote"

    public func locationKey(_ location: String) -> String {
        let city = location.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var words = Self.words(city)
        // "Lisbon (remote)" is a city answer from someone open to remote; the flag says the rest.
        if words.count > 1, let last = words.last, Self.remoteWords.contains(last) { words.removeLast() }
        let phrase = words.joined(separator: " ")
        if phrase.isEmpty { return "" }
        if Self.remoteWords.contains(phrase) { return Self.remoteKey }
        return locationAliases[phrase] ?? phrase
    }
}
