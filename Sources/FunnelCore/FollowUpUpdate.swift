/// What logging a touch does to the next follow-up date.
public enum FollowUpUpdate: Sendable, Equatable {
    /// Leave it as it is.
    case keep
    /// No follow-up planned any more.
    case clear
    /// Follow up on this day.
    case set(Day)
}
