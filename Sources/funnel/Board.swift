import FunnelCore

/// Opens the interactive board on the store at `storePath` and returns when the user quits.
/// `funnel demo` calls it on a terminal; the board's engineer replaces this body.
func openBoard(storePath: String) throws {
    throw FunnelError.invalid("the board is not built yet; the demo store is at \(storePath)")
}
