using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using StbImageSharp;

namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

/// <summary>
/// Issue 11, item 7: every decode of a damaged file ends quickly, with an image or one clean line of error; a file
/// cut short is called truncated, and no partly decoded image passes for the whole one.
/// </summary>
public class HostileImageFuzzTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [TestCase(ImageFormat.Png)]
    [TestCase(ImageFormat.Jpeg)]
    [TestCase(ImageFormat.Tga)]
    [TestCase(ImageFormat.Bmp)]
    public void EveryMutatedFileEndsQuicklyInAnImageOrACleanError(ImageFormat format)
    {
        var random = new Random(1100 + (int)format); // fixed: the same corpus on every run
        var failures = new List<string>();
        int files = 0, images = 0, errors = 0, truncated = 0;
        var slowest = (Case: "", Elapsed: TimeSpan.Zero);
        int nativeBefore = StbImage.NativeAllocations;

        foreach (var sample in SampleImageFiles.Of(format))
        {
            var whole = sample.Readable ? ImageFile.Decode(sample.Bytes, sample.FileName) : null;
            foreach (var file in ImageMutations.Of(sample, random))
            {
                var outcome = DecodeUnderDeadline.Run(file.Bytes, file.FileName, Deadline);
                if (outcome is null)
                    Assert.Fail($"{file.Case}: the decode did not end within {Deadline.TotalSeconds} s");
                files++;
                if (outcome!.Elapsed > slowest.Elapsed) slowest = (file.Case, outcome.Elapsed);
                if (outcome.Image is not null) images++;
                else errors++;
                if (outcome.Error is ImageInputException e && e.Message.Contains("truncated", StringComparison.Ordinal)) truncated++;
                if (Problem(file, outcome, whole) is { } problem) failures.Add($"{file.Case}: {problem}");
            }
        }

        TestContext.Out.WriteLine($"{ImageFormats.Name(format)}: {files} files, {images} decoded to an image, {errors} refused " +
                                  $"({truncated} as truncated); slowest {slowest.Elapsed.TotalMilliseconds:F1} ms ({slowest.Case})");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(25)));
        Assert.That(files, Is.GreaterThanOrEqualTo(300), "a few hundred files per format");
        Assert.That(StbImage.NativeAllocations, Is.EqualTo(nativeBefore), "native memory the decoder left allocated");
    }

    /// <summary>What is wrong with an outcome, or null when it is what that kind of damage allows.</summary>
    private static string? Problem(MutatedImageFile file, DecodeUnderDeadline.Outcome outcome, RgbImage? whole)
    {
        if (outcome.Error is not null and not ImageInputException)
            return $"threw {outcome.Error.GetType().Name}: {outcome.Error.Message}";
        if (outcome.Error is ImageInputException error && MessageProblem(error, file.FileName) is { } messageProblem)
            return messageProblem;
        bool isWhole = outcome.Image is not null && whole is not null && outcome.Image.Pixels.AsSpan().SequenceEqual(whole.Pixels)
                       && outcome.Image.Width == whole.Width;
        string said = outcome.Error?.Message ?? $"an image of {outcome.Image!.Width}x{outcome.Image.Height}";
        return file.Kind switch
        {
            MutationKind.Truncated when !isWhole && !said.Contains("truncated", StringComparison.Ordinal) =>
                $"a truncated file must be called truncated or decode whole; got {said}",
            MutationKind.HugeField when outcome.Image is not null => $"a huge size or length field must be refused; got {said}",
            MutationKind.Appended when whole is not null && !isWhole => $"bytes after the image must not change it; got {said}",
            MutationKind.Renamed => RenameProblem(file, whole, isWhole, said),
            _ => null,
        };
    }

    private static string? RenameProblem(MutatedImageFile file, RgbImage? whole, bool isWhole, string said)
    {
        bool tga = file.FileName.EndsWith(".tga", StringComparison.Ordinal);
        bool tgaBytes = ImageFormats.Detect(file.Bytes, "probe.tga") == ImageFormat.Tga;
        if (whole is null || isWhole || (tgaBytes && !tga && said.Contains("not a recognised image", StringComparison.Ordinal)))
            return null;
        return $"a whole file under another name must decode (a TGA only under a .tga name); got {said}";
    }

    /// <summary>One line, printable, naming the file, with a fix: what the command line prints as is.</summary>
    public static string? MessageProblem(ImageInputException error, string fileName)
    {
        string message = error.Message;
        if (message.Any(char.IsControl)) return $"the message has a control character: {message.Replace("\0", "\\0")}";
        if (!message.Contains(fileName, StringComparison.Ordinal)) return $"the message does not name the file: {message}";
        if (string.IsNullOrWhiteSpace(error.Fix)) return $"the message has no fix: {message}";
        if (message.Length > 400) return $"the message is {message.Length} characters long: {message}";
        return null;
    }
}
