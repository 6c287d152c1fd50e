using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Trainer.Data.Capture;

namespace GdpoRealtime.Tests.Demo.Scene;

/// <summary>The scene catalogue: names, the held-apart scene, and every scene's paths and lightings (no GPU needed).</summary>
public class SceneCatalogTests
{
    private static IEnumerable<string> Names => SceneCatalog.Entries.Select(e => e.Name);

    [Test]
    public void AllTrainingIsEveryTrainingSceneAndNeverTheHeldApartOne()
    {
        var training = SceneCatalog.Resolve(new[] { SceneCatalog.AllTraining });
        Assert.That(training.Select(s => s.Name), Is.EquivalentTo(Names.Where(n => n != SceneCatalog.HeldApart.Name)));
        Assert.That(training, Has.Count.GreaterThanOrEqualTo(7), "the courtyard and at least six other layouts");
        Assert.That(training.Any(s => s.HeldApart), Is.False);
        Assert.That(SceneCatalog.HeldApart.Name, Does.StartWith(CaptureManifest.HeldApartScenePrefix), "the trainer recognises it by its prefix");
        Assert.That(SceneCatalog.Entries.Count(e => e.HeldApart), Is.EqualTo(1), "one scene is held apart");
        Assert.That(SceneCatalog.Resolve(new[] { "corridor, courtyard", "corridor" }).Select(s => s.Name), Is.EqualTo(new[] { "courtyard", "corridor" }),
            "comma lists and repeats resolve to catalogue order without duplicates");
        Assert.That(SceneCatalog.Resolve(Array.Empty<string>()).Single().Name, Is.EqualTo(SceneCatalog.DefaultScene));
    }

    [TestCase("heldout-harbour,courtyard")]
    [TestCase("all-training,heldout-harbour")]
    public void TheHeldApartSceneCannotBeListedWithTrainingScenes(string names)
    {
        var error = Assert.Throws<InvalidSettingException>(() => SceneCatalog.Resolve(new[] { names }))!;
        Assert.That(error.Message, Does.Contain("heldout-harbour").And.Contain("alone"));
        Assert.That(SceneCatalog.Resolve(new[] { "heldout-harbour" }).Single().HeldApart, Is.True, "alone it resolves");
    }

    [Test]
    public void AnUnknownSceneIsRefusedListingTheValidOnes()
    {
        var error = Assert.Throws<InvalidSettingException>(() => SceneCatalog.Resolve(new[] { "courtyard,moonbase" }))!;
        Assert.That(error.Message, Does.Contain("'moonbase'").And.Contain(SceneCatalog.AllTraining));
        foreach (var name in Names) Assert.That(error.Message, Does.Contain(name));
    }

    [TestCaseSource(nameof(AllNames))]
    public void EverySceneHasSeveralLoopingCameraPathsAndLightings(string name)
    {
        var scene = SceneCatalog.Get(name).Create();
        Assert.That(scene.Name, Is.EqualTo(name));
        Assert.That(scene.CameraPaths, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(scene.Lightings, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(scene.Lightings.Select(l => l.Name).Distinct().Count(), Is.EqualTo(scene.Lightings.Count));
        Assert.That(scene.Objects, Has.Count.GreaterThan(20));
        Assert.That(scene.Objects.All(o => o.Mesh.TriangleCount > 0), Is.True);
        foreach (var path in scene.CameraPaths)
        {
            var a = path.At(13.7);
            var b = path.At(13.7 + path.Period);
            Assert.That(Vector3Distance(a.Position, b.Position), Is.LessThan(1e-3), "a path is a pure function of time, looping");
            Assert.That(Vector3Distance(path.At(0).Position, path.At(20).Position), Is.GreaterThan(1), "the camera moves");
        }
        Assert.That(scene.CameraPaths.Select(p => p.At(10).Position).Distinct().Count(), Is.EqualTo(scene.CameraPaths.Count), "paths differ");
    }

    [Test]
    public void SceneDefinitionsAreDeterministic()
    {
        foreach (var entry in SceneCatalog.Entries)
        {
            var a = entry.Create();
            var b = entry.Create();
            Assert.That(b.Objects.Select(o => o.Name), Is.EqualTo(a.Objects.Select(o => o.Name)), entry.Name);
            Assert.That(b.Objects.Select(o => o.Placement(7.5)), Is.EqualTo(a.Objects.Select(o => o.Placement(7.5))), entry.Name);
            Assert.That(b.Objects.SelectMany(o => o.Mesh.Vertices.Take(8)), Is.EqualTo(a.Objects.SelectMany(o => o.Mesh.Vertices.Take(8))), entry.Name);
        }
    }

    public static IEnumerable<string> AllNames() => SceneCatalog.Entries.Select(e => e.Name);

    private static float Vector3Distance(System.Numerics.Vector3 a, System.Numerics.Vector3 b) => System.Numerics.Vector3.Distance(a, b);
}
