using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// The unequal timesteps of the noise-aware one-step model: noise is added at <see cref="Add"/>,
/// the network is told <see cref="Diff"/> (METHOD.md section 1).
/// </summary>
public readonly record struct Timesteps(int Add, int Diff)
{
    public const int DefaultAdd = 250;
    public const int DefaultDiff = 100;

    public static Timesteps Default => new(DefaultAdd, DefaultDiff);

    public void Validate(DiffusionSchedule schedule)
    {
        if (Add < 0 || Add >= schedule.Steps || Diff < 0 || Diff >= schedule.Steps)
            throw new InvalidSettingException(
                $"Timesteps t_add={Add} and t_diff={Diff} must lie in [0, {schedule.Steps - 1}]",
                $"Use values such as t_add={DefaultAdd}, t_diff={DefaultDiff}.");
    }
}
