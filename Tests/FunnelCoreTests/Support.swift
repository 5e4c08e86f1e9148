import FunnelCore
import Testing

/// Runs `body`, expecting a `FunnelError` of `kind` whose message contains `fragment`.
func expectFunnelError<T>(_ kind: FunnelError.Kind, _ fragment: String,
                          sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) {
    do {
        let value = try body()
        Issue.record("expected a \(kind) error containing '\(fragment)', got \(value)", sourceLocation: sourceLocation)
    } catch let error as FunnelError {
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "message was: \(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a FunnelError, got \(error)", sourceLocation: sourceLocation)
    }
}

/// A day from literal parts; tests only use real dates.
func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
    Day(year: year, month: month, day: day)!
}
