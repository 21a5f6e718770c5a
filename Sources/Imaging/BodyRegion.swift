/// The patient's body on a CT slice, found from the image alone: the largest connected region above a
/// soft-tissue threshold, with its holes (the lungs, the airways) filled. What lies outside it is air
/// around the patient, the table and scanner padding.
public struct BodyThresholds: Equatable, Sendable, Codable {
    /// Pixels above this are tissue (fat is about −100 HU, lung −950 … −500, air −1000).
    public var softTissueHU: Float
    /// Pixels inside the body below this are air or lung (lung up to about −500, with partial volume).
    public var airHU: Float

    public init(softTissueHU: Float = -500, airHU: Float = -400) {
        self.softTissueHU = softTissueHU
        self.airHU = airHU
    }

    /// Defaults for images in Hounsfield units.
    public static let ct = BodyThresholds()
}

extension Image {
    /// 0/1 mask of the body (see `BodyThresholds`): 8-connected largest region above `softTissueHU`,
    /// holes filled. All zero when no pixel is above the threshold. Known limit: a table that touches
    /// the patient on both sides encloses the air under the patient, which then counts as inside.
    public func bodyRegion(_ thresholds: BodyThresholds = .ct) -> Image {
        let tissue = withPixels(pixels.map { $0 > thresholds.softTissueHU ? 1 : 0 })
        return tissue.keepingLargestComponents(1, connectivity: .eight).fillingHoles()
    }
}
