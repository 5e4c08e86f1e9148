/// How an opening is worked: where the person must be. A remote opening matches a remote answer
/// from anywhere and a city answer (ranked lower); onsite and hybrid openings match their city.
public enum WorkMode: String, CaseIterable, Codable, Sendable {
    case onsite, hybrid, remote

    public static func parse(_ text: String) throws -> WorkMode {
        let key = MatchVocabulary.words(text).joined()
        switch key {
        case "onsite", "office", "inoffice": return .onsite
        case "hybrid": return .hybrid
        case "remote": return .remote
        default:
            throw FunnelError.invalid("unknown work mode '\(text)': expected one of onsite, hybrid, remote")
        }
    }
}
