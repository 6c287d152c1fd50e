using System.Diagnostics;
using GdpoRealtime.Runtime.Imaging;

namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

/// <summary>
/// Decodes on a worker thread and waits at most a deadline, so that a decode that never ends fails its test
/// instead of hanging the suite. A worker past its deadline is left running in the background (.NET cannot
/// abort a thread); the test fails at once, naming the file.
/// </summary>
public static class DecodeUnderDeadline
{
    public sealed record Outcome(RgbImage? Image, Exception? Error, TimeSpan Elapsed);

    /// <returns>The outcome, or null when the deadline passed first.</returns>
    public static Outcome? Run(byte[] bytes, string name, TimeSpan deadline)
    {
        Outcome? outcome = null;
        var worker = new Thread(() =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var image = ImageFile.Decode(bytes, name);
                outcome = new Outcome(image, null, watch.Elapsed);
            }
            catch (Exception e)
            {
                outcome = new Outcome(null, e, watch.Elapsed);
            }
        }) { IsBackground = true, Name = "decode under deadline" };
        worker.Start();
        return worker.Join(deadline) ? outcome : null;
    }
}
