/* NIfTI-1/NIfTI-2 through Debian's libnifti2-dev (nifti_clib 3.x), imported only by
 * Sources/Imaging/NIfTI.swift. HAVE_ZLIB must be defined before the library's headers: it adds the
 * gzFile member to znzlib's file struct, so our view of the struct matches the library's (built with zlib),
 * and .nii.gz works. SwiftPM drops -D flags, so the define lives here. */
#define HAVE_ZLIB 1
#include <nifti/nifti2_io.h>
