/// The `train` section: loss, Adam and its learning-rate schedule.
extension SpecDecoder {
    func decodeTrain(_ s: SectionReader) -> TrainSpec {
        var t = TrainSpec()
        t.loss = s.choice("loss", default: .bceDice)
        t.lr = s.double("lr", default: 1e-3, must: "greater than 0 and at most 1") { $0 > 0 && $0 <= 1 }
        t.schedule = decodeSchedule(s)
        t.weightDecay = s.double("weight_decay", default: 0, must: "in [0, 1)") { $0 >= 0 && $0 < 1 }
        t.batch = s.int("batch", default: 16, in: 1...4096)
        t.epochs = s.int("epochs", default: 30, in: 1...100_000)
        let betas = s.pair("betas", default: (0.9, 0.999), must: "must be [beta1, beta2], each in [0, 1)") {
            (0..<1).contains($0) && (0..<1).contains($1)
        }
        (t.beta1, t.beta2) = betas
        t.eps = s.double("eps", default: 1e-8, must: "greater than 0") { $0 > 0 }
        return t
    }

    private func decodeSchedule(_ s: SectionReader) -> LRSchedule {
        enum Name: String, CaseIterable { case constant, cosine, step }
        let name: Name = s.choice("schedule", default: .constant)
        if name != .step {
            for key in ["step_size", "gamma"] where s.has(key) {
                s.report(.conflict("applies only to schedule: step (the schedule here is \(name.rawValue)); remove it"), at: key)
            }
        }
        switch name {
        case .constant: return .constant
        case .cosine: return .cosine
        case .step:
            return .step(stepSize: s.int("step_size", default: 10, in: 1...100_000),
                         gamma: s.double("gamma", default: 0.1, must: "in (0, 1]") { $0 > 0 && $0 <= 1 })
        }
    }
}
