import Spec

/// What ingest reads from the spec: which files make the data set (folders or globs and how images
/// pair with masks), or which phantom to generate. Encodes as `data.images`, `data.masks`,
/// `data.match`, or `data.phantom.*`: this struct is the stage's key (with the files' hashes as inputs).
struct IngestParams: Encodable {
    var data: DataSpec

    static func of(_ spec: ExperimentSpec) -> IngestParams { IngestParams(data: spec.data) }

    enum CodingKeys: String, CodingKey { case data }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch data {
        // data.on_bad_pair is validate's: changing the policy does not re-list the files.
        case .folders(let folders): try folders.encodeSource(to: c.superEncoder(forKey: .data))
        case .phantom(let phantom): try c.encode(phantom, forKey: .data)
        }
    }
}
