namespace Omslite.RegionFormats.Primorye25.Checks;

/// <summary>
/// One check of the chain (registry-pack-25.md §4.2): a stable code, the field it is about, and a step that returns
/// the problem's message (null when the talon passes). A step may also normalise the talon, as the chain does.
/// </summary>
internal sealed record CheckRule(string Code, string? Field, Func<Talon, CheckMode, string?> Step)
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
}

/// <summary>Whether the chain runs for a pack or for a check ("Проверить"): a check adds the name/sex plausibility.</summary>
internal enum CheckMode
{
    /// <summary>Building a pack.</summary>
    Pack,

    /// <summary>Checking only.</summary>
    Check,
}
