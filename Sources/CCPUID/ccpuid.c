#include "ccpuid.h"
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static int leaf(unsigned int eax_in, unsigned int ecx_in, unsigned int regs[4]) {
    return __get_cpuid_count(eax_in, ecx_in, &regs[0], &regs[1], &regs[2], &regs[3]);
}

// The register state the OS saves on a context switch (XCR0); only valid when OSXSAVE is set.
static unsigned long long xcr0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

#define BIT(n) (1u << (n))

int ccpuid_supports_x86_64_v3(void) {
    unsigned int r1[4], r7[4], rx[4];
    if (!leaf(1, 0, r1) || !leaf(7, 0, r7) || !leaf(0x80000001, 0, rx)) return 0;
    const unsigned int ecx1 = BIT(12) | BIT(22) | BIT(26) | BIT(27) | BIT(28) | BIT(29);  // FMA MOVBE XSAVE OSXSAVE AVX F16C
    const unsigned int ebx7 = BIT(3) | BIT(5) | BIT(8);                                    // BMI1 AVX2 BMI2
    if ((r1[2] & ecx1) != ecx1 || (r7[1] & ebx7) != ebx7 || !(rx[2] & BIT(5))) return 0;  // LZCNT
    return (xcr0() & 0x6) == 0x6;                                                           // xmm, ymm state
}

int ccpuid_supports_x86_64_v4(void) {
    unsigned int r7[4];
    if (!ccpuid_supports_x86_64_v3() || !leaf(7, 0, r7)) return 0;
    const unsigned int ebx7 = BIT(16) | BIT(17) | BIT(28) | BIT(30) | BIT(31);  // AVX-512 F DQ CD BW VL
    if ((r7[1] & ebx7) != ebx7) return 0;
    return (xcr0() & 0xE6) == 0xE6;                                              // + opmask, zmm state
}

void ccpuid_model_name(char *buffer, int capacity) {
    unsigned int r[4], words[12];
    if (capacity <= 0) return;
    if (!leaf(0x80000000, 0, r) || r[0] < 0x80000004) { strncpy(buffer, "unknown", capacity - 1); buffer[capacity - 1] = 0; return; }
    for (unsigned int i = 0; i < 3; i++) {
        leaf(0x80000002 + i, 0, r);
        memcpy(&words[4 * i], r, 16);
    }
    char name[49];
    memcpy(name, words, 48);
    name[48] = 0;
    const char *start = name;
    while (*start == ' ') start++;
    size_t n = strlen(start);
    while (n > 0 && start[n - 1] == ' ') n--;
    if (n == 0) { start = "unknown"; n = 7; }
    if (n > (size_t)capacity - 1) n = (size_t)capacity - 1;
    memcpy(buffer, start, n);
    buffer[n] = 0;
}

#else  // not x86: no x86-64 levels; the Swift side reports the architecture.

int ccpuid_supports_x86_64_v3(void) { return 0; }
int ccpuid_supports_x86_64_v4(void) { return 0; }
void ccpuid_model_name(char *buffer, int capacity) {
    if (capacity <= 0) return;
    strncpy(buffer, "unknown", capacity - 1);
    buffer[capacity - 1] = 0;
}

#endif
