import FunnelApp
import FunnelStore

extension Config {
    /// The recruiter a desk names for itself (the demo desk is Sam Rivera's, `meta`
    /// `recruiter.name` / `recruiter.email`) fills what config.toml leaves out, so the demo can
    /// compose and run a campaign before anyone writes a config. config.toml always wins.
    func completed(by store: Store) throws -> Config {
        var config = self
        if config.recruiter.name == nil { config.recruiter.name = try store.meta("recruiter.name") }
        if config.recruiter.email == nil { config.recruiter.email = try store.meta("recruiter.email") }
        return config
    }
}
