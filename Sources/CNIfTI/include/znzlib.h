/* The library's headers include each other as <znzlib.h>, but Debian installs them in
 * /usr/include/nifti/, which is not on the include path. SwiftPM puts this target's include/ folder on
 * the include path of every target that depends on it, so this forwarding header resolves that include
 * from a fresh clone with a plain `swift build` (no pkg-config file exists for the library). */
#include <nifti/znzlib.h>
