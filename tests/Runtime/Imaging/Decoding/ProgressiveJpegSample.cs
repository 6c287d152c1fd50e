namespace GdpoRealtime.Tests.Runtime.Imaging.Decoding;

/// <summary>
/// A progressive JPEG with restart markers, which StbImageWriteSharp cannot write: the 40x24
/// <see cref="SampleImageFiles.Gradient"/> encoded by libjpeg-turbo 2.1.5's
/// <c>cjpeg -progressive -quality 85 -restart 1</c> (816 bytes). It is kept here rather than in tests/Images,
/// whose files the trainer tests read as a training folder.
/// </summary>
public static class ProgressiveJpegSample
{
    public static byte[] Bytes => Convert.FromBase64String(Base64);

    private const string Base64 =
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0d" +
        "Hx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4ICA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4e" +
        "Hh4eHh4eHh7/wgARCAAYACgDASIAAhEBAxEB/8QAGAABAQEBAQAAAAAAAAAAAAAAAAUDBgf/xAAYAQEAAwEAAAAAAAAAAAAAAAAG" +
        "AwUHBP/dAAQAA//aAAwDAQACEAMQAAAB8yp3douOdSu7pUPLOwAFn//QpUyfOMaZnzKkLe+//8QAFhAAAwAAAAAAAAAAAAAAAAAA" +
        "AAID/90ABAAF/9oACAEBAAEFAkgJASAkBIH/0EgJASAkBIH/0UgJASAkBIH/xAAcEQABBAMBAAAAAAAAAAAAAAAAAgMEBRESISL/" +
        "3QAEAAP/2gAIAQMBAT8Bh2OSHY5GrLyf/9CK+vhFfXwZeVqf/8QAHxEAAAQHAQAAAAAAAAAAAAAAAAIDEQEEEhQxQfBC/9oACAEC" +
        "AQE/AVJ227AUnbbsAx29sP/QRVNCptBFU0Km0FZg5DNAf//EABQQAQAAAAAAAAAAAAAAAAAAACD/3QAEAAX/2gAIAQEABj8CP//Q" +
        "P//RP//EABYQAAMAAAAAAAAAAAAAAAAAAAARQf/aAAgBAQABPyFMEQRBEEQ//9BMEwTBMEw//9FMEwTBEEw//90ABAAD/9oADAMB" +
        "AAIAAwAAABCZ7H//0IYf/wD/xAAYEQADAQEAAAAAAAAAAAAAAAAAASERMf/aAAgBAwEBPxCGkNN0p//Qc6HOhtdZ/8QAHREBAAEE" +
        "AwEAAAAAAAAAAAAAEYEAASFRQbHwwf/aAAgBAgEBPxDbXzasdba+bVjpJAP2v//Qy9wJay9wJauy/iv/xAAaEAADAQADAAAAAAAA" +
        "AAAAAAAAITHBAYHw/90ABAAF/9oACAEBAAE/EEcwTzBPME8wT94P/9BHMEcwRzBHMEcw/9FHMEb6gjmCeYI5h//Z";
}
