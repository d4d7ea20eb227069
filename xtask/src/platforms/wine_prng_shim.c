/* Test-only stand-in for Windows 10's bcryptprimitives.dll, for running the
 * project's Windows test executables under Wine 8 (Debian 12), which lacks it.
 * Rust's standard library imports ProcessPrng from it for HashMap seeds and
 * random numbers; this forwards to RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has. It is copied only beside cross-built test executables and is
 * never part of the app. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
