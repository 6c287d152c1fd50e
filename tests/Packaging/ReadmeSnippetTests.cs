using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Packaging;

/// <summary>
/// The README's integration snippet is the engine-integration sample's code, which CI builds against the packed packages
/// and runs: the snippet compiles as written because it is that code, and this test keeps the two from drifting apart.
/// </summary>
public class ReadmeSnippetTests
{
    private const string Sample = "samples/EngineIntegration/Integration.cs";

    [TestCase("README.md")]
    [TestCase("build/package/README.md")]
    public void TheIntegrationSnippetIsTheSamplesCode(string readme)
    {
        var root = RepositoryRoot.Require();
        string source = Normalize(File.ReadAllText(Path.Combine(root.FullName, Sample)));
        string expected = "```csharp\n" + Region(source, "usings") + "\n\n" + Region(source, "integration") + "\n```";
        string text = Normalize(File.ReadAllText(Path.Combine(root.FullName, readme)));
        Assert.That(text.Contains(expected, StringComparison.Ordinal), Is.True,
            $"{readme}'s integration snippet differs from {Sample}: put its \"usings\" region, a blank line and its \"integration\" " +
            $"region, unindented, in the ```csharp block. Expected:\n{expected}");
    }

    [Test]
    public void RegionsAreFoundUnindentedAndTheirMarkersLeftOut()
    {
        const string source = "class C\n{\n    // <r>\n    int a;\n\n        int b;\n    // </r>\n}";
        Assert.That(Region(source, "r"), Is.EqualTo("int a;\n\n    int b;"));
        Assert.Throws<InvalidDataException>(() => Region(source, "missing"));
    }

    /// <summary>The lines between "// &lt;name&gt;" and "// &lt;/name&gt;", without their common indentation.</summary>
    internal static string Region(string source, string name)
    {
        var lines = source.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == $"// <{name}>");
        int end = Array.FindIndex(lines, l => l.Trim() == $"// </{name}>");
        if (start < 0 || end <= start) throw new InvalidDataException($"No region \"{name}\" (lines '// <{name}>' ... '// </{name}>') in the sample.");
        var body = lines[(start + 1)..end];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', body.Select(l => l.Trim().Length == 0 ? "" : l[indent..].TrimEnd()));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
