using GdpoRealtime.Interop.Vulkan.External;
using GdpoRealtime.Runtime.Frames;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Upscaling;

namespace GdpoRealtime.Interop.Backends;

/// <summary>
/// Host staging's network for frames recorded into the engine's command buffer, on a thread of its own, so the engine's
/// thread never waits for it: jobs are posted in dispatch order into a fixed ring; for each, the thread waits until the
/// engine's submission has copied the frame ("input ready" on the timeline), runs the frame's host steps through its
/// <see cref="FrameSequencer"/> (input copied into the network, network, output copied and "output ready" signalled),
/// and reports the time split. A failed frame still signals "output ready", so the engine's queue never waits forever,
/// and its error is kept for the engine's next call. Posting allocates nothing; the thread starts with the first job.
/// </summary>
internal sealed class HostStagingWorker : IDisposable
{
    /// <summary>One recorded frame's network run.</summary>
    public readonly record struct Job(FrameSize RenderSize, ChannelOrder Input, ChannelOrder Output, NoiseSetting Noise, ulong InputReady, ulong OutputReady);

    /// <summary>How often a thread waiting for a frame's input checks whether it was asked to give the frame up.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(20);

    private readonly object gate = new();
    private readonly Job[] ring;
    private readonly TimelineSemaphore timeline;
    private readonly IFrameSteps<Job> steps;
    private readonly FrameSequencer own = new();
    private readonly FrameSequencer report;
    private Thread? thread;
    private int head;
    private int count;
    private bool abandonUnsubmitted;
    private bool withdrawHead;
    private bool stopping;
    private Exception? failure;

    /// <param name="capacity">Jobs that may wait at once; posting one more waits for the oldest to finish.</param>
    /// <param name="report">Receives each frame's time split (the context's sequencer).</param>
    public HostStagingWorker(TimelineSemaphore timeline, IFrameSteps<Job> steps, int capacity, FrameSequencer report)
    {
        this.timeline = timeline;
        this.steps = steps;
        this.report = report;
        ring = new Job[capacity];
    }

    /// <summary>Jobs posted and not yet finished.</summary>
    public int Pending
    {
        get { lock (gate) return count; }
    }

    /// <summary>
    /// Whether <see cref="Post"/> would wait for a frame whose input has not arrived: every place in the ring is taken and
    /// the oldest frame's submission has not run (it is sure to come only if its command buffer was submitted).
    /// </summary>
    public bool FullAwaitingInput
    {
        get
        {
            lock (gate) return count == ring.Length && timeline.Value < ring[head].InputReady;
        }
    }

    /// <summary>
    /// Queues a frame. Returns at once unless <c>capacity</c> frames already wait, which only an engine that submits
    /// frames faster than the network runs and never waits for its own frames reaches: then it waits for the oldest.
    /// </summary>
    public void Post(in Job job)
    {
        if (thread is null)
        {
            thread = new Thread(Run) { IsBackground = true, Name = "host staging network" };
            thread.Start();
        }
        lock (gate)
        {
            while (count == ring.Length) Monitor.Wait(gate);
            ring[(head + count) % ring.Length] = job;
            count++;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Takes back the newest job, posted for a frame whose recording then failed (its values are given back).</summary>
    public void WithdrawNewest()
    {
        lock (gate)
        {
            // Behind the head, a job is only data in the ring; at the head the thread may be waiting for its input,
            // which never comes for it (the engine got no semaphores; the frame posted in its place brings the same
            // value): the thread drops it when it next looks, before running anything.
            if (count > 1) count--;
            else if (count == 1) withdrawHead = true;
        }
    }

    /// <summary>Throws (once) the error of a frame whose network run failed, naming it; the worker carries on with the next frames.</summary>
    public void ThrowIfFailed()
    {
        Exception? error;
        lock (gate)
        {
            error = failure;
            failure = null;
        }
        if (error is not null)
            throw new FrameFailedException($"A frame recorded earlier failed in the host-staging network: {error.Message}",
                "The context is usable: that frame's output kept the previous picture. If it recurs, the inner error says why (memory, a lost device).", error);
    }

    /// <summary>
    /// After the engine's queue has gone idle: waits until every job whose input arrived has run, and gives up the jobs
    /// whose input never will (their command buffers were not submitted). Returns how many were given up.
    /// </summary>
    public int Finish()
    {
        int abandoned = 0;
        lock (gate)
        {
            while (count > 0)
            {
                var oldest = ring[head];
                if (!abandonUnsubmitted && timeline.Value < oldest.InputReady)
                {
                    // Submissions complete in order, so this one and all after it were never submitted.
                    abandoned = count;
                    abandonUnsubmitted = true;
                }
                Monitor.Wait(gate, WaitSlice);
            }
            abandonUnsubmitted = false;
        }
        return abandoned;
    }

    private void Run()
    {
        while (true)
        {
            Job job;
            lock (gate)
            {
                while (count == 0 && !stopping) Monitor.Wait(gate);
                if (count == 0) return;
                job = ring[head];
            }
            if (WaitForInput(job))
            {
                try
                {
                    own.Run(steps, job);
                    report.Report(own.LastTimings);
                }
                catch (Exception e)
                {
                    lock (gate) failure ??= e;
                }
            }
            lock (gate)
            {
                head = (head + 1) % ring.Length;
                count--;
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>
    /// Waits for the engine's submission to copy the frame in; false when the frame is given up instead. A withdrawn
    /// frame is looked for after each wait too: the frame posted in its place takes its values, so its input may be
    /// what arrives.
    /// </summary>
    private bool WaitForInput(in Job job)
    {
        while (true)
        {
            bool arrived = timeline.Wait(job.InputReady, WaitSlice);
            lock (gate)
            {
                if (withdrawHead)
                {
                    withdrawHead = false;
                    return false;
                }
                if (arrived) return true;
                if (abandonUnsubmitted) return false;
            }
        }
    }

    /// <summary>Gives up frames never submitted and stops the thread once the others have run (call after the queue is idle).</summary>
    public void Dispose()
    {
        if (thread is null) return;
        Finish();
        lock (gate)
        {
            stopping = true;
            Monitor.PulseAll(gate);
        }
        thread.Join();
        thread = null;
    }
}
