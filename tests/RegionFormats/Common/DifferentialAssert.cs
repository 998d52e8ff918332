namespace Omslite.RegionFormats.Tests;

/// <summary>What the verdicts of a <see cref="SchemaDifferential"/> run must show.</summary>
internal static class DifferentialAssert
{
    /// <summary>
    /// Nothing the reader refuses is confirmed. And the run proves something: it holds mutations of each kind the
    /// reader refuses (a validator that confirmed everything would fail), and the compiled validator agrees with the
    /// reader on every structural mutation (it refuses only values outside the written form: dates with a time zone
    /// or spaces, references it does not decode, a fixed value left empty).
    /// </summary>
    public static void Holds(IReadOnlyList<SchemaDifferential.Verdict> verdicts)
    {
        Assert.Empty(verdicts.Where(v => v.Confirmed && !v.ReaderAccepted).Select(v => v.ToString()));
        foreach (var kind in new[] { "structure", "value", "random" })
        {
            Assert.Contains(verdicts, v => v.Kind == kind && !v.ReaderAccepted);
        }

        Assert.Contains(verdicts, v => v.Confirmed);
        Assert.Empty(verdicts.Where(v => v.Kind == "structure" && v.ReaderAccepted && !v.Confirmed && !v.What.StartsWith("empty", StringComparison.Ordinal)
            && !v.What.StartsWith("self-closing", StringComparison.Ordinal)).Select(v => v.ToString()));
    }
}
