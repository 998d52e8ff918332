using System.Diagnostics;

namespace Omslite.Hub.Sync;

/// <summary>Where a run's time goes, phase by phase, for its log line (what to look at when a sync is slow).</summary>
public sealed class PhaseTimes
{
    private readonly Dictionary<string, long> _ticks = [];

    /// <summary>Times the phase until the returned value is disposed.</summary>
    public Phase Measure(string name) => new(this, name, Stopwatch.GetTimestamp());

    public override string ToString() =>
        string.Join(", ", _ticks.Select(p => $"{p.Key} {Stopwatch.GetElapsedTime(0, p.Value).TotalSeconds:0.0} s"));

    private void Add(string name, long ticks) => _ticks[name] = _ticks.GetValueOrDefault(name) + ticks;

    public readonly struct Phase(PhaseTimes times, string name, long started) : IDisposable
    {
        public void Dispose() => times.Add(name, Stopwatch.GetTimestamp() - started);
    }
}
