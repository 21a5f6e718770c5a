/// Lung volumes measured from a binary lung mask volume: the two largest 3D connected components are taken
/// as the lungs; anything else is reported separately, not silently added or dropped.
public struct LungVolumes: Equatable, Sendable {
    /// The patient's left lung, mL; nil unless two components were found.
    public var leftMillilitres: Double?
    /// The patient's right lung, mL; nil unless two components were found.
    public var rightMillilitres: Double?
    /// The two largest components together (the only one, if there is one; 0 for an empty mask), mL.
    public var totalMillilitres: Double
    /// Foreground in every smaller component (fragments, false positives), mL.
    public var otherMillilitres: Double
    /// Number of connected components in the mask.
    public var componentCount: Int
    /// How left was told from right: "world x (RAS)" from the header's affine, or "voxel i (radiological)".
    public var sideRule: String

    public init(leftMillilitres: Double?, rightMillilitres: Double?, totalMillilitres: Double,
                otherMillilitres: Double, componentCount: Int, sideRule: String) {
        self.leftMillilitres = leftMillilitres
        self.rightMillilitres = rightMillilitres
        self.totalMillilitres = totalMillilitres
        self.otherMillilitres = otherMillilitres
        self.componentCount = componentCount
        self.sideRule = sideRule
    }
}

extension Volume {
    /// Lung volumes of this mask (nonzero voxels are lung), in mL from the geometry's voxel spacing.
    ///
    /// Left and right: the component whose centroid lies further towards the patient's left is the left lung.
    /// With an orientation in the header (sform or qform code > 0) that is decided in world space — NIfTI is
    /// RAS+, so the left lung has the smaller world x — which is right whatever order the voxels are stored
    /// in. Without one, the volume is taken to be stored as the project's 2D slices and DICOM-derived CT
    /// are: radiological (the patient's right on the image's left), so i grows towards the patient's left and
    /// the left lung is the one with the larger centroid i. The anatomical convention (left on the left) would
    /// swap the two; it is not assumed because DICOM's LPS patient axes and radiological display both put i
    /// towards the patient's left.
    public func lungVolumes(connectivity: Connectivity3D = .six) -> LungVolumes {
        let components = connectedComponents(connectivity: connectivity)
        let ranked = components.bySize
        let millilitres = geometry.voxelVolumeMillilitres
        let all = Double(components.sizes.reduce(0, +)) * millilitres
        let lungs = ranked.prefix(2).map { Double(components.sizes[$0 - 1]) * millilitres }
        let total = lungs.reduce(0, +)
        var result = LungVolumes(leftMillilitres: nil, rightMillilitres: nil, totalMillilitres: total,
                                 otherMillilitres: all - total, componentCount: components.count,
                                 sideRule: geometry.worldAffine == nil ? "voxel i (radiological)" : "world x (RAS)")
        guard ranked.count >= 2 else { return result }
        let a = towardsLeft(components.centroids[ranked[0] - 1]), b = towardsLeft(components.centroids[ranked[1] - 1])
        (result.leftMillilitres, result.rightMillilitres) = a > b ? (lungs[0], lungs[1]) : (lungs[1], lungs[0])
        return result
    }

    /// How far a voxel position lies towards the patient's left, in the rule `lungVolumes` documents.
    private func towardsLeft(_ centroid: SIMD3<Double>) -> Double {
        guard let affine = geometry.worldAffine else { return centroid.x }
        return -affine.apply(centroid).x
    }
}
