using System.Text.RegularExpressions;

namespace GdpoRealtime.Trainer.Evaluation;

/// <summary>Methods of one setting trained with several seeds form a family, named without the seed suffix.</summary>
public static partial class MethodFamilies
{
    /// <summary>A method's name without a trailing seed ("gdpo-s2", "shuffled s3", "run_seed4").</summary>
    public static string Of(string name) => SeedSuffix().Replace(name, "");

    /// <summary>The null controls: a family whose name says shuffled or control.</summary>
    public static bool IsControl(string family) =>
        family.Contains("shuffled", StringComparison.OrdinalIgnoreCase) || family.Contains("control", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[-_ ]?(s|seed)\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex SeedSuffix();
}
