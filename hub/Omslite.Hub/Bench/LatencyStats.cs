namespace Omslite.Hub.Bench;

/// <summary>Latencies of one kind of request, and their percentiles.</summary>
public sealed class LatencyStats(string name)
{
    private readonly List<double> _milliseconds = [];
    private int _errors;

    public string Name { get; } = name;

    public void Record(double milliseconds, bool ok)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(milliseconds);
            if (!ok)
            {
                _errors++;
            }
        }
    }

    public BenchLine Summarise(double seconds)
    {
        lock (_milliseconds)
        {
            var sorted = _milliseconds.Order().ToArray();
            return new BenchLine(Name, sorted.Length, _errors, sorted.Length / seconds,
                Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99));
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

public sealed record BenchLine(string Request, int Count, int Errors, double PerSecond, double P50, double P95, double P99);
