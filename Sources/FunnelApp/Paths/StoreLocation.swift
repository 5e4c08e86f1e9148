import Foundation

/// Where the store and the configuration live (product.md, "Where things live"):
/// `--db PATH`, else `$FUNNEL_DB`, else `$XDG_DATA_HOME/funnel/funnel.sqlite`
/// (`~/.local/share/funnel/funnel.sqlite`). Pure: the environment is passed in.
public enum StoreLocation {
    public static func resolve(db: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let db, !db.isEmpty { return expand(db, environment) }
        if let env = environment["FUNNEL_DB"], !env.isEmpty { return expand(env, environment) }
        return dataHome(environment) + "/funnel/funnel.sqlite"
    }

    /// The demo store's default place, kept apart from the real desk so `funnel demo` can never
    /// overwrite a recruiter's data: `$XDG_DATA_HOME/funnel/demo.sqlite`.
    public static func demo(db: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let db, !db.isEmpty { return expand(db, environment) }
        return dataHome(environment) + "/funnel/demo.sqlite"
    }

    /// `$XDG_CONFIG_HOME/funnel/config.toml` (`~/.config/funnel/config.toml`).
    public static func config(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home(environment) + "/.config"
        return base + "/funnel/config.toml"
    }

    static func dataHome(_ environment: [String: String]) -> String {
        environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home(environment) + "/.local/share"
    }

    static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    static func expand(_ path: String, _ environment: [String: String]) -> String {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return home(environment) + path.dropFirst(1) }
        return path
    }
}
