using System.CommandLine;
using System.Text.Json;
using GdpoRealtime.Cli.CommandLine;
using GdpoRealtime.Cli.Commands.Doctor;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Diagnostics;

namespace GdpoRealtime.Cli.Commands;

/// <summary>
/// gdpo-sr doctor: what a bug report needs (CPU, libtorch and its kernels, Vulkan, CUDA), then whether this machine
/// computes reproducibly: a short fixed-seed training and an inference, run in fresh processes and compared bit for
/// bit; when they differ or go non-finite, the first non-finite operation and the setting that cures it.
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Training steps of each probe.", DefaultValueFactory = _ => 60 };
        var runs = new Option<int>("--runs") { Description = "Probes compared per setting (at least 2).", DefaultValueFactory = _ => 2 };
        var reportOnly = new Option<bool>("--report-only") { Description = "Print the machine report without running the probes." };
        var probe = new Option<bool>("--probe") { Description = "Run one probe in this process and print its result as JSON (what the doctor runs in each fresh process).", Hidden = true };
        var trace = new Option<bool>("--trace") { Description = "With --probe: trace the first non-finite operation (slow).", Hidden = true };
        var command = new Command("doctor", "Report this machine's compute set-up and check that training computes reproducibly here.") { steps, runs, reportOnly, probe, trace };
        command.SetAction(parse =>
        {
            int probeSteps = parse.GetValue(steps), probeRuns = parse.GetValue(runs);
            if (probeSteps is < 1 or > 100_000) throw new InvalidSettingException($"--steps {probeSteps} is out of range", "Use 1 to 100000 steps.");
            if (probeRuns is < 2 or > 100) throw new InvalidSettingException($"--runs {probeRuns} is out of range", "Compare 2 to 100 runs.");
            var settings = new ReproducibilityProbe.Settings { Steps = probeSteps, Trace = parse.GetValue(trace) };
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(probe))
            {
                output.WriteLine(JsonSerializer.Serialize(ReproducibilityProbe.Run(settings)));
                return ExitCodes.Success;
            }
            bool probes = !parse.GetValue(reportOnly);
            foreach (var (section, lines) in MachineReport.Gather(probes ? ProbeProcess.OneDnnIsa() : null))
            {
                output.WriteLine(section);
                foreach (var (label, value) in lines) output.WriteLine($"  {label,-18} {value}");
            }
            if (!probes) return ExitCodes.Success;

            output.WriteLine($"reproducibility: {probeRuns} fixed-seed trainings of {probeSteps} steps and an inference, each in a fresh process, compared bit for bit");
            var error = parse.InvocationConfiguration.Error;
            var report = ReproducibilityCheck.Run((setting, traced) => ProbeProcess.Run(setting, settings with { Trace = traced }), probeRuns,
                line => error.WriteLine($"  ... {line}"));
            foreach (var verdict in report.Verdicts) output.WriteLine($"  {verdict.Describe()}");
            if (report.FirstNonFinite is { } first) output.WriteLine($"  first non-finite operation: {first}");
            if (report.Reproducible)
            {
                output.WriteLine("verdict: this machine computes reproducibly: training and inference give the same bits run after run, with no non-finite step.");
                return ExitCodes.Success;
            }
            output.WriteLine(report.Cure is { } cure
                ? $"verdict: this machine does NOT compute reproducibly as configured; with {cure.Setting.Name} it does: {cure.Setting.Advice}."
                : "verdict: this machine does NOT compute reproducibly, and none of the settings tried cures it; train elsewhere, and include this report in a bug report.");
            return ExitCodes.Error;
        });
        return command;
    }
}
