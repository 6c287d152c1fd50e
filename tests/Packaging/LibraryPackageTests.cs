using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Xml.Linq;
using GdpoRealtime.Tests.Support;

namespace GdpoRealtime.Tests.Packaging;

/// <summary>
/// What the packed libraries hold: the README, the licence, symbols with no machine's paths, the built-in model, the
/// libstdc++ fix as a buildTransitive step (the repository's own file), and no native libtorch, nor a dependency that
/// would bring one.
/// </summary>
public class LibraryPackageTests
{
    private const string Runtime = "GdpoRealtime.Runtime";
    private const string Interop = "GdpoRealtime.Interop";

    [TestCase(Runtime)]
    [TestCase(Interop)]
    public void ThePackageCarriesItsReadmeAndLicence(string id)
    {
        using var package = PackedLibraries.Open(id);
        var root = RepositoryRoot.Require();
        var metadata = Metadata(package);
        Assert.Multiple(() =>
        {
            Assert.That(Text(package, "README.md"), Is.EqualTo(File.ReadAllText(Path.Combine(root.FullName, "build/package/README.md"))));
            Assert.That(Text(package, "LICENSE"), Does.StartWith("MIT License"));
            Assert.That(Element(metadata, "readme"), Is.EqualTo("README.md"));
            Assert.That(Element(metadata, "license"), Is.EqualTo("MIT"));
            Assert.That(Element(metadata, "authors"), Is.EqualTo("GdpoRealtime"));
        });
    }

    [TestCase(Runtime)]
    [TestCase(Interop)]
    public void NothingInThePackageNamesThisMachinesPaths(string id)
    {
        var root = RepositoryRoot.Require().FullName;
        using var package = PackedLibraries.Open(id);
        using var symbols = PackedLibraries.Open(id, "snupkg");
        string nuspec = Text(package, $"{id}.nuspec");
        var repository = Metadata(package).Elements().Single(e => e.Name.LocalName == "repository");
        var documents = SourceDocuments(symbols, $"lib/net10.0/{id}.pdb");
        Assert.Multiple(() =>
        {
            Assert.That(nuspec, Does.Not.Contain(root));
            Assert.That(repository.Attribute("url"), Is.Null, "a checkout's git remote is a path on someone's machine");
            Assert.That(repository.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"));
            Assert.That(documents, Is.Not.Empty);
            Assert.That(documents, Has.All.StartWith("/_/src/"), "source paths from the repository root");
        });
    }

    [Test]
    public void TheRuntimeCarriesTheBuiltInModel()
    {
        using var package = PackedLibraries.Open(Runtime);
        var root = RepositoryRoot.Require();
        var context = new AssemblyLoadContext("packed runtime", isCollectible: true);
        try
        {
            using var dll = new MemoryStream(Bytes(package, $"lib/net10.0/{Runtime}.dll"));
            var assembly = context.LoadFromStream(dll);
            using var resource = assembly.GetManifestResourceStream("GdpoRealtime.DefaultModel.default-x2.gdpo");
            Assert.That(resource, Is.Not.Null, "the built-in model is embedded in the packed assembly");
            using var embedded = new MemoryStream();
            resource!.CopyTo(embedded);
            Assert.That(embedded.ToArray(), Is.EqualTo(File.ReadAllBytes(Path.Combine(root.FullName, "src/Runtime/DefaultModel/default-x2.gdpo"))));
        }
        finally
        {
            context.Unload();
        }
    }

    [Test]
    public void TheRuntimeCarriesTheLibStdCxxFixAsABuildTransitiveStep()
    {
        using var package = PackedLibraries.Open(Runtime);
        var root = RepositoryRoot.Require().FullName;
        string entry = Text(package, $"buildTransitive/{Runtime}.targets");
        Assert.Multiple(() =>
        {
            Assert.That(entry, Does.Contain("<Import Project=\"$(MSBuildThisFileDirectory)LibStdCxxCompat.targets\" />"));
            Assert.That(Bytes(package, "buildTransitive/LibStdCxxCompat.targets"), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "build/LibStdCxxCompat.targets"))),
                "one copy: the file this repository builds with");
            Assert.That(Bytes(package, "buildTransitive/RelaxLibStdCxxRequirement.cs"), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "build/RelaxLibStdCxxRequirement.cs"))));
        });
    }

    [TestCase(Runtime)]
    [TestCase(Interop)]
    public void NoNativeLibtorchIsCarriedOrForced(string id)
    {
        using var package = PackedLibraries.Open(id);
        var dependencies = Metadata(package).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        var files = package.Entries.Select(e => e.FullName).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files.Where(f => f.StartsWith("runtimes/", StringComparison.Ordinal) || f.EndsWith(".so", StringComparison.Ordinal)
                || (f.EndsWith(".dll", StringComparison.Ordinal) && f != $"lib/net10.0/{id}.dll")), Is.Empty, "no native library");
            Assert.That(dependencies.Where(d => d.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase)
                || d.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase)), Is.Empty, "no dependency that brings a libtorch");
            if (id == Runtime) Assert.That(dependencies, Does.Contain("TorchSharp"), "the managed TorchSharp library");
            else Assert.That(dependencies, Does.Contain(Runtime).And.Contain("Silk.NET.Vulkan"));
        });
    }

    [Test]
    public void TheInteropCarriesTheNetworksComputeShaders()
    {
        using var package = PackedLibraries.Open(Interop);
        using var pe = new PEReader(new MemoryStream(Bytes(package, $"lib/net10.0/{Interop}.dll")));
        var reader = pe.GetMetadataReader();
        var resources = reader.ManifestResources.Select(h => reader.GetString(reader.GetManifestResource(h).Name)).ToList();
        Assert.That(resources.Count(r => r.StartsWith("GdpoRealtime.Network.", StringComparison.Ordinal) && r.EndsWith(".spv", StringComparison.Ordinal)),
            Is.GreaterThanOrEqualTo(3), string.Join(", ", resources));
    }

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Element(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static byte[] Bytes(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name);
        Assert.That(entry, Is.Not.Null, $"the package holds {name}");
        using var stream = entry!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(ZipArchive package, string name) => System.Text.Encoding.UTF8.GetString(Bytes(package, name));

    /// <summary>The source file paths a portable PDB in the symbols package names.</summary>
    private static List<string> SourceDocuments(ZipArchive symbols, string pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Bytes(symbols, pdb)));
        var reader = provider.GetMetadataReader();
        return reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
    }
}
