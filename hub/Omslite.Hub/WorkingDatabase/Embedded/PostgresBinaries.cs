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
        LocateAsync(
            (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(DebianBinDirs()),
            ct);

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

    private static async Task<int> ReadMajorVersionAsync(string initdb, CancellationToken ct)
    {
        var result = await new ProcessRunner(null).RunAsync(initdb, ["--version"], TimeSpan.FromSeconds(20), ct);
        var match = VersionPattern().Match(result.Output);
        return match.Success ? int.Parse(match.Groups[1].Value) : 0;
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
