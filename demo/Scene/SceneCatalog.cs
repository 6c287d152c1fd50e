using GdpoRealtime.Demo.Scene.Layouts;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Scene;

/// <summary>One scene the renderer can draw: its name, what it is for, and how to build it.</summary>
public sealed record SceneEntry(string Name, string Description, Func<SceneDefinition> Create)
{
    /// <summary>The held-apart scene is never trained on: its name starts with <see cref="SceneCatalog.HeldApartPrefix"/>.</summary>
    public bool HeldApart => Name.StartsWith(SceneCatalog.HeldApartPrefix, StringComparison.Ordinal);
}

/// <summary>
/// Every scene by name. One scene, <see cref="HeldApart"/>, is kept apart from training: its layout and its
/// textures (a texture source marked held-apart, see <see cref="Textures.HeldApartTextures"/>) are used for
/// figures only. <see cref="AllTraining"/> names every other scene, and a list that mixes the held-apart
/// scene with training scenes is refused, so no training capture can contain it.
/// </summary>
public static class SceneCatalog
{
    public const string HeldApartPrefix = "heldout-";
    public const string AllTraining = "all-training";
    public const string DefaultScene = "courtyard";

    public static IReadOnlyList<SceneEntry> Entries { get; } = new SceneEntry[]
    {
        new("courtyard", "walled courtyard: brick, fences, cables, signs, Siemens star, foliage, spinning blades", CourtyardScene.Create),
        new("open-ground", "meadow and road to the horizon: distant town, hills, tree line, pole line, turbines", OpenGroundScene.Create),
        new("corridor", "interior service corridor: tiled floor, doors, plates, vents, pipes and cables, ceiling lights", CorridorScene.Create),
        new("fence-yard", "storage yard: chain-link and barbed wire, grates, containers, catwalk railings, power line", FenceYardScene.Create),
        new("sign-street", "shopping street: fascias, posters, name plates, timetable, zebra crossing, tram wires", SignStreetScene.Create),
        new("foliage-garden", "walled garden: grass tufts, trees of leaf cards, hedges, flower beds, pergola and trellis", FoliageGardenScene.Create),
        new("pattern-hall", "hall of patterns: gratings, herringbone, halftone, zone plates, checkerboard, balusters", PatternHallScene.Create),
        new("heldout-harbour", "HELD APART, never trained on: harbour quay, boats and rigging, containers, crane, its own signs", HeldOutHarbourScene.Create),
    };

    /// <summary>The scene used for every figure and never for training.</summary>
    public static SceneEntry HeldApart => Entries.Single(e => e.HeldApart);

    public static IReadOnlyList<SceneEntry> Training => Entries.Where(e => !e.HeldApart).ToList();

    public static SceneEntry Get(string name) =>
        Entries.FirstOrDefault(e => e.Name == name.Trim().ToLowerInvariant())
        ?? throw new InvalidSettingException($"There is no scene '{name}'",
            $"Use one of: {string.Join(", ", Entries.Select(e => e.Name))}, or {AllTraining} (every scene but {HeldApart.Name}).");

    /// <summary>
    /// The scenes a list of names (each possibly comma-separated) selects, in catalogue order, without
    /// repeats. <see cref="AllTraining"/> stands for every training scene. The held-apart scene may only be
    /// captured alone, so a training capture can never include it.
    /// </summary>
    public static IReadOnlyList<SceneEntry> Resolve(IEnumerable<string> names)
    {
        var wanted = new HashSet<string>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (name.Equals(AllTraining, StringComparison.OrdinalIgnoreCase)) wanted.UnionWith(Training.Select(e => e.Name));
            else wanted.Add(Get(name).Name);
        }
        if (wanted.Count == 0) wanted.Add(DefaultScene);
        var selected = Entries.Where(e => wanted.Contains(e.Name)).ToList();
        if (selected.Any(e => e.HeldApart) && selected.Count > 1)
            throw new InvalidSettingException(
                $"The held-apart scene {HeldApart.Name} cannot be captured together with training scenes ({string.Join(", ", selected.Where(e => !e.HeldApart).Select(e => e.Name))})",
                $"Capture {HeldApart.Name} alone into its own folder (it is for figures only), and the training scenes into another.");
        return selected;
    }
}
