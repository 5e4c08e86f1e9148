import Foundation
import FunnelCore
import FunnelApp
import FunnelUI
import Testing

@Suite("Editor and private temporary files")
struct EditorTests {
    /// A fresh folder whose name needs quoting in a shell.
    func makeFolder() throws -> String {
        let path = NSTemporaryDirectory() + "funnel editor 'test' $HOME \(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("VISUAL, then EDITOR, then vi; empty values count as unset")
    func command() {
        #expect(ExternalEditor.command(environment: [:]) == "vi")
        #expect(ExternalEditor.command(environment: ["EDITOR": "nano"]) == "nano")
        #expect(ExternalEditor.command(environment: ["EDITOR": "nano", "VISUAL": "code --wait"]) == "code --wait")
        #expect(ExternalEditor.command(environment: ["EDITOR": "nano", "VISUAL": ""]) == "nano")
        #expect(ExternalEditor.command(environment: ["EDITOR": "  "]) == "vi")
    }

    @Test("the path is passed as $1, never pasted into the script")
    func arguments() {
        #expect(ExternalEditor.shellArguments(editor: "vim -u NONE", path: "/tmp/a b") == ["-c", "vim -u NONE \"$1\"", "funnel-editor", "/tmp/a b"])
    }

    @Test("temporary folders are 0700 and files 0600 with their contents")
    func temporaryFile() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inner = try PrivateFiles.temporaryFolder(in: folder)
        #expect(inner.hasPrefix(folder + "/funnel."))
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: inner)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let path = inner + "/note.md"
        try PrivateFiles.write(Data("Zoë 山田\n".utf8), to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Zoë 山田\n")
        #expect(throws: FunnelError.self) { try PrivateFiles.write(Data(), to: path) }
        #expect(try PrivateFiles.temporaryFolder(in: folder) != inner)
    }

    @Test("an editor with arguments edits a path that needs quoting")
    func runsEditor() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/note.txt"
        try PrivateFiles.write(Data("hello world\n".utf8), to: path)
        let terminal = FakeTerminal()
        try terminal.runEditor(on: path, environment: ["EDITOR": "sed -i s/world/Zoë/", "PATH": "/usr/bin:/bin"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello Zoë\n")
        #expect(terminal.suspendCount == 1)
    }

    @Test("a failing or killed editor throws and says so")
    func failures() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/empty.txt"
        try PrivateFiles.write(Data(), to: path)
        let terminal = FakeTerminal()
        #expect(throws: ExternalEditorError.exited(editor: "exit 3;", status: 3)) {
            try terminal.runEditor(on: path, environment: ["EDITOR": "exit 3;"])
        }
        #expect(throws: ExternalEditorError.killed(editor: "kill -TERM $$;", signal: 15)) {
            try terminal.runEditor(on: path, environment: ["EDITOR": "kill -TERM $$;"])
        }
        #expect(ExternalEditorError.exited(editor: "vi", status: 1).description == "the editor vi exited with status 1; nothing was changed")
        #expect(terminal.suspendCount == 2)
    }

    @Test("editText round-trips through a temporary file and removes it")
    func editText() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The log lives in a folder that needs no quoting, so the script below can name it.
        let logFolder = NSTemporaryDirectory() + "funnel-editor-log-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logFolder) }
        let log = logFolder + "/seen-path"
        let terminal = FakeTerminal()
        let script = "f() { cat \"$1\" > '\(log).content'; printf '%s' \"$1\" > '\(log)'; printf 'new text' > \"$1\"; }; f"
        let result = try terminal.editText("old text", environment: ["EDITOR": script, "TMPDIR": folder, "PATH": "/usr/bin:/bin"])
        #expect(result == "new text")
        #expect(try String(contentsOfFile: log + ".content", encoding: .utf8) == "old text")
        let seen = try String(contentsOfFile: log, encoding: .utf8)
        #expect(seen.hasPrefix(folder + "/funnel."))
        #expect(!FileManager.default.fileExists(atPath: seen), "temporary file removed")
    }
}
