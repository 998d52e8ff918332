using System.CommandLine;
using System.Runtime.InteropServices;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.Cli;

/// <summary>What <c>publish</c> put into the folder.</summary>
internal sealed record PublishResult(string Out, string Runtime, bool SelfContained, IReadOnlyList<string> Plugins, bool WebUi, string Command);

/// <summary>
/// <c>publish --out DIR [--runtime linux-x64|win-x64] [--self-contained]</c>: one folder an admin copies to a server —
/// the hub (<c>dotnet publish</c>), every plugin published into <c>plugins/&lt;name&gt;</c> (as <c>./omslite</c> does),
/// the built web UI in <c>wwwroot</c>, and <c>appsettings.json</c> pointing at both relative to the hub's folder.
/// It builds from the source repository, so it needs the .NET SDK and the repository (run it as
/// <c>./omslite publish</c>, which also builds the web UI first).
/// </summary>
internal static class PublishCommand
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);
    private static readonly string[] Runtimes = ["linux-x64", "win-x64"];

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The folder to create (must be new or empty)", Required = true };
        var runtime = new Option<string?>("--runtime") { Description = "Target runtime: linux-x64 or win-x64 (default: portable, any OS with .NET 10)" };
        runtime.AcceptOnlyFromAmong(Runtimes);
        var selfContained = new Option<bool>("--self-contained") { Description = "Include the .NET runtime (no .NET needed on the server)" };
        var json = HubCommands.JsonOption();
        var command = new Command("publish", "Publish the hub, its plugins and the web UI into one folder (needs the .NET SDK and the source repository)")
        {
            output, runtime, selfContained, json,
        };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            token => PublishAsync(parse.GetValue(output)!, parse.GetValue(runtime), parse.GetValue(selfContained), token),
            result => $"Published to {result.Out}: the hub, {result.Plugins.Count} plugin(s) ({string.Join(", ", result.Plugins)})" +
                (result.WebUi ? ", the web UI" : "") + $". Start it there with: {result.Command}",
            ct));
        return command;
    }

    private static async Task<PublishResult> PublishAsync(string output, string? runtime, bool selfContained, CancellationToken ct)
    {
        var repo = FindRepository();
        var target = Path.GetFullPath(output);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"папка {target} не пуста / {target} is not empty: publish into a new folder");
        }

        if (selfContained)
        {
            runtime ??= RuntimeInformation.RuntimeIdentifier;
        }

        var hubArgs = new List<string> { "publish", Path.Combine(repo, "hub", "Omslite.Hub", "Omslite.Hub.csproj"), "-c", "Release", "-o", target };
        if (runtime is not null)
        {
            hubArgs.AddRange(["-r", runtime, "--self-contained", selfContained ? "true" : "false"]);
        }

        Progress("publishing the hub");
        await DotnetAsync(hubArgs, ct);

        // Plugins stay portable (no runtime): the hub loads them in any process, self-contained or not.
        var plugins = new List<string>();
        // plugins/<kind>/<name>/*.csproj with a plugin.json beside it, as ./omslite publishes them; shared libraries
        // (no plugin.json) travel inside the plugins that use them.
        foreach (var project in Directory.GetDirectories(Path.Combine(repo, "plugins"))
                     .SelectMany(Directory.GetDirectories)
                     .Where(d => File.Exists(Path.Combine(d, "plugin.json")))
                     .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
                     .Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(project)!);
            Progress($"publishing plugin {name}");
            await DotnetAsync(["publish", project, "-c", "Release", "-o", Path.Combine(target, "plugins", name)], ct);
            plugins.Add(name);
        }

        var webUi = await CopyWebUiAsync(repo, Path.Combine(target, "wwwroot"), ct);
        var command = runtime is null || !selfContained
            ? "dotnet Omslite.Hub.dll serve"
            : runtime.StartsWith("win", StringComparison.Ordinal) ? "Omslite.Hub.exe serve" : "./Omslite.Hub serve";
        return new PublishResult(target, runtime ?? "portable", selfContained, plugins, webUi, command);
    }

    /// <summary>The built <c>spa/dist</c>, built first when it is missing.</summary>
    private static async Task<bool> CopyWebUiAsync(string repo, string wwwroot, CancellationToken ct)
    {
        var spa = Path.Combine(repo, "spa");
        if (!File.Exists(Path.Combine(spa, "package.json")))
        {
            return false;
        }

        var dist = Path.Combine(spa, "dist");
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            Progress("building the web UI (npm ci, npm run build)");
            const string how = "build it with: cd spa && npm ci && npm run build (or run ./omslite publish, which does)";
            if (!Directory.Exists(Path.Combine(spa, "node_modules")))
            {
                await RunAsync("npm", ["--prefix", spa, "ci", "--no-audit", "--no-fund"], $"the web UI is not built and npm ci failed: {how}", ct);
            }

            await RunAsync("npm", ["--prefix", spa, "run", "build"], $"the web UI build failed: {how}", ct);
        }

        foreach (var file in Directory.GetFiles(dist, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(wwwroot, Path.GetRelativePath(dist, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return true;
    }

    private static Task DotnetAsync(IReadOnlyList<string> args, CancellationToken ct) =>
        RunAsync("dotnet", [.. args, "--nologo", "-v", "q"], $"dotnet {args[0]} {Path.GetFileName(args[1])} failed", ct);

    private static async Task RunAsync(string program, IReadOnlyList<string> args, string failure, CancellationToken ct)
    {
        ProcessResult result;
        try
        {
            result = await new ProcessRunner(null).RunAsync(program, args, BuildTimeout, ct, new Dictionary<string, string>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            });
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} was not found ({ex.Message}): publish needs the .NET SDK and, for the web UI, Node.js with npm");
        }

        if (!result.Succeeded)
        {
            var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            throw new InvalidOperationException($"{failure} (exit {result.ExitCode}): {string.Join(" | ", lines.TakeLast(3))}");
        }
    }

    /// <summary>The source repository: above the current directory, or above the hub (a build under hub/Omslite.Hub/bin).</summary>
    private static string FindRepository()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Omslite.sln")) && File.Exists(Path.Combine(dir.FullName, "hub", "Omslite.Hub", "Omslite.Hub.csproj")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "publish builds from the Omslite source repository (Omslite.sln) with the .NET SDK: run it there, as ./omslite publish --out DIR");
    }

    private static void Progress(string message) => Console.Error.WriteLine($"omslite publish: {message}");
}
