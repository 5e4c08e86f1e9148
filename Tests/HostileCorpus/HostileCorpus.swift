import Foundation

/// The hostile-input corpus (README.md beside this file), loaded for the test targets that drive
/// it through every way in and out. Read by path, not bundled: the files stay visible bytes.
public enum HostileCorpus {
    public struct Entry: Decodable, Sendable {
        public var id: String
        public var kind: String?
        public var text: String
        /// For `multilineNormalised`: the text as it is stored.
        public var stored: String?
    }

    struct File: Decodable {
        var refused: [Entry]
        var accepted: [Entry]
        var multilineRefused: [Entry]
        var multilineAccepted: [Entry]
        var multilineNormalised: [Entry]
    }

    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    public static let bytesFolder = folder.appendingPathComponent("bytes")

    static let file: File = {
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: folder.appendingPathComponent("corpus.json")))
        } catch {
            fatalError("Tests/HostileCorpus/corpus.json cannot be read: \(error)")
        }
    }()

    /// Single-line text every way in must refuse, naming the field.
    public static var refused: [Entry] { file.refused }
    /// Single-line text that is only text: stored as typed, neutralised where it goes out.
    public static var accepted: [Entry] { file.accepted }
    /// Notes, interests and template bodies that must be refused.
    public static var multilineRefused: [Entry] { file.multilineRefused }
    /// Notes, interests and template bodies kept as typed.
    public static var multilineAccepted: [Entry] { file.multilineAccepted }
    /// Multi-line text with carriage returns (Windows editors, pasted mail): stored with line feeds.
    public static var multilineNormalised: [Entry] { file.multilineNormalised }

    /// Whether a scalar is one the rule forbids in single-line text, written out independently of
    /// `PlainText` so the tests do not check the rule against itself.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The first forbidden scalar of `text` and its 1-based character position, or nil.
    public static func firstForbidden(_ text: String, multiLine: Bool = false) -> (code: String, position: Int)? {
        for (offset, character) in text.enumerated() {
            if let s = character.unicodeScalars.first(where: { isForbidden($0) && !(multiLine && ($0 == "\n" || $0 == "\t")) }) {
                return ("U+" + String(format: "%04X", s.value), offset + 1)
            }
        }
        return nil
    }

    /// Bytes that must never reach a terminal from data: ESC, BEL, NUL, C1 controls (as UTF-8),
    /// DEL, and the separators and bidi overrides. Line feeds and tabs are layout and allowed.
    public static func rawControls(in output: String) -> [Unicode.Scalar] {
        output.unicodeScalars.filter { isForbidden($0) && $0 != "\n" && $0 != "\t" }
    }
}
