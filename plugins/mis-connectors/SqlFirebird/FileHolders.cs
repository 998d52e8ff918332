namespace Omslite.MisConnectors.SqlFirebird;

/// <summary>One process that has a file open.</summary>
internal sealed record FileHolder(int Pid, string Name)
{
    public override string ToString() => $"{Name}, PID {Pid}";
}

/// <summary>
/// The processes other than this one that hold a database file open (Linux <c>/proc</c>; processes of other users are
/// visible to root only): for the message of an attachment the file lock refuses — the admin learns whether it is a
/// Firebird server, the clinic's MIS or a stray child process — and for <see cref="InheritedDescriptorGuard"/>.
/// </summary>
internal static class FileHolders
{
    public static IReadOnlyList<FileHolder> Others(string databaseFile)
    {
        if (EngineDescriptors.Canonical(databaseFile) is not { } file)
        {
            return [];
        }

        var holders = new List<FileHolder>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(process), out var pid) && pid != Environment.ProcessId
                && EngineDescriptors.Of(process, file).Any())
            {
                holders.Add(new FileHolder(pid, NameOf(process)));
            }
        }

        return holders;
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
