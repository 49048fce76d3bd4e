/* Test fixture for running the Windows build under wine; never shipped.
 *
 * Rust's standard library on Windows gets random bytes from ProcessPrng in
 * bcryptprimitives.dll. Debian's wine 8 does not export it, so the .exe does not start.
 * This stand-in, placed next to the .exe, answers it with RtlGenRandom (SystemFunction036
 * in advapi32), which wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
