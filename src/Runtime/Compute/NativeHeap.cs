using System.Runtime.InteropServices;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>
/// Hands the C heap's free memory back to the system. libtorch allocates tensors with the C allocator; on glibc, the
/// freed memory of one tile's tensors stays in the allocator's arenas, fragmented, and the next tile's tensors do not fit
/// in it well, so a tiled upscale grew by about one activation per tile (measured: 250 MB to 990 MB over 64 tiles) although
/// every tensor was disposed. malloc_trim(0) hands it back (see <see cref="Tiling.TiledImageInference.HeapSlackBytes"/>). Elsewhere (Windows, other C libraries) it does nothing.
/// </summary>
public static partial class NativeHeap
{
    private static bool unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true; // a C library without malloc_trim (musl): nothing to hand back this way
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
