#!/usr/bin/env python3
"""Checks that AVX-512 code in a built binary sits only in functions that run after the CPU check.

Usage: scripts/check-isa.py BINARY [BINARY...]
The default build targets x86-64-v3 (AVX2 + FMA); only the KernelsAVX512 target is compiled for
AVX-512, and NN calls it only when KernelPath.current is .avx512. If the compiler inlined or merged
any of it elsewhere, a binary would die with SIGILL on an AVX2-only CPU. This disassembles each
binary, finds every function with an EVEX-encoded instruction (prefix byte 0x62: AVX-512, including
zmm registers, masks and ymm16-31) and fails unless each such function belongs to KernelsAVX512 or
is a known self-dispatching library routine (BoringSSL's, OpenSSL-style assembly that checks the CPU).
"""
import re
import subprocess
import sys

ALLOWED_MODULE = "KernelsAVX512"
# Assembly in vendored C libraries that picks its code path from cpuid itself.
SELF_DISPATCHING = re.compile(r"^(CCryptoBoringSSL_|aes_|gcm_|chacha20_|ChaCha20_|poly1305_|sha\d|x25519_|bn_|ecp_nistz256|rsaz_|beeu_|abi_test_)")
LEGACY_PREFIXES = {"66", "67", "f2", "f3", "2e", "3e", "26", "36", "64", "65"}


def evex_functions(binary):
    out = subprocess.run(["objdump", "-d", "-w", binary],
                         capture_output=True, text=True, check=True).stdout
    found, current = {}, None
    header = re.compile(r"^[0-9a-f]+ <(.+)>:$")
    for line in out.splitlines():
        m = header.match(line)
        if m:
            current = m.group(1)
            continue
        parts = line.split("\t")
        if current is None or len(parts) < 3:
            continue
        code = parts[1].split()
        i = 0
        while i < len(code) and code[i] in LEGACY_PREFIXES:
            i += 1
        if i < len(code) and code[i] == "62":
            found.setdefault(current, parts[2].strip())
    return found


def demangle(names):
    try:
        res = subprocess.run(["swift", "demangle", "--compact"], input="\n".join(names), capture_output=True,
                             text=True, check=True).stdout.splitlines()
        return dict(zip(names, res))
    except (OSError, subprocess.CalledProcessError):
        return {n: n for n in names}


def main(binaries):
    failed = False
    for binary in binaries:
        found = evex_functions(binary)
        names = demangle(list(found))
        ours = [n for n in found if names[n].startswith(ALLOWED_MODULE + ".") or f" {ALLOWED_MODULE}." in names[n]
                or n.startswith(f"$s{len(ALLOWED_MODULE)}{ALLOWED_MODULE}")]
        libs = [n for n in found if n not in ours and SELF_DISPATCHING.match(n)]
        bad = [n for n in found if n not in ours and n not in libs]
        print(f"{binary}: {len(ours)} AVX-512 functions in {ALLOWED_MODULE}, {len(libs)} in self-dispatching "
              f"library assembly, {len(bad)} elsewhere")
        for n in bad:
            print(f"  AVX-512 outside {ALLOWED_MODULE}: {names[n]}  (first: {found[n]})")
        failed = failed or bool(bad)
    if failed:
        print("error: AVX-512 instructions leaked into code that runs without the CPU check; "
              "see Package.swift (avx512 settings) and scripts/check-isa.py")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
