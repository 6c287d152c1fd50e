using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Interop.Vulkan;

public class VulkanDeviceTests
{
    [Test]
    public void FindsADeviceWithAGraphicsQueue()
    {
        var device = VulkanTests.Gpu.Device;
        TestContext.Out.WriteLine($"device: {device.Physical}");
        Assert.That(device.Physical.Name, Is.Not.Empty);
        Assert.That(device.Physical.QueueFamilies[(int)device.QueueFamilyIndex].QueueFlags & QueueFlags.GraphicsBit, Is.EqualTo(QueueFlags.GraphicsBit));
        Assert.That(device.FindMemoryType(uint.MaxValue, MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public unsafe void DeviceLocalBufferRoundTripsThroughTheGpu()
    {
        var device = VulkanTests.Gpu.Device;
        var data = Enumerable.Range(0, 1000).Select(i => (uint)(i * 2654435761u)).ToArray();
        using var local = GpuBuffer.CreateWithData<uint>(device, data, BufferUsageFlags.TransferSrcBit);
        using var host = GpuBuffer.CreateHostVisible(device, local.Size, BufferUsageFlags.TransferDstBit);
        device.Submit(cmd =>
        {
            var region = new BufferCopy(0, 0, local.Size);
            device.Vk.CmdCopyBuffer(cmd, local.Handle, host.Handle, 1, &region);
        });
        var back = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(host.Contents).ToArray();
        Assert.That(back, Is.EqualTo(data));
    }

    [Test]
    public void ImageUploadBlitAndReadbackKeepPixels()
    {
        var gpu = VulkanTests.Gpu;
        var device = gpu.Device;
        // A 4x2 RGBA pattern; a nearest-filtered blit to 8x4 must repeat each pixel 2x2.
        byte[] pattern = Enumerable.Range(0, 4 * 2 * 4).Select(i => (byte)(i * 7 + 3)).ToArray();
        for (int i = 3; i < pattern.Length; i += 4) pattern[i] = 255;
        using var small = GpuImage.Create(device, new GpuImageDescription
        {
            Width = 4, Height = 2, Format = Format.R8G8B8A8Unorm, Usage = ImageUsageFlags.TransferDstBit | ImageUsageFlags.TransferSrcBit,
        });
        using var large = GpuImage.Create(device, new GpuImageDescription
        {
            Width = 8, Height = 4, Format = Format.R8G8B8A8Unorm, Usage = ImageUsageFlags.TransferDstBit | ImageUsageFlags.TransferSrcBit,
        });
        using var upload = GpuBuffer.CreateHostVisible(device, (ulong)pattern.Length, BufferUsageFlags.TransferSrcBit);
        using var readback = GpuBuffer.CreateHostVisible(device, 8 * 4 * 4, BufferUsageFlags.TransferDstBit);
        upload.Write<byte>(pattern);
        gpu.Commands.Run(cmd =>
        {
            ImageTransfers.CopyBufferToImage(device.Vk, cmd, upload, small);
            ImageTransfers.Blit(device.Vk, cmd, small, large, Filter.Nearest);
            ImageTransfers.CopyImageToBuffer(device.Vk, cmd, large, readback);
        });
        Assert.That(large.Layout, Is.EqualTo(ImageLayout.TransferSrcOptimal), "the image remembers its layout");
        var pixels = readback.Contents.ToArray();
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 8; x++)
                Assert.That(pixels.AsSpan((y * 8 + x) * 4, 4).ToArray(), Is.EqualTo(pattern.AsSpan(((y / 2) * 4 + x / 2) * 4, 4).ToArray()), $"pixel ({x},{y})");
    }

    [Test]
    public void FailedCallsNameTheCallAndTheResult()
    {
        var error = Assert.Throws<VulkanException>(() => Result.ErrorDeviceLost.Check("vkQueueSubmit"))!;
        Assert.That(error.Message, Does.Contain("vkQueueSubmit").And.Contain("ErrorDeviceLost"));
        Assert.That(error.Fix, Is.Not.Empty);
        foreach (var result in new[] { Result.ErrorDeviceLost, Result.ErrorOutOfDeviceMemory, Result.ErrorOutOfHostMemory, Result.ErrorIncompatibleDriver, Result.ErrorUnknown })
            Assert.That(new VulkanException("vkQueueSubmit", result).Message, Does.Not.Contain("--"), $"{result}: library errors name no command-line flags");
        Assert.DoesNotThrow(() => Result.Success.Check("vkQueueSubmit"));
    }

    [Test]
    public void ShaderModulesRefuseWhatIsNotSpirv()
    {
        var device = VulkanTests.Gpu.Device;
        var error = Assert.Throws<InvalidDataException>(() => Pipelines.CreateShaderModule(device, new byte[24], "broken.frag"))!;
        Assert.That(error.Message, Does.Contain("broken.frag"));
    }

    [Test]
    public void DisposingTwiceIsHarmless()
    {
        var device = VulkanTests.Gpu.Device;
        var buffer = GpuBuffer.CreateHostVisible(device, 64, BufferUsageFlags.UniformBufferBit);
        var image = GpuImage.Create(device, new GpuImageDescription { Width = 2, Height = 2, Format = Format.R8G8B8A8Unorm, Usage = ImageUsageFlags.SampledBit });
        buffer.Dispose();
        image.Dispose();
        Assert.DoesNotThrow(buffer.Dispose);
        Assert.DoesNotThrow(image.Dispose);
    }
}
