using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>
/// A pool of GPU timestamps in slots of <c>perSlot</c> queries, for measuring the copies a frame records without
/// waiting for them: write during recording, read once the frame's fence has signalled. Devices whose queue has no
/// timestamp support report <see cref="Supported"/> false and every duration as 0.
/// </summary>
public sealed unsafe class TimestampQueries : IDisposable
{
    private readonly VulkanDevice device;
    private readonly QueryPool pool;
    private readonly int perSlot;
    private readonly double nanosecondsPerTick;
    private readonly ulong validMask;
    private bool disposed;

    public TimestampQueries(VulkanDevice device, int slots, int perSlot)
    {
        this.device = device;
        this.perSlot = perSlot;
        uint validBits = device.Physical.QueueFamilies[(int)device.QueueFamilyIndex].TimestampValidBits;
        Supported = validBits > 0 && device.Physical.Limits.TimestampPeriod > 0;
        nanosecondsPerTick = device.Physical.Limits.TimestampPeriod;
        validMask = validBits >= 64 ? ulong.MaxValue : (1ul << (int)validBits) - 1;
        if (!Supported) return;
        var info = new QueryPoolCreateInfo { SType = StructureType.QueryPoolCreateInfo, QueryType = QueryType.Timestamp, QueryCount = (uint)(slots * perSlot) };
        QueryPool created;
        device.Vk.CreateQueryPool(device.Handle, &info, null, &created).Check("vkCreateQueryPool");
        device.CountCreated();
        pool = created;
    }

    public bool Supported { get; }

    /// <summary>Records the reset of a slot's queries (before any of them is written in this command buffer).</summary>
    public void Reset(CommandBuffer cmd, int slot)
    {
        if (Supported) device.Vk.CmdResetQueryPool(cmd, pool, (uint)(slot * perSlot), (uint)perSlot);
    }

    /// <summary>Records a timestamp once all earlier commands have passed <paramref name="stage"/>.</summary>
    public void Write(CommandBuffer cmd, int slot, int index, PipelineStageFlags stage)
    {
        if (Supported) device.Vk.CmdWriteTimestamp(cmd, stage, pool, (uint)(slot * perSlot + index));
    }

    /// <summary>Milliseconds between two timestamps of a slot whose work has completed; 0 when timestamps are unsupported or unavailable.</summary>
    public double Milliseconds(int slot, int from, int to)
    {
        if (!Supported) return 0;
        ObjectDisposedException.ThrowIf(disposed, this);
        ulong* values = stackalloc ulong[perSlot];
        var result = device.Vk.GetQueryPoolResults(device.Handle, pool, (uint)(slot * perSlot), (uint)perSlot, (nuint)(perSlot * sizeof(ulong)),
            values, sizeof(ulong), QueryResultFlags.Result64Bit);
        if (result == Result.NotReady) return 0;
        result.Check("vkGetQueryPoolResults");
        ulong ticks = (values[to] - values[from]) & validMask;
        return ticks * nanosecondsPerTick / 1e6;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (Supported) device.Vk.DestroyQueryPool(device.Handle, pool, null);
    }
}
