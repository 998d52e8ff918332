namespace Omslite.Hub.WorkingDatabase.Embedded;

/// <summary>Advisory whole-file locks between processes that share a data directory.</summary>
/// <remarks>
/// On Unix .NET takes flock(LOCK_EX) for <see cref="FileShare.None"/> and flock(LOCK_SH) for a read-only open with
/// sharing. The kernel drops such a lock when its process dies, even by kill -9, so a crashed hub never leaves a
/// stale lock behind.
/// </remarks>
internal static class FileLock
{
    public static FileStream OpenShared(string path)
    {
        EnsureExists(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    }

    public static FileStream? TryOpenExclusive(string path)
    {
        EnsureExists(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static async Task<FileStream> AcquireExclusiveAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryOpenExclusive(path) is { } stream)
            {
                return stream;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new EmbeddedPostgresException(
                    $"another Omslite process has held {path} for more than {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, ct);
        }
    }

    private static void EnsureExists(string path)
    {
        if (!File.Exists(path))
        {
            using var _ = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        }
    }
}
