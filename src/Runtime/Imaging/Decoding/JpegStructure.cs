using System.Buffers.Binary;

namespace GdpoRealtime.Runtime.Imaging.Decoding;

/// <summary>
/// Walks a JPEG's markers before decoding: segments inside the file, one frame header of a coding the decoder
/// reads, scans whose coded data ends in a marker, every colour component scanned, and the end-of-image marker.
/// StbImageSharp reads zeros past the end of a file, so a JPEG cut short decodes to a partly grey image as if
/// whole.
/// </summary>
internal static class JpegStructure
{
    private const byte StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA;

    private sealed record Component(int Id, int Horizontal, int Vertical);

    private sealed record Frame(byte Marker, int Width, int Height, IReadOnlyList<Component> Components)
    {
        public int MaxHorizontal => Components.Max(c => c.Horizontal);
        public int MaxVertical => Components.Max(c => c.Vertical);
        public bool Progressive => Marker == 0xC2;
    }

    private sealed record ScanHeader(IReadOnlyList<int> ComponentIds, int SpectralStart);

    private sealed record Scan(int Number, int DataBytes, ScanHeader Header);

    public static DeclaredSize Check(ReadOnlySpan<byte> file)
    {
        if (file.Length < 2)
            throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the start-of-image marker");
        if (file[0] != 0xFF || file[1] != StartOfImage)
            throw ImageDefect.Corrupt("it does not begin with a start-of-image marker");
        Frame? frame = null;
        var scans = new List<Scan>();
        string previous = "start-of-image marker";
        int at = 2;
        while (true)
        {
            int markerAt = NextMarker(file, at, insideScan: false);
            if (markerAt < 0)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} after the {previous}, before its end-of-image marker");
            byte marker = file[markerAt + 1];
            at = markerAt + 2;
            if (marker == EndOfImage)
                return Finish(frame, scans, markerAt);
            if (marker == StartOfImage)
                throw ImageDefect.Corrupt($"it has a second start-of-image marker at byte {markerAt}");
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) // standalone markers: no length follows
                continue;

            string name = MarkerName(marker);
            if (at + 2 > file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the {name} segment at byte {markerAt}");
            int length = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(at, 2));
            if (length < 2)
                throw ImageDefect.Corrupt($"the {name} segment at byte {markerAt} declares {length} bytes, less than its own length field");
            if (at + length > file.Length)
                throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the {name} segment at byte {markerAt}, which declares {length} bytes");
            var segment = file.Slice(at + 2, length - 2);
            int segmentEnd = at + length;

