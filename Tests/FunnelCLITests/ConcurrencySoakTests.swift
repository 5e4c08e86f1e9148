import Foundation
import Testing

/// Several `funnel` processes on one store at once (issue 9): writers looping over move, note
/// and log while a reader lists, shows and reports. Every command must succeed (the busy timeout
/// and IMMEDIATE transactions make them wait for each other, never fail), and afterwards the
/// store's counters must equal a recount and hold exactly the acknowledged writes.
///
/// Bounded in time: 8 s by default, `FUNNEL_SOAK_SECONDS` to run longer.
@Suite struct ConcurrencySoakTests {
    static let writers = 3
    static let seconds: Double = {
        let configured = ProcessInfo.processInfo.environment["FUNNEL_SOAK_SECONDS"].flatMap(Double.init) ?? 8
        return max(1, configured)
    }()
    static let stages = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]

    /// What the loops did, shared between their threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var moves = 0
        private(set) var touches = 0
        private(set) var reads = 0
        private(set) var failures: [String] = []

        func add(moves: Int = 0, touches: Int = 0, reads: Int = 0) {
            lock.lock(); defer { lock.unlock() }
            self.moves += moves; self.touches += touches; self.reads += reads
        }

        func fail(_ what: String) {
            lock.lock(); defer { lock.unlock() }
            failures.append(what)
        }
    }

    /// Runs `body` on `count` threads at once (real threads: each blocks on a child process) and
    /// waits for all of them.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                body(index)
                group.leave()
            }
            thread.start()
        }
        group.wait()
    }

    static func check(_ sandbox: Sandbox, _ desk: String) throws -> [String: Any] {
        let result = try sandbox.run("check", "--db", desk, "--json")
        #expect(result.code == 0, "\(result)")
        return try #require(try result.json() as? [String: Any])
    }

    @Test func writersAndAReaderOnOneStoreNeverFail() throws {
        let sandbox = try Sandbox()
        let desk = sandbox.path("desk/demo.sqlite")
        let built = try sandbox.run("demo", "--db", desk, "--no-open")
        #expect(built.code == 0, "\(built)")

        // Each writer owns every `writers`-th candidate and knows its stage, so that each move
        // goes to a different stage and none is refused as "already in".
        let listed = try sandbox.run("list", "--db", desk, "--json")
        let rows = try #require(try listed.json() as? [[String: Any]])
        let candidates = rows.compactMap { row -> (Int, String)? in
            guard let id = row["id"] as? Int, let stage = row["stage"] as? String else { return nil }
            return (id, stage)
        }
        try #require(candidates.count >= Self.writers * 2)
        let before = try Self.check(sandbox, desk)
        let touchesBefore = try #require(before["touches"] as? Int)
        let stageChangesBefore = try #require(before["stage_changes"] as? Int)

        let tally = Tally()
        let deadline = Date().addingTimeInterval(Self.seconds)
        Self.onThreads(Self.writers + 1) { index in
            var step = 0
            func run(_ args: [String]) -> Bool {
                do {
                    let result = try sandbox.run([args[0], "--db", desk] + args.dropFirst())
                    if result.code == 0 { return true }
                    tally.fail("\(args.joined(separator: " ")): exit \(result.code): \(result.stderr)")
                } catch {
                    tally.fail("\(args.joined(separator: " ")): \(error)")
                }
                return false
            }
            if index == Self.writers {
                // The reader.
                while Date() < deadline {
                    step += 1
                    let id = candidates[step % candidates.count].0
                    let args = [["list"], ["show", "\(id)"], ["report"]][step % 3]
                    if run(args) { tally.add(reads: 1) }
                }
                return
            }
            var mine = candidates.enumerated().filter { $0.offset % Self.writers == index }.map(\.element)
            while Date() < deadline {
                step += 1
                let slot = step % mine.count
                let (id, stage) = mine[slot]
                switch step % 3 {
                case 0:
                    let current = Self.stages.firstIndex(of: stage) ?? 0
                    let target = Self.stages[(current + 1 + step % (Self.stages.count - 1)) % Self.stages.count]
                    if run(["move", "\(id)", target]) {
                        mine[slot].1 = target
                        tally.add(moves: 1)
                    }
                case 1:
                    if run(["note", "\(id)", "soak \(index).\(step)"]) { tally.add(touches: 1) }
                default:
                    if run(["log", "\(id)", "--channel", "email", "--direction", "in", "--outcome", "replied",
                            "--note", "soak \(index).\(step)"]) {
                        tally.add(touches: 1)
                    }
                }
            }
        }

        print("soak: \(Self.writers) writers and a reader, \(Self.seconds) s: \(tally.moves) moves, \(tally.touches) notes and logs, \(tally.reads) reads, \(tally.failures.count) failed")
        #expect(tally.failures.isEmpty,
                "\(tally.failures.count) of \(tally.moves + tally.touches + tally.reads + tally.failures.count) commands failed, e.g. \(tally.failures.prefix(3))")
        // The loops really ran side by side.
        #expect(tally.moves + tally.touches >= Self.writers * 3)
        #expect(tally.reads >= 3)

        // Counters equal a recount (check), and the store holds exactly what was acknowledged.
        let after = try Self.check(sandbox, desk)
        #expect(after["ok"] as? Bool == true, "\(after)")
        #expect(after["touches"] as? Int == touchesBefore + tally.touches)
        #expect(after["stage_changes"] as? Int == stageChangesBefore + tally.moves)
    }
}
