namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>The pixel size a file's header declares, already checked against <see cref="DecodeLimits"/>.</summary>
internal readonly record struct DeclaredSize(int Width, int Height);
