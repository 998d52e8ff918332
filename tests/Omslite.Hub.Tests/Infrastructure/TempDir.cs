namespace Omslite.Hub.Tests.Infrastructure;

public static class TempDir
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "omslite-tests");

    public static string Create(string prefix)
    {
        var dir = Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp dir is not a test failure.
        }
    }

    /// <summary>
    /// Removes what earlier runs left behind. The test host may be stopped before its exit handlers finish, which
    /// leaves the shared server's cluster (gigabytes after a run) and other dirs; runs add up until the disk is full.
    /// A stopped server's cluster (no postmaster.pid) older than half an hour and anything older than three hours is
    /// no longer any run's: a run of an assembly takes minutes, and a running server keeps its postmaster.pid.
    /// </summary>
    public static void SweepLeftovers()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var age = DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir);
            var stoppedServer = Path.GetFileName(dir).StartsWith("pg-", StringComparison.Ordinal)
                && !File.Exists(Path.Combine(dir, "pg", "postmaster.pid"));
            if (age > TimeSpan.FromHours(3) || (stoppedServer && age > TimeSpan.FromMinutes(30)))
            {
                TryDelete(dir);
            }
        }
    }
}