            if (IsFrameHeader(marker))
            {
                if (frame is not null)
                    throw ImageDefect.Corrupt($"it has a second frame header ({name} at byte {markerAt})");
                frame = ReadFrame(marker, segment, markerAt);
            }
            else if (marker == StartOfScan)
            {
                if (frame is null)
                    throw ImageDefect.Corrupt($"its first scan (at byte {markerAt}) comes before any frame header");
                var header = ReadScanHeader(segment, markerAt);
                int number = scans.Count + 1;
                int next = NextMarker(file, segmentEnd, insideScan: true);
                if (next < 0)
                    throw ImageDefect.Truncated($"it ends at byte {file.Length} inside the coded data of scan {number} (from byte {segmentEnd}), before its end-of-image marker");
                scans.Add(new Scan(number, next - segmentEnd, header));
                previous = $"coded data of scan {number}";
                at = next;
                continue;
            }
            previous = $"{name} segment at byte {markerAt}";
            at = segmentEnd;
        }
    }

    /// <summary>
    /// The offset of the next marker's 0xFF at or after <paramref name="from"/>, or -1 when the file ends first.
    /// Fill bytes (0xFF 0xFF) and stuffed zeros (0xFF 0x00) are not markers; inside coded data neither are restarts.
    /// Stray bytes between segments are skipped, as JPEG decoders do.
    /// </summary>
    private static int NextMarker(ReadOnlySpan<byte> file, int from, bool insideScan)
    {
        int at = from;
        while (at < file.Length)
        {
            int found = file[at..].IndexOf((byte)0xFF);
            if (found < 0) return -1;
            int ff = at + found;
            int code = ff + 1;
            while (code < file.Length && file[code] == 0xFF) code++;
            if (code >= file.Length) return -1;
            byte marker = file[code];
            if (marker != 0x00 && !(insideScan && marker is >= 0xD0 and <= 0xD7))
                return code - 1;
            at = code + 1;
        }
        return -1;
    }

    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static Frame ReadFrame(byte marker, ReadOnlySpan<byte> segment, int at)
    {
        if (marker is not (0xC0 or 0xC1 or 0xC2))
            throw ImageDefect.Unsupported($"it is coded with {CodingName(marker)} (SOF{marker - 0xC0} at byte {at})",
                "Re-save it as a baseline or progressive JPEG, or as PNG.");
        if (segment.Length < 6)
            throw ImageDefect.Corrupt($"its frame header at byte {at} is {segment.Length + 2} bytes, too short to declare a size");
        int precision = segment[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]), width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (segment.Length != 6 + 3 * count)
            throw ImageDefect.Corrupt($"its frame header at byte {at} declares {count} components in {segment.Length + 2} bytes");
        if (precision != 8)
            throw ImageDefect.Unsupported($"it has {precision}-bit samples; only 8-bit JPEG is read", "Re-save it as an 8-bit JPEG or as PNG.");
        if (height == 0)
            throw ImageDefect.Unsupported("its frame header leaves the height to a later DNL marker");
        if (width == 0)
            throw ImageDefect.Corrupt($"its frame header at byte {at} declares width 0");
        if (count is not (1 or 3 or 4))
            throw ImageDefect.Unsupported($"it has {count} colour components; 1, 3 or 4 are read");
        ImageDefect.CheckSize(width, height);
        var components = new List<Component>();
        for (int i = 0; i < count; i++)
        {
            int id = segment[6 + 3 * i], sampling = segment[7 + 3 * i];
            int horizontal = sampling >> 4, vertical = sampling & 15;
            if (horizontal is < 1 or > 4 || vertical is < 1 or > 4)
                throw ImageDefect.Corrupt($"component {id} of its frame header declares sampling {horizontal}x{vertical}, outside 1 to 4");
            components.Add(new Component(id, horizontal, vertical));
        }
        return new Frame(marker, width, height, components);
    }

    private static ScanHeader ReadScanHeader(ReadOnlySpan<byte> segment, int at)
    {
        int count = segment.Length > 0 ? segment[0] : 0;
        if (count is < 1 or > 4 || segment.Length != 4 + 2 * count)
            throw ImageDefect.Corrupt($"its scan header at byte {at} declares {count} components in {segment.Length + 2} bytes");
        var ids = new int[count];
        for (int i = 0; i < count; i++) ids[i] = segment[1 + 2 * i];
        return new ScanHeader(ids, SpectralStart: segment[1 + 2 * count]);
    }

    /// <summary>
    /// The fewest bits any valid coding of one block takes in a scan. Sequential: a DC difference code and an
    /// end-of-block (or AC) code, each a Huffman code of at least 1 bit. Progressive DC scans: a code or a
    /// refinement bit. Progressive AC scans: none, as one end-of-band run covers many blocks.
    /// </summary>
    private static int LeastBitsPerBlock(Frame frame, Scan scan) =>
        !frame.Progressive ? 2 : scan.Header.SpectralStart == 0 ? 1 : 0;

    private static DeclaredSize Finish(Frame? frame, List<Scan> scans, int endAt)
    {
        if (frame is null)
            throw ImageDefect.Corrupt($"it reaches its end-of-image marker at byte {endAt} without a frame header");
        if (scans.Count == 0)
            throw ImageDefect.Corrupt($"it reaches its end-of-image marker at byte {endAt} without a scan: it holds no image data");
        foreach (var component in frame.Components)
            if (!scans.Any(s => s.Header.ComponentIds.Contains(component.Id)))
                throw ImageDefect.Corrupt($"colour component {component.Id} has no scan, so part of the image would be blank");
        foreach (var scan in scans)
        {
            long leastBytes = (LeastBitsPerBlock(frame, scan) * BlocksIn(frame, scan) + 7) / 8;
            if (scan.DataBytes < leastBytes)
                throw ImageDefect.Corrupt($"scan {scan.Number} holds {scan.DataBytes} bytes of coded data, fewer than the {leastBytes} " +
                                          $"that its {frame.Width}x{frame.Height} pixels need at the least (the data was cut short or the size damaged)");
        }
        return new DeclaredSize(frame.Width, frame.Height);
    }

    private static long BlocksIn(Frame frame, Scan scan)
    {
        var components = scan.Header.ComponentIds.Select(id => frame.Components.FirstOrDefault(c => c.Id == id)).OfType<Component>().ToList();
        int hMax = frame.MaxHorizontal, vMax = frame.MaxVertical;
        if (components.Count == 1) // not interleaved: the component's own blocks, no padding to whole MCUs
        {
            var c = components[0];
            long width = Ceiling((long)frame.Width * c.Horizontal, hMax), height = Ceiling((long)frame.Height * c.Vertical, vMax);
            return Ceiling(width, 8) * Ceiling(height, 8);
        }
        long units = Ceiling(frame.Width, 8L * hMax) * Ceiling(frame.Height, 8L * vMax);
        return units * components.Sum(c => (long)c.Horizontal * c.Vertical);
    }

    private static long Ceiling(long value, long divisor) => (value + divisor - 1) / divisor;

    private static string CodingName(byte marker) => marker switch
    {
        0xC3 or 0xC7 or 0xCB or 0xCF => "lossless coding",
        0xC9 or 0xCA => "arithmetic coding",
        _ => "hierarchical or arithmetic coding",
    };

    private static string MarkerName(byte marker) => marker switch
    {
        >= 0xE0 and <= 0xEF => $"APP{marker - 0xE0}",
        0xFE => "COM",
        0xDB => "DQT",
        0xC4 => "DHT",
        0xDD => "DRI",
        0xDA => "SOS",
        0xDC => "DNL",
        0xC8 => "JPG",
        0xCC => "DAC",
        >= 0xC0 and <= 0xCF => $"SOF{marker - 0xC0}",
        _ => $"0x{marker:X2}",
    };
}
