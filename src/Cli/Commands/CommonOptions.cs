using System.CommandLine;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Model;

namespace GdpoRealtime.Cli.Commands;

/// <summary>Options shared by every command that runs the network.</summary>
public sealed class CommonOptions
{
    public Option<string> Device { get; } = new("--device")
    {
        Description = "Where the network runs: auto (CUDA when available), cpu or cuda.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string?> TorchLibDir { get; } = new("--torch-lib-dir")
    {
        Description = $"A CUDA libtorch directory (a PyTorch install's torch/lib); default: ${TorchDevices.TorchLibDirVariable}.",
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "A .gdpo model file; default: the built-in model for the scale.",
    };

    public Option<string?> Scale { get; } = new("--scale")
    {
        Description = "Upscaling factor: 1.5, 2, 3 or 4 (default: the model's own; 2 for the built-in model).",
    };

    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "The network's arithmetic: auto (float16 on CUDA and on GPUs with shaderFloat16 for vulkan-compute, else float32), float32 or float16.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log more detail." };

    public void AddTo(Command command, bool model = true, bool scale = true)
    {
        command.Add(Device);
        command.Add(TorchLibDir);
        if (model) command.Add(Model);
        if (scale) command.Add(Scale);
        command.Add(Verbose);
    }

    public GdpoRealtime.Trainer.Jobs.JobDevice JobDeviceOf(ParseResult parse) =>
        new() { Preference = DeviceOf(parse), TorchLibraryDirectory = parse.GetValue(TorchLibDir) };

    public DevicePreference DeviceOf(ParseResult parse) => DevicePreferences.Parse(parse.GetValue(Device) ?? "auto");

    /// <summary>Adds --precision (commands that create an engine context: demo, bench --engine).</summary>
    public void AddPrecisionTo(Command command) => command.Add(Precision);

    public Runtime.Upscaling.Precision PrecisionOf(ParseResult parse) => Runtime.Upscaling.Precisions.Parse(parse.GetValue(Precision) ?? "auto");

    public ScaleFactor? ScaleOf(ParseResult parse) => parse.GetValue(Scale) is { } text ? ScaleFactor.Parse(text) : null;
}
