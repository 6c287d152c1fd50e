using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Capture;

/// <summary>
/// Keeps the held-apart scene apart. It is captured alone (<see cref="SceneCatalog.Resolve"/> refuses it in a
/// list of training scenes) and only with held-apart textures, so its figures always show the same scene;
/// a training scene never uses a held-apart texture folder, so none of its images can leak into training.
/// </summary>
public static class HeldApartRules
{
    public static void Check(IReadOnlyList<SceneEntry> scenes, IReadOnlyList<TextureSource> sources)
    {
        var heldApart = scenes.Where(s => s.HeldApart).ToList();
        if (heldApart.Count > 0 && scenes.Count > 1)
            throw new InvalidSettingException($"The held-apart scene {heldApart[0].Name} cannot be captured together with training scenes",
                $"Capture {heldApart[0].Name} alone into its own folder (it is for figures only), and the training scenes into another.");
        if (heldApart.Count > 0)
        {
            var open = sources.Where(s => s.HeldApartFolder is null).ToList();
            if (open.Count > 0)
                throw new InvalidSettingException(
                    $"The held-apart scene {heldApart[0].Name} takes its textures from a held-apart folder, not from {string.Join(", ", open.Select(s => s.Folder ?? s.Label))}",
                    $"Pass --textures with the held-apart textures (scripts/fetch-training-data.sh writes them to data/heldout/openarena, marked by a {Scene.Textures.HeldApartTextures.MarkerFile} file).");
            return;
        }
        foreach (var source in sources)
            if (source.HeldApartFolder is { } folder)
                throw new InvalidSettingException(
                    $"Texture folder '{source.Folder}' {(folder == source.Folder ? "is" : $"holds '{folder}', which is")} held apart (marked by a {Scene.Textures.HeldApartTextures.MarkerFile} file): training scenes never use it",
                    "Pass texture folders of training images (such as data/images/textures), not the held-apart scene's.");
    }
}
