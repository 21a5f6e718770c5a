/* SwiftPM builds a C target only when it has a source file; everything lives in libnifti2 and libznz,
 * linked through the target's linkerSettings in Package.swift. */
