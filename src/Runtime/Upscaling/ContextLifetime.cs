namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>The error an engine gets for using an upscaler context after disposing it.</summary>
public static class ContextLifetime
{
    public static void ThrowIfDisposed(bool disposed, string contextName)
    {
        if (disposed)
            throw new ObjectDisposedException(contextName,
                $"The upscaler context '{contextName}' was disposed and cannot dispatch. Create a new context (resizing also means a new context).");
    }
}
