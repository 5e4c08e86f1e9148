import FunnelApp
import FunnelUI
import Testing

/// A tiny program exercising every part of the runtime contract.
struct Counter: Program {
    struct State: Equatable {
        var count = 0
        var saved: [Int] = []
        var sizes: [Size] = []
        var ticks = 0
        var interrupts = 0
        var sawTerminate = false
    }

    enum Msg: Sendable, Equatable {
        case increment, decrement, quit, save, saved(Int), resized(Size), tick, interrupt, terminating, edit, edited(String)
    }

    enum Effect: Equatable {
        case persist(Int)
        case openEditor
    }

    var state = State()
    var isFinished = false
    /// Handle SIGINT as a message instead of letting it end the loop.
    var catchesInterrupt = false
    /// Finish after this many ticks (nil: never).
    var tickLimit: Int?

    func message(for event: TerminalEvent) -> Msg? {
        switch event {
        case .key(.char("+")), .key(.up): .increment
        case .key(.char("-")), .key(.down): .decrement
        case .key(.char("s")): .save
        case .key(.char("e")): .edit
        case .key(.char("q")): .quit
        case .key: nil
        case .resize(let size): .resized(size)
        case .tick: .tick
        case .signal(TerminalSignal.interrupt): catchesInterrupt ? .interrupt : nil
        case .signal(TerminalSignal.terminate): .terminating
        case .signal: nil
        }
    }

    mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .increment: state.count += 1
        case .decrement: state.count -= 1
        case .quit: isFinished = true
        case .save: return [.persist(state.count)]
        case .saved(let value): state.saved.append(value)
        case .resized(let size): state.sizes.append(size)
        case .tick:
            state.ticks += 1
            if let tickLimit, state.ticks >= tickLimit { isFinished = true }
        case .interrupt: state.interrupts += 1
        case .terminating: state.sawTerminate = true
        case .edit: return [.openEditor]
        case .edited(let text): state.saved.append(text.count)
        }
        return []
    }

    func render(into screen: inout Screen) {
        screen.put("count: \(state.count)", x: 0, y: 0)
        screen.put("size: \(screen.size)", x: 0, y: 1)
        screen.put("saved: \(state.saved.map(String.init).joined(separator: ","))", x: 0, y: 2)
    }
}

/// Records effects; answers `persist` with two messages to check first-in-first-out handling.
struct RecordingRunner: EffectRunner {
    typealias P = Counter
    var performed: [Counter.Effect] = []
    var editorEnvironment: [String: String] = [:]

    mutating func run(_ effect: Counter.Effect, terminal: any Terminal) -> [Counter.Msg] {
        performed.append(effect)
        switch effect {
        case .persist(let value):
            return [.saved(value), .increment]
        case .openEditor:
            do {
                return [.edited(try terminal.editText("abc", environment: editorEnvironment))]
            } catch {
                return [.edited("")]
            }
        }
    }
}

@Suite("Runtime")
struct RuntimeTests {
    @Test("keys update the state, every change is rendered, q finishes and stops the terminal")
    func keysAndQuit() {
        let terminal = FakeTerminal(size: Size(width: 30, height: 4))
        terminal.enqueue(keys: .char("+"), .up, .char("-"), .char("+"), .char("q"), .char("+"))
        let runtime = Runtime(program: Counter(), runner: RecordingRunner(), terminal: terminal)
        let final = runtime.run()
        #expect(final.state.count == 2)
        #expect(final.isFinished)
        #expect(terminal.lastLines == ["count: 2", "size: 30×4", "saved:", ""])
        #expect(terminal.presented.count == 5, "initial frame + one per handled key, none after q")
        #expect(terminal.pendingEvents == [.key(.char("+"))], "nothing read after finishing")
        #expect(terminal.stopCount == 1)
        #expect(runtime.endingSignal == nil)
    }

    @Test("ignored events draw nothing")
    func ignoredEvents() {
        let terminal = FakeTerminal(events: [.key(.char("x")), .key(.pageDown), .key(.char("q"))])
        Runtime(program: Counter(), runner: RecordingRunner(), terminal: terminal).run()
        #expect(terminal.presented.count == 1)
    }

    @Test("effects run in order and their messages come back first in, first out")
    func effects() {
        let terminal = FakeTerminal()
        terminal.enqueue(keys: .char("+"), .char("s"), .char("s"), .char("q"))
        let runtime = Runtime(program: Counter(), runner: RecordingRunner(), terminal: terminal)
        let final = runtime.run()
        // s saves 1 then increments to 2; the second s saves 2 then increments to 3.
        #expect(final.state.saved == [1, 2])
        #expect(final.state.count == 3)
        #expect(runtime.runner.performed == [.persist(1), .persist(2)])
        #expect(terminal.lastLines[2] == "saved: 1,2")
    }

