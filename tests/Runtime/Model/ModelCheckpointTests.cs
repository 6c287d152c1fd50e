using System.Security.Cryptography;
using System.Text;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Tests.Support;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Runtime.Model;

public class ModelCheckpointTests
{
    private static readonly TrainingRecord Record = new()
    {
        Stage = "test", Steps = 12, Data = "random", Figures = new() { ["psnr"] = 31.25 },
    };

    private static NoiseAwareOneStepModel RandomModel(ModelArchitecture? architecture = null)
    {
        var model = new NoiseAwareOneStepModel(architecture ?? new ModelArchitecture { Channels = 8, ResidualBlocks = 2 }, timesteps: new Timesteps(300, 80));
        using var _ = no_grad();
        manual_seed(21);
        foreach (var parameter in model.Network.parameters()) parameter.copy_(randn(parameter.shape));
        return model;
    }

    [Test]
    public void RoundTripIsBitExact()
    {
        using var model = RandomModel();
        byte[] bytes = ModelCheckpoint.Serialize(model, Record);
        var loaded = ModelCheckpoint.Parse(bytes, "memory");
        using var copy = loaded.CreateModel();
        var original = model.Network.state_dict();
        foreach (var (name, tensor) in copy.Network.state_dict())
            Assert.That(Tensors.BitEqual(tensor, original[name]), Is.True, name);
        Assert.That(loaded.Architecture, Is.EqualTo(model.Architecture));
        Assert.That(loaded.Timesteps, Is.EqualTo(new Timesteps(300, 80)));
        Assert.That(loaded.Training.Figures["psnr"], Is.EqualTo(31.25));
        Assert.That(ModelCheckpoint.Serialize(copy, loaded.Training), Is.EqualTo(bytes), "re-serialising gives the same bytes");
    }

    [Test]
    public void TheShippedModelReadAndWrittenAgainIsTheSameFile()
    {
        // The container is shared with training states now; the .gdpo bytes must not have changed.
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "src", "Runtime", "DefaultModel", "default-x2.gdpo");
        if (!File.Exists(path)) Assert.Ignore("The sources are not beside this test build (a packed test run).");
        byte[] original = File.ReadAllBytes(path);
        var checkpoint = ModelCheckpoint.Parse(original, "default-x2.gdpo");
        using var model = checkpoint.CreateModel();
        Assert.That(ModelCheckpoint.Serialize(model, checkpoint.Training), Is.EqualTo(original));
    }

    [Test]
    public void SaveIsAtomicAndLoadReadsIt()
    {
        using var folder = new TempFolder();
        using var model = RandomModel();
        string path = folder.File("model.gdpo");
        ModelCheckpoint.Save(path, model, Record);
        Assert.That(folder.Files, Has.Count.EqualTo(1), "no temporary file is left behind");
        Assert.That(ModelCheckpoint.Load(path).Training.Stage, Is.EqualTo("test"));
    }

    [Test]
    public void FlippedByteIsReportedAsCorrupt()
    {
        using var model = RandomModel();
        byte[] bytes = ModelCheckpoint.Serialize(model, Record);
        bytes[bytes.Length / 2] ^= 0x40;
        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Parse(bytes, "flipped.gdpo"));
        Assert.That(error!.Message, Does.Contain("flipped.gdpo").And.Contain("corrupt"));
    }

    [TestCase(0.5)]
    [TestCase(0.99)]
    [TestCase(0.001)]
    public void TruncatedFileIsRefused(double keep)
    {
        using var model = RandomModel();
        byte[] bytes = ModelCheckpoint.Serialize(model, Record);
        var truncated = bytes.AsSpan(0, Math.Max(1, (int)(bytes.Length * keep))).ToArray();
        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Parse(truncated, "cut.gdpo"));
        Assert.That(error!.Message, Does.Contain("cut.gdpo").And.Match("truncated|corrupt|not a GdpoRealtime model"));
    }

    [Test]
    public void FileOfAnotherFormatIsRefused()
    {
        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Parse(Encoding.UTF8.GetBytes("PK\u0003\u0004 a zip file"), "weights.pt"));
        Assert.That(error!.Message, Does.Contain("not a GdpoRealtime model"));
    }

    [Test]
    public void FileOfAnotherVersionIsRefusedNamingBothVersions()
    {
        using var model = RandomModel();
        byte[] bytes = ModelCheckpoint.Serialize(model, Record);
        bytes[8] = 7; // format version field
        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Parse(bytes, "future.gdpo"));
        Assert.That(error!.Message, Does.Contain("format version 7").And.Contain($"reads version {ModelCheckpoint.FormatVersion}").And.Contain("Upgrade"));
    }

    [Test]
    public void WeightsOfAnotherArchitectureAreRefused()
    {
        using var model = RandomModel();
        var loaded = ModelCheckpoint.Parse(ModelCheckpoint.Serialize(model, Record), "small.gdpo");
        using var other = new NoiseAwareOneStepModel(new ModelArchitecture { Channels = 16, ResidualBlocks = 2 });
        var error = Assert.Throws<CheckpointException>(() => loaded.LoadWeightsInto(other));
        Assert.That(error!.Message, Does.Contain("8 channels").And.Contain("16 channels"));
    }

    [Test]
    public void UnknownNetworkKindIsRefusedEvenWithAValidChecksum()
    {
        using var model = RandomModel();
        byte[] bytes = ModelCheckpoint.Serialize(model, Record);
        string text = Encoding.Latin1.GetString(bytes).Replace(ModelArchitecture.SkipFormKind, "naosd-epsx");
        byte[] edited = Encoding.Latin1.GetBytes(text);
        SHA256.HashData(edited.AsSpan(0, edited.Length - 32)).CopyTo(edited.AsSpan(edited.Length - 32));
        var loaded = ModelCheckpoint.Parse(edited, "other-kind.gdpo");
        var error = Assert.Throws<CheckpointException>(() => loaded.CreateModel());
        Assert.That(error!.Message, Does.Contain("naosd-epsx"));
    }

    [Test]
    public void ModelOfAnotherScaleIsRefusedWhenAScaleIsAsked()
    {
        using var folder = new TempFolder();
        using var model = RandomModel(ModelArchitecture.For(new ScaleFactor(4, 1), 8, 1));
        string path = folder.File("x4.gdpo");
        ModelCheckpoint.Save(path, model, Record);
        var error = Assert.Throws<CheckpointException>(() => ModelLoader.Find(path, ScaleFactor.X2));
        Assert.That(error!.Message, Does.Contain("x4").And.Contain("x2"));
        Assert.That(ModelLoader.Find(path, null).Architecture.ScaleNumerator, Is.EqualTo(4));
    }

    [Test]
    public void MissingFileNamesThePath()
    {
        var error = Assert.Throws<CheckpointException>(() => ModelCheckpoint.Load("/nonexistent/model.gdpo"));
        Assert.That(error!.Message, Does.Contain("/nonexistent/model.gdpo").And.Contain("does not exist"));
    }
}
