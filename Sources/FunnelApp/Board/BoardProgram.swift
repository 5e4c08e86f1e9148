import FunnelCore
import FunnelUI

/// The board as a `Program` for the runtime: FunnelUI's state, reducer and view, plus the
/// translation of terminal events into messages.
public struct BoardProgram: Program {
    public private(set) var state: AppState

    public init(state: AppState) { self.state = state }

    public func message(for event: TerminalEvent) -> Msg? {
        switch event {
        case let .key(key): .key(key)
        case let .resize(size): .resize(size)
        case .signal: .terminate
        case .tick: .tick
        }
    }

    public mutating func update(_ msg: Msg) -> [Effect] { App.update(&state, msg) }

    public func render(into screen: inout Screen) { Render.draw(state, into: &screen) }

    public var isFinished: Bool { state.isFinished }

    public var tickTimeout: Int? { App.tickTimeout(state) }
}
