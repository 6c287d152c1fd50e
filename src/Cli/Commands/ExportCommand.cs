using System.CommandLine;
using System.Globalization;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Trainer.Export;

namespace GdpoRealtime.Cli.Commands;

/// <summary>
/// gdpo-sr export --onnx OUT.onnx [--model M.gdpo] [--opset N] [--no-noise-input]: the network as one ONNX graph for
/// engines with their own inference runtime, checked in ONNX Runtime against TorchSharp before it is written.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var onnx = new Option<string>("--onnx") { Description = "Where to write the ONNX model (a .onnx path).", Required = true };
        var model = new Option<string?>("--model") { Description = "A .gdpo model file; default: the built-in x2 model." };
        var opset = new Option<int>("--opset")
        {
            Description = $"ONNX opset, {OnnxExportSettings.MinimumOpset}-{OnnxExportSettings.MaximumOpset} ({OnnxExportSettings.DefaultOpset}: ONNX Runtime, TensorRT, Unreal NNE; 15 or 13 for older Unity Sentis).",
            DefaultValueFactory = _ => OnnxExportSettings.DefaultOpset,
        };
        var noNoise = new Option<bool>("--no-noise-input")
        {
            Description = "Leave out the noise input: the graph is the deterministic output (noise strength 0) only.",
        };
        var command = new Command("export", "Export the network as an ONNX model (ONNX Runtime, Unity Sentis, Unreal NNE, TensorRT).") { onnx, model, opset, noNoise };
        command.SetAction(parse => Run(new Request(parse.GetRequiredValue(onnx), parse.GetValue(model), parse.GetValue(opset), !parse.GetValue(noNoise)),
            parse.InvocationConfiguration.Output));
        return command;
    }

    public sealed record Request(string Output, string? Model, int Opset, bool NoiseInput);

    public static int Run(Request request, TextWriter output)
    {
        var settings = new OnnxExportSettings { Opset = request.Opset, NoiseInput = request.NoiseInput };
        try { settings.Validate(); }
        catch (InvalidSettingException e)
        {
            throw new InvalidSettingException($"--opset: {e.Cause}", e.Fix, e);
        }
        CheckOutput(request);
        TorchDevices.EnsureCpu();
        var checkpoint = ModelLoader.Find(request.Model, scale: null);
        var result = OnnxExport.Export(checkpoint, settings);
        OnnxExport.Save(request.Output, result);

        var a = checkpoint.Architecture;
        output.WriteLine($"wrote {request.Output}: {Size(result.Bytes.Length)}, ONNX opset {result.Opset}, x{result.Scale} " +
                         $"({checkpoint.Source}: {a.Channels} channels, {a.ResidualBlocks} residual blocks, trained: {checkpoint.Training.Stage})");
        output.WriteLine($"  inputs:    {string.Join(", ", result.Inputs)}");
        output.WriteLine($"  output:    {string.Join(", ", result.Outputs)} (not clipped)");
        output.WriteLine($"  operators: {string.Join(", ", result.OperatorTypes)}");
        output.WriteLine(result.NoiseInput
            ? $"  noise:     strength * eps on the latent grid, zeros for the deterministic output (metadata gdpo.noise_input says how to make it)"
            : "  noise:     none (deterministic output only)");
        if (result.Check is { } check)
            output.WriteLine($"  checked:   ONNX Runtime vs TorchSharp on a {check.Width}x{check.Height} frame with noise {check.NoiseStrength}: " +
                             $"max |difference| {check.MaxDifference.ToString("G2", CultureInfo.InvariantCulture)} (limit {OnnxExportCheck.Tolerance.ToString("0e0", CultureInfo.InvariantCulture)})");
        return ExitCodes.Success;
    }

    private static void CheckOutput(Request request)
    {
        if (!Path.GetExtension(request.Output).Equals(OnnxExport.FileExtension, StringComparison.OrdinalIgnoreCase))
            throw new InvalidSettingException($"--onnx '{request.Output}' is not a {OnnxExport.FileExtension} path", $"Give the output a {OnnxExport.FileExtension} name.");
        string full = Path.GetFullPath(request.Output);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new InvalidSettingException($"Output folder '{folder}' does not exist", "Create it first or choose another --onnx path.");
        if (Directory.Exists(full))
            throw new InvalidSettingException($"--onnx '{request.Output}' is a folder", "Give a file name ending in .onnx.");
        if (request.Model is not null && string.Equals(Path.GetFullPath(request.Model), full, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            throw new InvalidSettingException($"--onnx '{request.Output}' is the --model file: writing it would destroy the input", "Choose another --onnx path.");
    }

    private static string Size(long bytes) => bytes >= 1 << 20
        ? $"{(bytes / (double)(1 << 20)).ToString("F1", CultureInfo.InvariantCulture)} MiB"
        : $"{(bytes / 1024.0).ToString("F0", CultureInfo.InvariantCulture)} KiB";
}
