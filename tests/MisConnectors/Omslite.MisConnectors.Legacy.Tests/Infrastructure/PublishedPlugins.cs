using System.Diagnostics;
using System.Reflection;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.MisConnectors.Legacy.Tests.Infrastructure;

/// <summary>The legacy connector published once per test run into a plugins folder, as `./omslite` publishes it.</summary>
public static class PublishedPlugins
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>A plugins directory holding the published connector.</summary>
    public static Task<string> DirectoryAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var pluginsDir = TempDir.Create("plugins");
        var project = Path.Combine(LegacyTestDatabase.RepositoryRoot(), "plugins", "mis-connectors", "Legacy", "Omslite.MisConnectors.Legacy.csproj");
        var configuration = typeof(PublishedPlugins).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", configuration, "-o", Path.Combine(pluginsDir, "Legacy"), "--nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{await output}\n{await errors}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => TempDir.TryDelete(pluginsDir);
        return pluginsDir;
    }
}
