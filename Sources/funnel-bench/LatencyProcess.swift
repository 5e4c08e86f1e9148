import Foundation

/// Runs programs for the latency benchmark with posix_spawn, not Foundation's Process: a tmux
/// server forked by a client inherits its descriptors and outlives it, and Process (on Linux)
/// was seen never to report such a client's exit (Tests/EndToEndTests/Support/Tmux.swift).
/// Children get every signal at its default: an ignored SIGPIPE would be inherited through exec
/// and change how `funnel list | head` ends.
enum LatencyProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Where a child's standard descriptor goes: a file opened for it, or one of ours (dup'ed).
    enum Stream {
        case path(String)
        case descriptor(Int32)
    }

    /// Starts `executable` and returns its pid.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                      stdin: Stream = .path("/dev/null"), stdout: Stream = .path("/dev/null"),
                      stderr: Stream = .path("/dev/null")) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream, flags) in [(Int32(0), stdin, O_RDONLY), (1, stdout, O_WRONLY | O_CREAT | O_TRUNC), (2, stderr, O_WRONLY | O_CREAT | O_TRUNC)] {
            switch stream {
            case .path(let path): posix_spawn_file_actions_addopen(&actions, fd, path, flags, 0o600)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t(), defaults = sigset_t()
        sigemptyset(&emptyMask)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Waits for `pid`; returns its exit status (128 + n if signal n ended it).
    static func wait(_ pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid \(pid): \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        return signal != 0 ? 128 + signal : (status >> 8) & 0xFF
    }

    /// Runs a program to its end: its status and how long it took, from spawn to reaped.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdout: Stream = .path("/dev/null"), stderr: Stream = .path("/dev/null")) throws -> (status: Int32, nanoseconds: UInt64) {
        let start = Monotonic.now()
        let pid = try spawn(executable, arguments, environment: environment, stdout: stdout, stderr: stderr)
        let status = try wait(pid)
        return (status, Monotonic.now() - start)
    }

    /// Runs a program and returns its standard output; throws, with its errors, unless it exits 0.
    static func output(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> String {
        let base = NSTemporaryDirectory() + "funnel-latency-\(UUID().uuidString)"
        let out = base + ".out", err = base + ".err"
        defer {
            unlink(out)
            unlink(err)
        }
        let (status, _) = try run(executable, arguments, environment: environment, stdout: .path(out), stderr: .path(err))
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let errors = ((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\((executable as NSString).lastPathComponent) \(arguments.prefix(4).joined(separator: " ")) exited \(status): \(errors)")
        }
        return text
    }

    /// A program found in PATH (then the usual folders), if installed.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The monotonic clock in nanoseconds: one reading per event, comparable across threads.
enum Monotonic {
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
