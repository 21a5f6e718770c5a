import Pipeline

// Training reports through the stage context (`StageContext.progress`); the engine passes these on
// untouched and the caller's ProgressReporter draws them.
extension TrainingProgress: StageProgress {}
extension EpochSummary: StageProgress {}

extension ProgressReporter {
    /// Draws the progress types the stages report; others are ignored.
    public func show(_ progress: StageProgress) {
        switch progress {
        case let batch as TrainingProgress: training(batch)
        case let epoch as EpochSummary: epochFinished(epoch)
        default: break
        }
    }
}
