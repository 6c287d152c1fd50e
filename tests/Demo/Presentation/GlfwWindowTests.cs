using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Demo.Presentation;
using GdpoRealtime.Tests.Support;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Tests.Demo.Presentation;

/// <summary>A GLFW window with a Vulkan surface and swapchain (Xvfb on CI).</summary>
public class GlfwWindowTests
{
    [Test]
    public unsafe void AWindowSurfacePresentsWhatWasRendered()
    {
        _ = VulkanTests.Gpu;
        VulkanTests.RequireDisplay();
        var extensions = GlfwWindow.RequiredInstanceExtensions();
        Assert.That(extensions, Does.Contain(KhrSurface.ExtensionName));
        using var instance = VulkanInstance.Create(new VulkanInstanceOptions { RequiredExtensions = extensions });
        using var window = GlfwWindow.Create("gdpo-sr window test", 64, 48, resizable: false);
        var surfaces = new KhrSurface(instance);
        var surface = window.CreateSurface(instance);
        try
        {
            using var device = VulkanDevice.Create(instance, new VulkanDeviceOptions
            {
                RequiredExtensions = new[] { KhrSwapchain.ExtensionName },
                QueueFamilyFilter = (physical, family) => surfaces.SupportsPresent(physical.Handle, family, surface),
            });
            var vk = device.Vk;
            using (var swapchain = new Swapchain(device, surfaces, surface, 64, 48))
            using (var commands = new CommandBufferRunner(device))
            {
                Assert.That(swapchain.Extent.Width, Is.EqualTo(64));
                Assert.That(swapchain.CanReadBack, Is.True, "screenshots need TRANSFER_SRC on swapchain images");
                var pass = GraphicsPipelines.CreateRenderPass(device, swapchain.Format, ImageLayout.PresentSrcKhr, clear: true);
                var framebuffers = swapchain.Views.Select(v => GraphicsPipelines.CreateFramebuffer(device, pass, 64, 48, v)).ToArray();
                var semaphoreInfo = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
                Semaphore acquired;
                vk.CreateSemaphore(device.Handle, &semaphoreInfo, null, &acquired).Check("vkCreateSemaphore");
                using var readback = GpuBuffer.CreateHostVisible(device, 64 * 48 * 4, BufferUsageFlags.TransferDstBit);
                try
                {
                    for (int frame = 0; frame < 3; frame++)
                    {
                        window.PollEvents();
                        Assert.That(swapchain.TryAcquire(acquired, out uint index), Is.True);
                        commands.Run(cmd =>
                        {
                            GraphicsPipelines.BeginRenderPass(vk, cmd, pass, framebuffers[index], 64, 48, hasDepth: false, 1f, 0.5f, 0f);
                            vk.CmdEndRenderPass(cmd);
                            ImageBarriers.Transition(vk, cmd, swapchain.Images[index], ImageAspectFlags.ColorBit, ImageLayout.PresentSrcKhr, ImageLayout.TransferSrcOptimal);
                            var region = new BufferImageCopy
                            {
                                ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
                                ImageExtent = new Extent3D(64, 48, 1),
                            };
                            vk.CmdCopyImageToBuffer(cmd, swapchain.Images[index], ImageLayout.TransferSrcOptimal, readback.Handle, 1, &region);
                            ImageBarriers.Transition(vk, cmd, swapchain.Images[index], ImageAspectFlags.ColorBit, ImageLayout.TransferSrcOptimal, ImageLayout.PresentSrcKhr);
                        }, acquired, PipelineStageFlags.ColorAttachmentOutputBit, swapchain.RenderFinished(index));
                        Assert.That(swapchain.Present(index), Is.True);
                    }
                    var pixel = readback.Contents[..4].ToArray();
                    bool bgr = swapchain.Format is Format.B8G8R8A8Srgb or Format.B8G8R8A8Unorm;
                    var (r, g, b) = bgr ? (pixel[2], pixel[1], pixel[0]) : (pixel[0], pixel[1], pixel[2]);
                    Assert.That(r, Is.EqualTo(255));
                    Assert.That(g, Is.InRange(180, 200), "0.5 linear is about 188 in sRGB");
                    Assert.That(b, Is.EqualTo(0));
                }
                finally
                {
                    device.WaitIdle();
                    vk.DestroySemaphore(device.Handle, acquired, null);
                    foreach (var framebuffer in framebuffers) vk.DestroyFramebuffer(device.Handle, framebuffer, null);
                    vk.DestroyRenderPass(device.Handle, pass, null);
                }
            }
        }
        finally
        {
            surfaces.DestroySurface(surface);
        }
    }

    [Test]
    public void WithoutADisplayTheErrorSaysWhatToDo()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY"), wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        try
        {
            Environment.SetEnvironmentVariable("DISPLAY", null);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", null);
            var error = Assert.Throws<DisplayUnavailableException>(() => GlfwWindow.RequiredInstanceExtensions())!;
            Assert.That(error.Message, Does.Contain("no display").And.Contain("xvfb-run").And.Contain("--headless"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", display);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", wayland);
        }
    }
}
