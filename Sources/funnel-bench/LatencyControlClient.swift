import Foundation

/// A tmux control-mode client (`tmux -C`) on a private server (`-L`, `-f /dev/null`), so the
/// benchmark never touches a user's tmux. tmux writes every byte a pane's program prints as a
/// `%output` line; a reader thread stamps each line with the monotonic time it was read. A key is
/// sent with `send-keys`, and its frame is over when the pane has printed something and then
/// nothing for the quiet period: the latency is from just before the key was written to tmux to
/// the last `%output` line of that burst (the quiet period is not added).
///
/// Commands are answered in order, each in a `%begin` … `%end` (or `%error`) block; the client
/// is used from one thread, one command at a time.
final class ControlClient: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A key as `send-keys` takes it: literal text (`-l`) or a tmux key name ("Enter", "Escape").
    enum Key: CustomStringConvertible {
        case text(String)
        case named(String)

        var description: String {
            switch self {
            case .text(let text): text
            case .named(let name): name
            }
        }
    }

    struct Block {
        var lines: [String]
        var failed: Bool
        var endedAt: UInt64
    }

    let tmux: String
    let socketName = "funnel-latency-\(UUID().uuidString)"
    let session = "bench"
    /// No `%output` for this long ends a frame.
    let quiet: UInt64
    private let environment: [String: String]

    private var clientPID: pid_t = 0
    private var serverPID: pid_t = 0
    private var socketPath = ""
    private var commandsFD: Int32 = -1
    private var notificationsFD: Int32 = -1

    // Shared with the reader thread, under `condition`.
    private let condition = NSCondition()
    private var blocks: [Block] = []
    /// The index in `blocks` the next command's answer will have (this thread only).
    private var nextAnswer = 0
    private var openBlock: [String]?
    private var outputCount: [String: Int] = [:]
    private var lastOutput: [String: UInt64] = [:]
    private var ended = false

    /// The pane the program runs in ("%0").
    private(set) var pane = ""

    /// Seconds to wait for a frame (or an answer) before giving up.
    let timeout: Double

    init(tmux: String, quietMilliseconds: Double, timeout: Double, environment: [String: String]) {
        self.tmux = tmux
        self.quiet = UInt64(quietMilliseconds * 1_000_000)
        self.timeout = timeout
        self.environment = environment
    }

    deinit { stop() }

    /// Starts the server with one `width`×`height` pane running `program` (argv form, so tmux
    /// execs it without a shell), then attaches this control client to it.
    func start(width: Int, height: Int, program: [String]) throws {
        // The options after new-session: tmux 3.3 exits if window-size is set before any session exists.
        // window-size manual keeps the control client (whose size is 80×24) from resizing the pane.
        let server = ["-u", "-L", socketName, "-f", "/dev/null",
                      "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height)] + program
            + [";", "set-option", "-g", "window-size", "manual", ";", "set-option", "-g", "remain-on-exit", "on"]
        _ = try LatencyProcess.output(tmux, server, environment: environment)

        var toClient: [Int32] = [0, 0], fromClient: [Int32] = [0, 0]
        guard pipe(&toClient) == 0, pipe(&fromClient) == 0 else {
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // Not inherited by anything else spawned (the funnel commands): only dup'ed onto the client's 0 and 1.
        for fd in toClient + fromClient { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        clientPID = try LatencyProcess.spawn(tmux, ["-u", "-L", socketName, "-f", "/dev/null", "-C", "attach-session", "-t", session],
                                             environment: environment, stdin: .descriptor(toClient[0]),
                                             stdout: .descriptor(fromClient[1]))
        close(toClient[0])
        close(fromClient[1])
        commandsFD = toClient[1]
        notificationsFD = fromClient[0]
        let reader = Thread { [self] in self.readNotifications() }
        reader.stackSize = 1 << 20
        reader.start()

        // Only our commands' answers are kept; skip to the answer to a marker, so the answers
        // that follow are ours, one per command, in order.
        let marker = "ready-\(UUID().uuidString)"
        try write("display-message -p \(marker)")
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while !blocks.contains(where: { $0.lines.contains(marker) }) {
            guard !ended, condition.wait(until: deadline) || blocks.contains(where: { $0.lines.contains(marker) }) else {
                condition.unlock()
                throw Failure(description: "tmux control mode did not answer")
            }
        }
        nextAnswer = blocks.firstIndex { $0.lines.contains(marker) }! + 1
        condition.unlock()
        pane = try value("#{pane_id}")
        guard pane.hasPrefix("%") else { throw Failure(description: "tmux answered \(pane) for the pane's id") }
        serverPID = pid_t(try value("#{pid}")) ?? 0
        socketPath = try value("#{socket_path}")
        let size = try value("#{pane_width}x#{pane_height}")
        guard size == "\(width)x\(height)" else { throw Failure(description: "the pane is \(size), not \(width)x\(height)") }
    }

    /// A tmux format about the pane ("#{pane_width}").
    func value(_ format: String) throws -> String {
        try command("display-message -p -t \(session) \(Self.quoted(format))").lines.first ?? ""
    }

    /// Sends one command line and waits for its block; throws if tmux answered `%error`.
    @discardableResult
    func command(_ line: String) throws -> Block {
        let index = nextAnswer
        nextAnswer += 1
        try write(line)
        return try block(index, timeout: timeout, what: line)
    }

    /// Waits for the answer to the `index`-th command sent.
    private func block(_ index: Int, timeout: Double, what: String) throws -> Block {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while blocks.count <= index {
            if ended { throw Failure(description: "tmux ended while waiting for the answer to \(what)") }
            guard condition.wait(until: deadline) || blocks.count > index else {
                throw Failure(description: "no answer from tmux to \(what) after \(timeout) s")
            }
        }
        let block = blocks[index]
        if block.failed { throw Failure(description: "tmux refused \(what): \(block.lines.joined(separator: " "))") }
        return block
    }

    private func write(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer { Glibc.write(commandsFD, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "cannot write to tmux: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    /// The send-keys command line for `key`, quoted for tmux's parser.
    func sendKeysLine(_ key: Key, target: String? = nil) -> String {
        let target = target ?? pane
        switch key {
        case .text(let text): return "send-keys -t \(target) -l \(Self.quoted(text))"
        case .named(let name): return "send-keys -t \(target) \(name)"
        }
    }

    /// Presses `key` and returns the nanoseconds from sending it to the last byte of the frame it
    /// caused. If `expect` is given the frame must show it (read with capture-pane once the pane
    /// is quiet); output that does not yet show it is taken as part of the same redraw.
    func press(_ key: Key, expect: String? = nil) throws -> UInt64 {
        try measure(sendKeysLine(key), what: "\(key)", expect: expect)
    }

    /// Runs a command line (send-keys, respawn-pane) and times the pane's answer as `press` does.
    func measure(_ line: String, what: String, expect: String?) throws -> UInt64 {
        condition.lock()
        var seen = outputCount[pane] ?? 0
        condition.unlock()
        let index = nextAnswer
        nextAnswer += 1
        let start = Monotonic.now()
        try write(line)
        _ = try block(index, timeout: timeout, what: line)
        let deadline = start + UInt64(timeout * 1e9)
        var screen: String?
        while true {
            let count: Int, last: UInt64
            do {
                (count, last) = try waitForQuiet(after: seen, deadline: deadline, what: what, expect: expect)
            } catch let failure as Failure {
                throw Failure(description: failure.description + (screen.map { "; the screen was:\n\($0)" } ?? ""))
            }
            guard let expect else { return last - start }
            let shown = try capture()
            screen = shown
            condition.lock()
            let stillQuiet = (outputCount[pane] ?? 0) == count
            condition.unlock()
            if stillQuiet, shown.contains(expect) { return last - start }
            if Monotonic.now() > deadline {
                throw Failure(description: "after \(what): \"\(expect)\" not on the screen after \(timeout) s; the screen was:\n\(shown)")
            }
            seen = count
        }
    }

    /// Waits until the pane has printed more than `seen` lines of output and then been quiet;
    /// returns its output count and the time of its last output.
    private func waitForQuiet(after seen: Int, deadline: UInt64, what: String, expect: String?) throws -> (Int, UInt64) {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if ended { throw Failure(description: "tmux ended while waiting for the frame of \(what)") }
            let now = Monotonic.now()
            let count = outputCount[pane] ?? 0
            if count > seen, let last = lastOutput[pane] {
                if now >= last + quiet { return (count, last) }
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(last + quiet - now) / 1e9))
                continue
            }
            if now >= deadline {
                throw Failure(description: "no output from the pane after \(what)\(expect.map { " (waiting for \"\($0)\")" } ?? "")")
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(0.5, Double(deadline - now) / 1e9)))
        }
    }

    /// Presses `key` without keeping the time (a step between measured keys); like `press`, it
    /// waits for the frame, so the next key starts on a quiet pane.
    func type(_ key: Key, expect: String? = nil) throws {
        _ = try press(key, expect: expect)
    }

    /// The visible pane as text.
    func capture() throws -> String {
        try command("capture-pane -p -t \(pane)").lines.joined(separator: "\n")
    }

    /// Nanoseconds of one command round trip through control mode (a display-message).
    func roundTrip() throws -> UInt64 {
        let start = Monotonic.now()
        let block = try command("display-message -p -t \(pane) '#{pane_id}'")
        return block.endedAt - start
    }

    /// Ends the server (and with it the client and the pane's program). Safe to call twice.
    func stop() {
        guard clientPID != 0 else { return }
        try? write("kill-server")
        close(commandsFD)
        // The client ends when its server does; give it a moment, then end the ones we started.
        let deadline = Date(timeIntervalSinceNow: 5)
        var status: Int32 = 0
        while waitpid(clientPID, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(clientPID, SIGKILL)
                if serverPID > 0 { kill(serverPID, SIGKILL) }
                _ = waitpid(clientPID, &status, 0)
                break
            }
            usleep(20_000)
        }
        clientPID = 0
        if !socketPath.isEmpty { unlink(socketPath) }
    }

    // MARK: - The reader thread

    private func readNotifications() {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { read(notificationsFD, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            let stamp = Monotonic.now()
            guard n > 0 else { break }
            pending.append(contentsOf: chunk[0..<n])
            condition.lock()
            var start = 0
            while let newline = pending[start...].firstIndex(of: 10) {
                handle(pending[start..<newline], at: stamp)
                start = newline + 1
            }
            pending.removeFirst(start)
            condition.broadcast()
            condition.unlock()
        }
        close(notificationsFD)
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    private static let outputPrefix = Array("%output ".utf8)

    /// One line from tmux, under the lock. Notifications never come inside a block.
    private func handle(_ line: ArraySlice<UInt8>, at stamp: UInt64) {
        if openBlock != nil {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("%end ") || text.hasPrefix("%error ") {
                // "%end time number flags": flags 1 is a command this client sent. The attach
                // command's answer (flags 0) can come before or after the first of ours.
                if text.split(separator: " ").last == "1" {
                    blocks.append(Block(lines: openBlock!, failed: text.hasPrefix("%error "), endedAt: stamp))
                }
                openBlock = nil
            } else {
                openBlock!.append(text)
            }
            return
        }
        if line.starts(with: Self.outputPrefix) {
            let rest = line.dropFirst(Self.outputPrefix.count)
            let id = String(decoding: rest.prefix { $0 != 32 }, as: UTF8.self)
            outputCount[id, default: 0] += 1
            lastOutput[id] = stamp
        } else if line.starts(with: Array("%begin ".utf8)) {
            openBlock = []
        } else if line.starts(with: Array("%exit".utf8)) {
            ended = true
        }
    }

    /// Single-quoted for tmux's command parser (no expansion inside); `'` itself is refused.
    static func quoted(_ text: String) -> String {
        precondition(!text.contains("'"), "cannot quote \(text) for tmux")
        return "'" + text + "'"
    }
}
