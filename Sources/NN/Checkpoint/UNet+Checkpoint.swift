// U-Net checkpoints as safetensors bytes: every parameter and BN running statistic under its
// PyTorch-style name, optionally Adam's moments as adam.m.<name> / adam.v.<name>, and in __metadata__
// the architecture (width, depth, batch_norm, seed) and adam.step. Loading validates everything before
// it changes a single weight.

let checkpointFormat = "pipeline.unet.v1"

extension UNet {
    /// The model (and optionally the optimizer's state) as safetensors bytes. `metadata` is added to
    /// the header; the reserved keys format, width, depth, batch_norm, seed and adam.* win over it.
    public func checkpoint(optimizer: Adam? = nil, metadata: [String: String] = [:]) -> [UInt8] {
        var meta = metadata
        meta["format"] = checkpointFormat
        meta["width"] = String(width); meta["depth"] = String(depth)
        meta["batch_norm"] = String(batchNorm); meta["seed"] = String(seed)
        var entries = views(of: parameters, prefix: "") + views(of: buffers, prefix: "")
        if let optimizer {
            precondition(optimizer.count == parameterCount, "optimizer does not belong to this model")
            meta["adam.step"] = String(optimizer.step)
            entries += parameters.specs.enumerated().map { i, spec in
                SafetensorsEntry(name: "adam.m." + spec.name, shape: spec.shape, values: optimizer.m + parameters.offsets[i])
            }
            entries += parameters.specs.enumerated().map { i, spec in
                SafetensorsEntry(name: "adam.v." + spec.name, shape: spec.shape, values: optimizer.v + parameters.offsets[i])
            }
        }
        return encodeSafetensors(entries, metadata: meta)
    }

    /// A model built from the architecture in the checkpoint's metadata, with its weights.
    public convenience init(checkpoint bytes: [UInt8]) throws {
        let file = try SafetensorsFile(bytes: bytes)
        let config = try UNet.architecture(file)
        self.init(width: config.width, depth: config.depth, batchNorm: config.batchNorm, seed: config.seed)
        try load(file)
    }

    /// Replaces this model's weights and running statistics with the checkpoint's, after checking the
    /// architecture, every name, shape and dtype, and the file's integrity. Throws CheckpointError and
    /// leaves the model untouched on any mismatch.
    public func load(checkpoint bytes: [UInt8]) throws { try load(SafetensorsFile(bytes: bytes)) }

    func load(_ file: SafetensorsFile) throws {
        let config = try UNet.architecture(file)
        for (key, mine, theirs) in [("width", width, config.width), ("depth", depth, config.depth)] where mine != theirs {
            throw CheckpointError.configMismatch(key: key, expected: String(mine), found: String(theirs))
        }
        if batchNorm != config.batchNorm {
            throw CheckpointError.configMismatch(key: "batch_norm", expected: String(batchNorm), found: String(config.batchNorm))
        }
        let expected = parameters.specs + buffers.specs
        let known = Set(expected.map(\.name))
        for name in file.shapes.keys.sorted() where !known.contains(name) && !name.hasPrefix("adam.") {
            throw CheckpointError.unexpectedTensor(name)
        }
        for spec in expected { try file.check(spec.name, shape: spec.shape) }
        for spec in parameters.specs { try file.copy(spec.name, shape: spec.shape, into: parameters.view(spec.name)) }
        for spec in buffers.specs { try file.copy(spec.name, shape: spec.shape, into: buffers.view(spec.name)) }
    }

    private func views(of buffer: FlatBuffer, prefix: String) -> [SafetensorsEntry] {
        zip(buffer.specs, buffer.offsets).map { SafetensorsEntry(name: prefix + $0.name, shape: $0.shape, values: buffer.data + $1) }
    }

    static func architecture(_ file: SafetensorsFile) throws -> (width: Int, depth: Int, batchNorm: Bool, seed: UInt64) {
        func value(_ key: String) throws -> String {
            guard let v = file.metadata[key] else { throw CheckpointError.missingMetadata(key: key) }
            return v
        }
        let format = try value("format")
        guard format == checkpointFormat else { throw CheckpointError.invalidMetadata(key: "format", value: format) }
        func positive(_ key: String) throws -> Int {
            let v = try value(key)
            guard let n = Int(v), n > 0 else { throw CheckpointError.invalidMetadata(key: key, value: v) }
            return n
        }
        let bn = try value("batch_norm")
        guard let batchNorm = Bool(bn) else { throw CheckpointError.invalidMetadata(key: "batch_norm", value: bn) }
        let s = try value("seed")
        guard let seed = UInt64(s) else { throw CheckpointError.invalidMetadata(key: "seed", value: s) }
        return (try positive("width"), try positive("depth"), batchNorm, seed)
    }
}

extension Adam {
    /// Restores the moments and step count saved with `model` by UNet.checkpoint(optimizer:), for
    /// resuming. Hyperparameters (learning rate, betas, schedule) stay as this Adam was built.
    public func load(checkpoint bytes: [UInt8], for model: UNet) throws {
        precondition(count == model.parameterCount, "optimizer does not belong to this model")
        let file = try SafetensorsFile(bytes: bytes)
        guard let s = file.metadata["adam.step"] else { throw CheckpointError.missingMetadata(key: "adam.step") }
        guard let savedStep = Int(s), savedStep >= 0 else { throw CheckpointError.invalidMetadata(key: "adam.step", value: s) }
        let specs = model.parameters.specs
        for spec in specs {
            try file.check("adam.m." + spec.name, shape: spec.shape)
            try file.check("adam.v." + spec.name, shape: spec.shape)
        }
        for (spec, offset) in zip(specs, model.parameters.offsets) {
            try file.copy("adam.m." + spec.name, shape: spec.shape, into: m + offset)
            try file.copy("adam.v." + spec.name, shape: spec.shape, into: v + offset)
        }
        step = savedStep
    }
}
