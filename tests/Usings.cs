global using NUnit.Framework;

[assembly: GdpoRealtime.Tests.Support.FailOnVulkanValidationErrors]
