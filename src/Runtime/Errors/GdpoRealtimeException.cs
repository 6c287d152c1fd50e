namespace GdpoRealtime.Runtime.Errors;

/// <summary>
/// An error caused by the user's input or machine, carrying both the cause and the fix so that a
/// command-line front end can print one line and an engine can log something actionable.
/// </summary>
public class GdpoRealtimeException : Exception
{
    public GdpoRealtimeException(string cause, string fix, Exception? inner = null)
        : base($"{cause.TrimEnd('.')}. {fix}", inner)
    {
        Cause = cause;
        Fix = fix;
    }

    /// <summary>What went wrong, in the user's terms.</summary>
    public string Cause { get; }

    /// <summary>What the user can do about it.</summary>
    public string Fix { get; }

    /// <summary>
    /// The setting the fix speaks of (one of <see cref="Settings"/>), or null: a program can point its user at the
    /// option that sets it (the gdpo-sr command line names its flag); the message itself speaks of the API's setting.
    /// </summary>
    public string? Setting { get; init; }
}

/// <summary>Names of the settings errors point at (<see cref="GdpoRealtimeException.Setting"/>).</summary>
public static class Settings
{
    public const string Model = "model";
    public const string Scale = "scale";
    public const string Device = "device";
    public const string TorchLibraryDirectory = "torch-library-directory";
    public const string RunFolder = "run-folder";
    public const string Resume = "resume";
    public const string Data = "data";
    public const string Crop = "crop";
    public const string MinTexture = "min-texture";
    public const string SmoothAnchor = "smooth-anchor";
}

/// <summary>A checkpoint file that is missing, corrupt, truncated, of another version or another architecture.</summary>
public sealed class CheckpointException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);

/// <summary>An input image that is missing, unreadable, of an unsupported format or too small.</summary>
public sealed class ImageInputException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);

/// <summary>The compute backend (libtorch, CUDA) could not be set up as asked.</summary>
public sealed class ComputeSetupException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);

/// <summary>A setting outside its allowed range.</summary>
public sealed class InvalidSettingException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);
