using System.Diagnostics;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Bench;

/// <summary>One timed phase of a benchmarked operation.</summary>
public sealed record BenchPhase(string Name, double Seconds);

/// <summary>
/// Collects the durations of the hub's phases (<see cref="HubActivity"/>) and of the region formats' pack phases
/// (<c>format.*</c>, inside <c>pack.write</c>) while it is alive, summed by name in the order they first ended.
/// </summary>
internal sealed class PhaseClock : IDisposable
{
    /// <summary>The source of RegistryXml's PackWriter (the plugins' shared writing library; the hub does not
    /// reference it, so the name is repeated here).</summary>
    private const string FormatSourceName = "Omslite.RegionFormats";

    private readonly ActivityListener _listener;
    private readonly List<BenchPhase> _phases = [];

    public PhaseClock()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is HubActivity.SourceName or FormatSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The phases so far, and clears them.</summary>
    public IReadOnlyList<BenchPhase> Take()
    {
        lock (_phases)
        {
            var taken = _phases.ToList();
            _phases.Clear();
            return taken;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Activity activity)
    {
        lock (_phases)
        {
            var index = _phases.FindIndex(p => p.Name == activity.OperationName);
            if (index < 0)
            {
                _phases.Add(new BenchPhase(activity.OperationName, activity.Duration.TotalSeconds));
            }
            else
            {
                _phases[index] = _phases[index] with { Seconds = _phases[index].Seconds + activity.Duration.TotalSeconds };
            }
        }
    }
}
