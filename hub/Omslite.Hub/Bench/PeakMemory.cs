using System.Diagnostics;

namespace Omslite.Hub.Bench;

/// <summary>
/// The process's peak resident memory over one part of a benchmark. On Linux the kernel's high-water mark is reset
/// first (<c>/proc/self/clear_refs</c>), so building a sample MIS (or the connector measured before) does not count
/// against the sync; elsewhere the peak is the process's whole life.
/// </summary>
public static class PeakMemory
{
    /// <summary>Collects garbage and starts a new peak; false when the platform cannot (the old peak stays).</summary>
    public static bool Restart()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The peak resident memory since the last restart, in bytes.</summary>
    public static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