    @Test("a resize reaches the program and the next frame has the new size")
    func resize() {
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(.resize(Size(width: 40, height: 10)))
        terminal.enqueue(keys: .char("q"))
        let final = Runtime(program: Counter(), runner: RecordingRunner(), terminal: terminal).run()
        #expect(final.state.sizes == [Size(width: 40, height: 10)])
        #expect(terminal.presented.map(\.size) == [Size(width: 80, height: 24), Size(width: 40, height: 10)])
        #expect(terminal.lastLines[1] == "size: 40×10")
        #expect(terminal.fullRepaints == 2)
    }

    @Test("SIGTERM ends the loop after the program has seen it")
    func terminate() {
        let terminal = FakeTerminal(events: [.key(.char("+")), .signal(TerminalSignal.terminate), .key(.char("+"))])
        let runtime = Runtime(program: Counter(), runner: RecordingRunner(), terminal: terminal)
        let final = runtime.run()
        #expect(final.state.sawTerminate)
        #expect(!final.isFinished)
        #expect(final.state.count == 1)
        #expect(runtime.endingSignal == TerminalSignal.terminate)
        #expect(terminal.stopCount == 1)
    }

    @Test("SIGHUP ends the loop even when the program ignores it")
    func hangup() {
        let terminal = FakeTerminal(events: [.key(.char("+"))])  // then the fake hangs up
        let runtime = Runtime(program: Counter(), runner: RecordingRunner(), terminal: terminal)
        #expect(runtime.run().state.count == 1)
        #expect(runtime.endingSignal == TerminalSignal.hangup)
        #expect(terminal.stopCount == 1)
    }

    @Test("SIGINT ends the loop unless the program handles it")
    func interrupt() {
        let ignoring = FakeTerminal(events: [.signal(TerminalSignal.interrupt), .key(.char("+"))])
        let runtime = Runtime(program: Counter(), runner: RecordingRunner(), terminal: ignoring)
        #expect(runtime.run().state.count == 0)
        #expect(runtime.endingSignal == TerminalSignal.interrupt)

        let handling = FakeTerminal(events: [.signal(TerminalSignal.interrupt), .key(.char("+")), .key(.char("q"))])
        let second = Runtime(program: Counter(catchesInterrupt: true), runner: RecordingRunner(), terminal: handling)
        let final = second.run()
        #expect(final.state.interrupts == 1)
        #expect(final.state.count == 1)
        #expect(second.endingSignal == nil)
    }

    @Test("timeouts become ticks, with the configured interval")
    func ticks() {
        let terminal = FakeTerminal(whenExhausted: .timeout)
        let runtime = Runtime(program: Counter(tickLimit: 3), runner: RecordingRunner(), terminal: terminal, tickInterval: 250)
        let final = runtime.run()
        #expect(final.state.ticks == 3)
        #expect(terminal.requestedTimeouts == [250, 250, 250])
        #expect(terminal.stopCount == 1)
    }

    @Test("a program finished before the first event still renders once and stops")
    func finishedAtStart() {
        let terminal = FakeTerminal(events: [.key(.char("+"))])
        var program = Counter()
        _ = program.update(.quit)
        Runtime(program: program, runner: RecordingRunner(), terminal: terminal).run()
        #expect(terminal.presented.count == 1)
        #expect(terminal.requestedTimeouts.isEmpty)
        #expect(terminal.stopCount == 1)
    }

    @Test("an effect can hand the terminal to $EDITOR; the next frame is a full repaint")
    func editorEffect() {
        let terminal = FakeTerminal(events: [.key(.char("e")), .key(.char("q"))])
        var runner = RecordingRunner()
        runner.editorEnvironment = ["EDITOR": "printf 'edited text' >", "PATH": "/usr/bin:/bin"]
        let final = Runtime(program: Counter(), runner: runner, terminal: terminal).run()
        #expect(final.state.saved == ["edited text".count])
        #expect(terminal.suspendCount == 1)
        #expect(terminal.fullRepaints == 2)
    }

    @Test("programs without effects use NoEffects")
    func noEffects() {
        struct Quitter: Program {
            var state = 0
            var isFinished = false
            func message(for event: TerminalEvent) -> Int? { if case .key = event { 1 } else { nil } }
            mutating func update(_ msg: Int) -> [Never] { state += msg; isFinished = state >= 2; return [] }
            func render(into screen: inout Screen) { screen.put("\(state)", x: 0, y: 0) }
        }
        let terminal = FakeTerminal(events: [.key(.enter), .key(.enter), .key(.enter)])
        let final = Runtime(program: Quitter(), runner: NoEffects(), terminal: terminal).run()
        #expect(final.state == 2)
        #expect(terminal.lastLines.first == "1")
    }
}
