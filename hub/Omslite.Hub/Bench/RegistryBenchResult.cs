using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Omslite.Hub.Bench;

/// <summary>One timed operation of a registry bench: its wall time, the CPU time of the hub and of the database
/// server, the process's working set before it and its peak while it ran, and the hub's phases inside it.</summary>
public sealed record BenchRun(string Name, double Seconds, CpuTime Cpu, long StartMegabytes, long PeakMegabytes, IReadOnlyList<BenchPhase> Phases)
{
    /// <summary>Runs and times <paramref name="operation"/>, with the peak memory reset before it.</summary>
    internal static async Task<(BenchRun Run, T Result)> TimeAsync<T>(string name, BenchClocks clocks, Func<Task<T>> operation)
    {
        // On stderr (the table goes to stdout): when each run starts, to attach a profiler to one of them.
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} timing {name}");
        PeakMemory.Reset();
        var start = PeakMemory.CurrentMegabytes();
        clocks.Phases.Take();
        clocks.Cpu.Start();
        var watch = Stopwatch.StartNew();
        var result = await operation();
        var seconds = watch.Elapsed.TotalSeconds;
        return (new BenchRun(name, seconds, clocks.Cpu.Stop(), start, PeakMemory.Megabytes(), clocks.Phases.Take()), result);
    }
}

/// <summary>The clocks of a bench: the hub's phases and the CPU time.</summary>
internal sealed record BenchClocks(PhaseClock Phases, CpuClock Cpu) : IDisposable
{
    public void Dispose() => Phases.Dispose();
}

/// <summary>
/// The outcome of <c>bench pack|flk|invoice --size N</c>: the bench, N, how long seeding the working database and
/// writing the input file took (not measured work), the timed runs and the counts of the last run.
/// </summary>
public sealed record RegistryBenchResult(
    string Bench, int Size, double SeedSeconds, double FileSeconds, IReadOnlyList<BenchRun> Runs, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>A Markdown table of the runs, as docs/benchmarks.md shows them, then the counts.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var file = FileSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $", input file written in {FileSeconds:0.0} s") : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"bench {Bench}, N = {Size}: seeded in {SeedSeconds:0.0} s{file}");
        text.AppendLine("| run | wall s | hub CPU s | of it JIT s | database CPU s | start MB | peak MB | phases s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in Runs)
        {
            var phases = string.Join(", ", run.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Seconds:0.00}")));
            var database = run.Cpu.DatabaseSeconds is { } db ? db.ToString("0.00", CultureInfo.InvariantCulture) : "—";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Name} | {run.Seconds:0.00} | {run.Cpu.HubSeconds:0.00} | {run.Cpu.JitSeconds:0.00} | {database} | {run.StartMegabytes} | {run.PeakMegabytes} | {phases} |");
        }

        text.Append(string.Join(", ", Counts.Select(c => $"{c.Key} {c.Value}")));
        return text.ToString();
    }
}
