namespace Omslite.RegionFormats.RegistryXml.Checks;

/// <summary>
/// One check of a region's chain (registry-pack-25.md §4.2): a stable code, the field it is about, and a step that
/// returns the problem's message (null when the talon passes). A step may also normalise the talon, as the chain does.
/// </summary>
/// <param name="Code">The stable code of the check (<see cref="Sdk.Registry.CaseProblem.Code"/>).</param>
/// <param name="Field">The federal tag or record field the problem is about, or null.</param>
/// <param name="Step">The check: the message when the talon fails, else null.</param>
public sealed record CheckRule(string Code, string? Field, Func<Talon, CheckMode, string?> Step)
{
    /// <summary>A rule that fails with <c>N-text</c> when <paramref name="violated"/> holds.</summary>
    public static CheckRule When(string code, string? field, Func<Talon, bool> violated, string text) =>
        new(code, field, (t, _) => violated(t) ? t.Numbered(text) : null);

    /// <summary>A step that only normalises the talon and never fails.</summary>
    public static CheckRule Normalise(string code, Action<Talon> action) =>
        new(code, null, (t, _) =>
        {
            action(t);
            return null;
        });

    /// <summary>Runs a chain in order; the first failure's rule and message, or null when the talon passed.</summary>
    public static (CheckRule Rule, string Message)? RunChain(IReadOnlyList<CheckRule> chain, Talon talon, CheckMode mode)
    {
        foreach (var rule in chain)
        {
            if (rule.Step(talon, mode) is { } message)
            {
                return (rule, message);
            }
        }

        return null;
    }
}

/// <summary>Whether the chain runs for a pack or for a check ("Проверить"): a check may add plausibility rules.</summary>
public enum CheckMode
{
    /// <summary>Building a pack.</summary>
    Pack,

    /// <summary>Checking only.</summary>
    Check,
}
