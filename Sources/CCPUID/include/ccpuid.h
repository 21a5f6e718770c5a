// What the CPU this process runs on can execute, read with cpuid and xgetbv. Plain C compiled for
// the baseline x86-64 (no AVX), so it runs on any x86-64 CPU before code that needs AVX2 does.
// Only Sources/CPUFeatures/CPUInfo.swift imports it.
#pragma once

/// 1 when the CPU and the OS support the x86-64-v3 level (AVX, AVX2, FMA, BMI1/2, F16C, LZCNT,
/// MOVBE, with the ymm state enabled by the OS): what the default build is compiled for.
int ccpuid_supports_x86_64_v3(void);

/// 1 when x86-64-v3 holds and AVX-512 F, CD, BW, DQ and VL are there with the zmm and mask state
/// enabled by the OS (the x86-64-v4 level): what the KernelsAVX512 target is compiled for.
int ccpuid_supports_x86_64_v4(void);

/// Writes the CPU's brand string (e.g. "AMD EPYC 9R14 96-Core Processor"), trimmed and NUL-terminated,
/// into buffer (capacity bytes, at least 49 for the whole string); "unknown" where cpuid has none.
void ccpuid_model_name(char *buffer, int capacity);
