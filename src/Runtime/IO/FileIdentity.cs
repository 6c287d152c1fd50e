using System.Runtime.InteropServices;

namespace GdpoRealtime.Runtime.IO;

/// <summary>
/// Tells whether two paths name the same file: through symbolic links, hard links, "..", or another spelling of a
/// folder. Two existing paths are compared by the file system's own identity of the file they reach (device and inode
/// on Linux, volume and file index on Windows); a path that does not exist yet is compared by its folder's identity and
/// its name. The BCL exposes no file identity, and the one served package that does (Mono.Unix) ships a native helper
/// and covers no Windows, so the two system calls are bound here. Elsewhere, full paths with links resolved are compared.
/// </summary>
public static class FileIdentity
{
    public static bool SameFile(string first, string second)
    {
        string a = Path.GetFullPath(first), b = Path.GetFullPath(second);
        bool aExists = File.Exists(a) || Directory.Exists(a), bExists = File.Exists(b) || Directory.Exists(b);
        if (aExists != bExists) return false;
        if (aExists) return Of(a) is { } idA && Of(b) is { } idB ? idA == idB : string.Equals(Resolved(a), Resolved(b), NameComparison);
        // Neither exists yet: the same name in the same folder, however the folder is reached.
        string? folderA = Path.GetDirectoryName(a), folderB = Path.GetDirectoryName(b);
        if (!string.Equals(Path.GetFileName(a), Path.GetFileName(b), NameComparison)) return false;
        if (folderA is null || folderB is null) return string.Equals(a, b, NameComparison);
        return SameFile(folderA, folderB);
    }

    private static StringComparison NameComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string Resolved(string path)
    {
        var target = File.Exists(path) ? File.ResolveLinkTarget(path, returnFinalTarget: true) : Directory.ResolveLinkTarget(path, returnFinalTarget: true);
        return target?.FullName ?? path;
    }

    /// <summary>(device, inode) or (volume, index) of what the path reaches, following links; null where unknown.</summary>
    private static (ulong Device, ulong Index)? Of(string path)
    {
        if (OperatingSystem.IsLinux()) return LinuxStat.Identity(path);
        if (OperatingSystem.IsWindows()) return WindowsFileInformation.Identity(path);
        return null;
    }
}

/// <summary>statx(2): its record has one layout on every Linux architecture, unlike struct stat.</summary>
internal static unsafe partial class LinuxStat
{
    private const int AtCurrentDirectory = -100;
    private const uint InodeMask = 0x100; // STATX_INO

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* record);

    public static (ulong Device, ulong Index)? Identity(string path)
    {
        byte* record = stackalloc byte[256];
        if (Statx(AtCurrentDirectory, path, 0, InodeMask, record) != 0) return null;
        ulong inode = *(ulong*)(record + 32);
        uint major = *(uint*)(record + 136), minor = *(uint*)(record + 140);
        return (((ulong)major << 32) | minor, inode);
    }
}

/// <summary>GetFileInformationByHandle: the volume serial number and file index that identify a file on Windows.</summary>
internal static unsafe partial class WindowsFileInformation
{
    [StructLayout(LayoutKind.Sequential)]
    private struct ByHandleFileInformation
    {
        // FILETIMEs are pairs of 32-bit words (4-byte aligned), so they are spelled out rather than typed as long.
        public uint Attributes, CreationLow, CreationHigh, AccessLow, AccessHigh, WriteLow, WriteHigh;
        public uint VolumeSerialNumber, FileSizeHigh, FileSizeLow, NumberOfLinks, FileIndexHigh, FileIndexLow;
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(nint file, ByHandleFileInformation* information);

    public static (ulong Device, ulong Index)? Identity(string path)
    {
        if (!File.Exists(path)) return null; // folders: compared by their resolved full paths
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            ByHandleFileInformation information;
            if (!GetFileInformationByHandle(handle.DangerousGetHandle(), &information)) return null;
            return (information.VolumeSerialNumber, ((ulong)information.FileIndexHigh << 32) | information.FileIndexLow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
