// The U-Net's parameter and buffer names and shapes, in forward order.

extension UNet {
    public static func parameterSpecs(width: Int, depth: Int, batchNorm: Bool) -> [ParameterSpec] {
        let c = { (level: Int) in width << level }
        var specs: [ParameterSpec] = []
        func block(_ prefix: String, _ cin: Int, _ cout: Int) {
            for (i, inChannels) in [(1, cin), (2, cout)] {
                specs.append(ParameterSpec(name: "\(prefix).conv\(i).weight", shape: [cout, inChannels, 3, 3]))
                specs.append(ParameterSpec(name: "\(prefix).conv\(i).bias", shape: [cout]))
                if batchNorm {
                    specs.append(ParameterSpec(name: "\(prefix).bn\(i).weight", shape: [cout]))
                    specs.append(ParameterSpec(name: "\(prefix).bn\(i).bias", shape: [cout]))
                }
            }
        }
        for l in 0..<depth { block("down\(l)", l == 0 ? 1 : c(l - 1), c(l)) }
        block("bottleneck", c(depth - 1), c(depth))
        for l in (0..<depth).reversed() {
            specs.append(ParameterSpec(name: "up\(l).upconv.weight", shape: [c(l + 1), c(l), 2, 2]))
            specs.append(ParameterSpec(name: "up\(l).upconv.bias", shape: [c(l)]))
            block("up\(l)", 2 * c(l), c(l))
        }
        specs.append(ParameterSpec(name: "head.weight", shape: [1, width, 1, 1]))
        specs.append(ParameterSpec(name: "head.bias", shape: [1]))
        return specs
    }

    public static func bufferSpecs(width: Int, depth: Int, batchNorm: Bool) -> [ParameterSpec] {
        guard batchNorm else { return [] }
        var specs: [ParameterSpec] = []
        let prefixes = (0..<depth).map { ("down\($0)", width << $0) } + [("bottleneck", width << depth)]
            + (0..<depth).reversed().map { ("up\($0)", width << $0) }
        for (prefix, cout) in prefixes { for i in 1...2 {
            specs.append(ParameterSpec(name: "\(prefix).bn\(i).running_mean", shape: [cout]))
            specs.append(ParameterSpec(name: "\(prefix).bn\(i).running_var", shape: [cout]))
        } }
        return specs
    }
}
