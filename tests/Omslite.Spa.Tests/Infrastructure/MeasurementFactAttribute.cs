namespace Omslite.Spa.Tests.Infrastructure;

/// <summary>
/// A measurement, not a test: it runs only with OMSLITE_MEASURE_UI=1 (on an otherwise idle machine) and reports
/// numbers for docs/benchmarks.md instead of asserting a time. Skipped in ordinary runs.
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string Variable = "OMSLITE_MEASURE_UI";

    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a measurement: set {Variable}=1 to run it (docs/benchmarks.md, Web UI)";
        }
    }
}
