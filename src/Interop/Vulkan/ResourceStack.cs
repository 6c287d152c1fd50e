namespace GdpoRealtime.Interop.Vulkan;

/// <summary>
/// Owns a group of device objects and destroys them in reverse order of creation, once. Owners of many raw
/// handles (pipelines, layouts, render passes) push each handle's destroy call here as they create it, so a
/// failure halfway through construction still releases what was made.
/// </summary>
public sealed class ResourceStack : IDisposable
{
    private readonly Stack<Action> releases = new();

    public T Add<T>(T resource) where T : IDisposable
    {
        releases.Push(resource.Dispose);
        return resource;
    }

    public void Add(Action release) => releases.Push(release);

    public void Dispose()
    {
        while (releases.TryPop(out var release)) release();
    }
}
