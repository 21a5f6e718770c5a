/// The DAG of all stages of all members of an experiment, deduplicated by key: members of a sweep that
/// share preprocessing resolve to one preprocess stage, which runs once and feeds all of them.
public struct PipelineGraph {
    /// Dependencies always come before their dependents.
    public private(set) var stages: [ResolvedStage] = []
    private var positionByKey: [String: Int] = [:]
    private var keyByUse: [StageUse: String] = [:]

    public init() {}

    /// Adds one member's stages; throws `GraphError` for duplicate ids, unknown dependencies or
    /// cycles, and `JSONError` for params that have no JSON form.
    public mutating func add(member: String, nodes: [StageNode]) throws {
        var byID: [String: StageNode] = [:]
        for node in nodes {
            guard byID.updateValue(node, forKey: node.id) == nil else {
                throw GraphError.duplicateNode(member: member, id: node.id)
            }
        }
        var resolved: [String: String] = [:]
        for node in nodes { _ = try resolve(node.id, member: member, nodes: byID, resolved: &resolved, visiting: []) }
    }

    public func key(member: String, node: String) -> String? { keyByUse[StageUse(member: member, node: node)] }

    public func stage(forKey key: String) -> ResolvedStage? { positionByKey[key].map { stages[$0] } }

    /// Depth-first: a node's key needs its dependencies' keys, so they are resolved (and appended) first.
    private mutating func resolve(_ id: String, member: String, nodes: [String: StageNode],
                                  resolved: inout [String: String], visiting: [String]) throws -> String {
        if let key = resolved[id] { return key }
        guard let node = nodes[id] else {
            throw GraphError.unknownDependency(member: member, node: visiting.last ?? id, dependency: id)
        }
        if visiting.contains(id) { throw GraphError.cycle(member: member, path: visiting + [id]) }
        var inputs: [String: String] = [:]
        var dependencies: [String: String] = [:]
        for (name, input) in node.inputs {
            switch input {
            case let .content(hash): inputs[name] = hash
            case let .node(dependency):
                if visiting.contains(dependency) || dependency == id {
                    throw GraphError.cycle(member: member, path: visiting + [id, dependency])
                }
                let key = try resolve(dependency, member: member, nodes: nodes, resolved: &resolved, visiting: visiting + [id])
                inputs[name] = key
                dependencies[name] = key
            }
        }
        let identity = StageKey(stage: node.stage, codeVersion: node.codeVersion, params: node.params, inputs: inputs)
        let key = try identity.hex()
        resolved[id] = key
        insert(ResolvedStage(key: key, identity: identity, dependencies: dependencies, uses: [], run: node.run),
               use: StageUse(member: member, node: id))
        return key
    }

    private mutating func insert(_ stage: ResolvedStage, use: StageUse) {
        keyByUse[use] = stage.key
        if let position = positionByKey[stage.key] {
            if !stages[position].uses.contains(use) { stages[position].uses.append(use) }
            return
        }
        var stage = stage
        stage.uses = [use]
        positionByKey[stage.key] = stages.count
        stages.append(stage)
    }
}
