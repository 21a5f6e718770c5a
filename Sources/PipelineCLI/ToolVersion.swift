/// The version `pipeline --version` prints and every run's provenance records.
enum ToolVersion {
    static let current = "0.1.0"
}
