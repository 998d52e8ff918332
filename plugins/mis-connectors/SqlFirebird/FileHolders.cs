namespace Omslite.MisConnectors.SqlFirebird;

/// <summary>
/// Which processes hold a database file open, for the message of an embedded attachment the file lock refuses: the
/// admin learns whether it is a Firebird server, the clinic's MIS or a stray child process, not just "another
/// process". Linux only; processes of other users are visible to root only.
/// </summary>
internal static class FileHolders
{
    /// <summary>"firebird, PID 812; node, PID 4242", or null when nobody (visible) holds the file.</summary>
    public static string? Describe(string databaseFile)
    {
        if (!OperatingSystem.IsLinux() || EngineDescriptors.Canonical(databaseFile) is not { } file)
        {
            return null;
        }

        var holders = new List<string>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(process), out var pid) && EngineDescriptors.Of(process, file).Any())
            {
                holders.Add($"{NameOf(process)}, PID {pid}");
            }
        }

        return holders.Count == 0 ? null : string.Join("; ", holders);
    }

    private static string NameOf(string process)
    {
        try
        {
            return File.ReadAllText(Path.Combine(process, "comm")).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "?"; // exited meanwhile
        }
    }
}
