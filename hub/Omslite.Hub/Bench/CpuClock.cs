using System.Diagnostics;
using System.Globalization;

namespace Omslite.Hub.Bench;

/// <summary>CPU seconds spent by the hub process and by the database server while a run lasted, and of the hub's the
/// time its threads spent compiling code (a fresh process compiles its hot loops while it runs them).</summary>
public sealed record CpuTime(double HubSeconds, double? DatabaseSeconds, double JitSeconds = 0);

/// <summary>
/// CPU time, which a busy machine distorts far less than wall time: the hub process's own, and — for the embedded
/// PostgreSQL, whose postmaster this process knows — the server's processes' (from <c>/proc</c>; Linux only,
/// <c>USER_HZ</c> = 100).
/// </summary>
internal sealed class CpuClock(string dataDir)
{
    private const double TicksPerSecond = 100;

    private TimeSpan _hub;
    private TimeSpan _jit;
    private Dictionary<int, long> _database = [];

    public void Start()
    {
        _hub = HubTime();
        _jit = System.Runtime.JitInfo.GetCompilationTime();
        _database = DatabaseTicks();
    }

    public CpuTime Stop()
    {
        var hub = (HubTime() - _hub).TotalSeconds;
        var now = DatabaseTicks();
        double? database = now.Count == 0 ? null : now.Sum(p => p.Value - _database.GetValueOrDefault(p.Key)) / TicksPerSecond;
        return new CpuTime(hub, database, (System.Runtime.JitInfo.GetCompilationTime() - _jit).TotalSeconds);
    }

    private static TimeSpan HubTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>utime + stime of the embedded server's postmaster and its children, by pid; empty when unknown.</summary>
    private Dictionary<int, long> DatabaseTicks()
    {
        var ticks = new Dictionary<int, long>();
        try
        {
            var pidFile = Path.Combine(dataDir, "pg", "postmaster.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
            {
                return ticks;
            }

            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat
                    && (pid == postmaster || stat.Parent == postmaster))
                {
                    ticks[pid] = stat.Ticks;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // not Linux, or a process went away while we looked: what was read counts
        }

        return ticks;
    }

    private static (int Parent, long Ticks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // After "pid (comm) ": state, ppid, ... utime is the 14th field, stime the 15th.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
