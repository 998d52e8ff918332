using System.Text.RegularExpressions;

namespace Omslite.Hub.WorkingDatabase.Embedded;

/// <summary>Where the machine's PostgreSQL server programs are.</summary>
internal sealed partial record PostgresBinaries(string BinDir, int MajorVersion)
{
    public const int MinimumMajorVersion = 13;

    public string InitDb => Path.Combine(BinDir, "initdb");

    public string PgCtl => Path.Combine(BinDir, "pg_ctl");

    /// <summary>Looks on PATH first, then under /usr/lib/postgresql/*/bin (Debian's layout), newest first.</summary>
    public static Task<PostgresBinaries> LocateAsync(CancellationToken ct) =>
        LocateAsync(PathDirs().Concat(DebianBinDirs()), ct);

    internal static async Task<PostgresBinaries> LocateAsync(IEnumerable<string> candidates, CancellationToken ct)
    {
        var tooOld = new List<string>();
        foreach (var dir in candidates)
        {
            if (!File.Exists(Path.Combine(dir, "initdb")) || !File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                continue;
            }

            var version = await ReadMajorVersionAsync(Path.Combine(dir, "initdb"), ct);
            if (version >= MinimumMajorVersion)
            {
                return new PostgresBinaries(dir, version);
            }

            tooOld.Add($"{dir} ({version})");
        }

        var found = tooOld.Count > 0 ? $" Found only older versions: {string.Join(", ", tooOld)}." : "";
        throw new EmbeddedPostgresException(
            $"PostgreSQL {MinimumMajorVersion}+ server programs (initdb, pg_ctl) were not found on PATH or under " +
            $"/usr/lib/postgresql/*/bin.{found} Install them with: apt-get install -y postgresql " +
            "(or set ConnectionStrings__Working to use an existing PostgreSQL server).");
    }

    /// <summary>
    /// A client program (<c>pg_dump</c>, <c>pg_restore</c>): the newest found on PATH, under /usr/lib/postgresql/*/bin
    /// or, on Windows, under Program Files\PostgreSQL\*\bin — a newer pg_dump reads an older server, not the reverse.
    /// </summary>
    public static async Task<string> LocateClientAsync(string tool, CancellationToken ct)
    {
        var file = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        var windowsRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "PostgreSQL");
        var windowsDirs = OperatingSystem.IsWindows() && Directory.Exists(windowsRoot)
            ? Directory.GetDirectories(windowsRoot).Select(d => Path.Combine(d, "bin"))
            : [];
        string? best = null;
        var bestVersion = -1;
        foreach (var dir in PathDirs().Concat(DebianBinDirs()).Concat(windowsDirs).Distinct())
        {
            var candidate = Path.Combine(dir, file);
            if (!File.Exists(candidate))
            {
                continue;
            }

            var version = await ReadMajorVersionAsync(candidate, ct);
            if (version > bestVersion)
            {
                (best, bestVersion) = (candidate, version);
            }
        }

        return best ?? throw new EmbeddedPostgresException(
            $"{tool} was not found on PATH or under /usr/lib/postgresql/*/bin. Install the PostgreSQL client programs " +
            "(Debian: apt-get install -y postgresql-client; Windows: the PostgreSQL installer's command line tools).");
    }

    private static IEnumerable<string> PathDirs() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> DebianBinDirs()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .OrderByDescending(x => x.version)
            .Select(x => x.dir);
    }

    private static async Task<int> ReadMajorVersionAsync(string program, CancellationToken ct)
    {
        var result = await new ProcessRunner(null).RunAsync(program, ["--version"], TimeSpan.FromSeconds(20), ct);
        var match = VersionPattern().Match(result.Output);
        return match.Success ? int.Parse(match.Groups[1].Value) : 0;
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
