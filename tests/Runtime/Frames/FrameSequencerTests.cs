using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Tests.Runtime.Frames;

/// <summary>The frame's order of steps, its timing and its recovery, with fake steps on a fake clock.</summary>
public class FrameSequencerTests
{
    /// <summary>A clock that moves only when a step says so.</summary>
    private sealed class StepClock : TimeProvider
    {
        public long Ticks { get; set; }
        public override long TimestampFrequency => 1000; // one tick a millisecond
        public override long GetTimestamp() => Ticks;
    }

    /// <summary>A frame as a ref struct, as host frames are (spans), so the sequencer is held to taking one.</summary>
    private readonly ref struct FakeFrame(Span<int> pixels, int number)
    {
        public Span<int> Pixels { get; } = pixels;
        public int Number { get; } = number;
    }

    private sealed class FakeSteps(StepClock clock, FrameTiming timing = FrameTiming.WallClock) : IFrameSteps<FakeFrame>
    {
        public List<string> Calls { get; } = new();
        public FrameStep? FailAt { get; set; }
        public bool FailRecovery { get; set; }
        public FrameTiming Timing => timing;

        public void CopyIn(in FakeFrame frame) => Step(FrameStep.CopyIn, frame, 3);
        public void RunNetwork(in FakeFrame frame) => Step(FrameStep.Network, frame, 40);
        public void CopyOut(in FakeFrame frame) => Step(FrameStep.CopyOut, frame, 5);

        public void Recover(in FakeFrame frame, FrameStep failed)
        {
            Calls.Add($"recover {failed} {frame.Number}");
            if (FailRecovery) throw new InvalidOperationException("recovery failed");
        }

        private void Step(FrameStep step, FakeFrame frame, int milliseconds)
        {
            Calls.Add($"{step} {frame.Number}");
            frame.Pixels[0]++;
            clock.Ticks += milliseconds;
            if (FailAt == step)
            {
                FailAt = null;
                throw new InvalidOperationException($"{step} failed");
            }
        }
    }

    private static void Run(FrameSequencer sequencer, FakeSteps steps, int number, int[] pixels) =>
        sequencer.Run(steps, new FakeFrame(pixels, number));

    [Test]
    public void StepsRunInOrderAndTheClockSplitsTheFrame()
    {
        var clock = new StepClock();
        var sequencer = new FrameSequencer(clock);
        var steps = new FakeSteps(clock);
        var pixels = new int[1];
        Assert.That(sequencer.LastTimings.IsMeasured, Is.False, "nothing measured before the first frame");
        Run(sequencer, steps, 1, pixels);
        Run(sequencer, steps, 2, pixels);
        Assert.That(steps.Calls, Is.EqualTo(new[] { "CopyIn 1", "Network 1", "CopyOut 1", "CopyIn 2", "Network 2", "CopyOut 2" }));
        Assert.That(pixels[0], Is.EqualTo(6), "every step saw the caller's frame, not a copy");
        Assert.That(sequencer.LastTimings, Is.EqualTo(new FrameTimings(3, 40, 5)), "handoff in, network, handoff out");
        Assert.That(sequencer.FramesRun, Is.EqualTo(2));
    }

    [Test]
    public void RecordedStepsTakeTheirTimingsFromTheBackendsReport()
    {
        var clock = new StepClock();
        var sequencer = new FrameSequencer(clock);
        var steps = new FakeSteps(clock, FrameTiming.Reported);
        Run(sequencer, steps, 1, new int[1]);
        Assert.That(sequencer.LastTimings.IsMeasured, Is.False, "recording a frame measures nothing");
        sequencer.Report(new FrameTimings(0.5, 12, 0.25));
        Assert.That(sequencer.LastTimings, Is.EqualTo(new FrameTimings(0.5, 12, 0.25)));
        Assert.That(sequencer.FramesRun, Is.EqualTo(1));
    }

    [TestCase(FrameStep.CopyIn, new[] { "CopyIn 2", "recover CopyIn 2" })]
    [TestCase(FrameStep.Network, new[] { "CopyIn 2", "Network 2", "recover Network 2" })]
    [TestCase(FrameStep.CopyOut, new[] { "CopyIn 2", "Network 2", "CopyOut 2", "recover CopyOut 2" })]
    public void AFailedStepRecoversStopsTheFrameAndLeavesTheNextOneWhole(FrameStep failing, string[] expected)
    {
        var clock = new StepClock();
        var sequencer = new FrameSequencer(clock);
        var steps = new FakeSteps(clock);
        var pixels = new int[1];
        Run(sequencer, steps, 1, pixels);
        var before = sequencer.LastTimings;
        steps.Calls.Clear();
        steps.FailAt = failing;
        var error = Assert.Throws<InvalidOperationException>(() => Run(sequencer, steps, 2, pixels))!;
        Assert.That(error.Message, Is.EqualTo($"{failing} failed"), "the step's own error reaches the caller");
        Assert.That(steps.Calls, Is.EqualTo(expected), "later steps are not called; the failed one is recovered");
        Assert.That(sequencer.LastTimings, Is.EqualTo(before), "a failed frame reports no timings");
        Assert.That(sequencer.FramesRun, Is.EqualTo(1));

        steps.Calls.Clear();
        Run(sequencer, steps, 3, pixels);
        Assert.That(steps.Calls, Is.EqualTo(new[] { "CopyIn 3", "Network 3", "CopyOut 3" }));
        Assert.That(sequencer.LastTimings, Is.EqualTo(new FrameTimings(3, 40, 5)));
        Assert.That(sequencer.FramesRun, Is.EqualTo(2));
    }

    [Test]
    public void AFailedRecoveryReportsBothErrors()
    {
        var clock = new StepClock();
        var steps = new FakeSteps(clock) { FailAt = FrameStep.Network, FailRecovery = true };
        var error = Assert.Throws<AggregateException>(() => Run(new FrameSequencer(clock), steps, 1, new int[1]))!;
        Assert.That(error.InnerExceptions.Select(e => e.Message), Is.EqualTo(new[] { "Network failed", "recovery failed" }));
        Assert.That(error.Message, Does.Contain("Network step failed"));
    }

    /// <summary>Steps that only move the clock: what is left to allocate is the sequencer's.</summary>
    private sealed class QuietSteps(StepClock clock) : IFrameSteps<FakeFrame>
    {
        public FrameTiming Timing => FrameTiming.WallClock;
        public void CopyIn(in FakeFrame frame) => clock.Ticks += 1;
        public void RunNetwork(in FakeFrame frame) => clock.Ticks += 2;
        public void CopyOut(in FakeFrame frame) => clock.Ticks += 1;
        public void Recover(in FakeFrame frame, FrameStep failed) { }
    }

    [Test]
    public void RunningAFrameAllocatesNothing()
    {
        var clock = new StepClock();
        var sequencer = new FrameSequencer(clock);
        var steps = new QuietSteps(clock);
        var pixels = new int[1];
        for (int i = 0; i < 100; i++) sequencer.Run(steps, new FakeFrame(pixels, i));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) sequencer.Run(steps, new FakeFrame(pixels, i));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Out.WriteLine($"10,000 frames: {allocated} bytes allocated");
        Assert.That(allocated, Is.LessThan(100), "no managed garbage per frame");
        Assert.That(sequencer.LastTimings, Is.EqualTo(new FrameTimings(1, 2, 1)));
    }
}
