using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>What is wrong with an image file, in its own words; <see cref="ImageFile"/> adds the file's name.</summary>
internal enum DefectKind
{
    /// <summary>The file ends before the structure it declares does.</summary>
    Truncated,

    /// <summary>The structure contradicts itself or the format.</summary>
    Corrupt,

    /// <summary>A legal variant of the format that the decoder does not read.</summary>
    Unsupported,

    /// <summary>The declared size is above <see cref="DecodeLimits"/>.</summary>
    TooLarge,

    /// <summary>Structurally whole, but the decoder refused the data: damaged bytes or a variant it does not read.</summary>
    Rejected,
}

/// <summary>Raised by the structure checks and the decoder wrapper; never leaves the runtime.</summary>
internal sealed class ImageDefect(DefectKind kind, string detail, string? fix = null) : Exception(detail)
{
    public DefectKind Kind { get; } = kind;
    public string Detail { get; } = detail;
    public string? Fix { get; } = fix;

    public static ImageDefect Truncated(string detail) => new(DefectKind.Truncated, detail);
    public static ImageDefect Corrupt(string detail) => new(DefectKind.Corrupt, detail);
    public static ImageDefect Unsupported(string detail, string fix = "Convert it to PNG.") => new(DefectKind.Unsupported, detail, fix);

    /// <summary>Refuses a declared size above the limits, before anything is allocated for it.</summary>
    public static void CheckSize(long width, long height)
    {
        if (!DecodeLimits.Allows(width, height))
            throw new ImageDefect(DefectKind.TooLarge, $"{width}x{height}");
    }

    public ImageInputException ToInputException(string shownName, ImageFormat format)
    {
        string what = ImageFormats.Name(format);
        string subject = $"Input image '{shownName}'";
        return Kind switch
        {
            DefectKind.Truncated => new ImageInputException($"{subject} is a truncated {what}: {Detail}", "Copy or export it again in full.", this),
            DefectKind.Corrupt => new ImageInputException($"{subject} is a corrupt {what}: {Detail}", "Re-export the image.", this),
            DefectKind.Unsupported => new ImageInputException($"{subject} is a {what} of a kind this decoder does not read: {Detail}", Fix!, this),
            DefectKind.TooLarge => new ImageInputException(
                $"{subject} declares {Detail} pixels, more than the decoder takes ({DecodeLimits.Describe()})",
                "Downscale it or cut it into tiles first.", this),
            _ => new ImageInputException($"{subject} is a damaged or unsupported {what}: {Detail}", "Re-export it, or convert it to PNG.", this),
        };
    }
}
