using System.Diagnostics;

namespace Omslite.Hub.Bench;

/// <summary>
/// The process's peak working set. On Linux the peak can be reset (<c>/proc/self/clear_refs</c>), so that a bench
/// reports the peak of the measured operation, not of its seeding; elsewhere it is the peak since the start.
/// </summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        // Aggressive: the GC also gives its free memory back to the system, so the seeding's leftovers do not count.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // not Linux, or not allowed: the peak since the start is reported
        }
    }

    /// <summary>The working set now, in MB.</summary>
    public static long CurrentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024 * 1024);
    }

    public static long Megabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }
}
