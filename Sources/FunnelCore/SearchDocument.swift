/// The text of one candidate's search document, built from its parts. The store's reindex and
/// the synthetic desk generator both call this, so a generated document is byte for byte what
/// the store would write and the two can never drift apart.
public enum SearchDocument {
    /// Profile fields, the name family-name-first when it is CJK, tags, the current future role,
    /// then every distinct non-empty note in time order (the first time it was written): one per
    /// line, CJK characters spaced out (`SearchText.indexable`).
    ///
    /// A note written twice finds no one a second time ("Re: Quick hello" from each reply, the
    /// same "auto-reply: Out of office"), so it is indexed once: the document of someone whose
    /// new touch repeats a note is unchanged, and `Store.reindex` then writes nothing.
    public static func body(firstName: String, lastName: String, email: String?, title: String?, company: String?,
                            location: String?, interests: String?, tags: [String],
                            futureRole: (title: String, location: String)?, notes: [String]) -> String {
        var parts: [String] = []
        for value in [firstName, lastName, email, title, company, location, interests] {
            if let value, !value.isEmpty { parts.append(value) }
        }
        // CJK names are written family name first (山田太郎) whichever field holds it: index that
        // order too, so every pair of adjacent characters of the name as written finds the person.
        if !lastName.isEmpty, (firstName + lastName).unicodeScalars.contains(where: SearchText.isIdeographic) {
            parts.append(lastName + firstName)
        }
        parts += tags
        if let futureRole {
            parts.append(futureRole.title)
            if !futureRole.location.isEmpty { parts.append(futureRole.location) }
        }
        var written = Set<String>()
        parts += notes.filter { !$0.isEmpty && written.insert($0).inserted }
        return SearchText.indexable(parts.joined(separator: "\n"))
    }
}
