using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Omslite.Hub.Tests.Infrastructure;

/// <summary>The real hub executable in a child process, as an admin runs it.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HubProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string HubDll
    {
        get
        {
            var configuration = typeof(HubProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Omslite.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"),
                "hub", "Omslite.Hub", "bin", configuration, "net10.0", "Omslite.Hub.dll");
        }
    }

    /// <summary>Runs a CLI verb to completion.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunVerbAsync(
        IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunVerbWithInputAsync(environment, "", args);

    /// <summary>Runs a CLI verb to completion with <paramref name="stdin"/> as its standard input.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunVerbWithInputAsync(
        IReadOnlyDictionary<string, string?> environment, string stdin, params string[] args) =>
        RunToEndAsync(StartInfo(environment, args), stdin, TimeSpan.FromMinutes(2));

    /// <summary>Runs any command line (e.g. <c>dotnet Omslite.Hub.dll publish</c>) to completion in <paramref name="workingDirectory"/>.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunCommandAsync(
        IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        RunToEndAsync(CommandStartInfo(environment, command, workingDirectory), "", timeout);

    /// <summary>Starts <c>serve</c> (or another hosting verb) on a free port and waits until /health answers.</summary>
    public static Task<HubProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, string verb = "serve")
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        return StartCommandAsync(baseUrl, ["dotnet", HubDll, verb, "--urls", baseUrl], null, environment);
    }

    /// <summary>
    /// Starts a hub from a whole command line — a published folder's, a systemd unit's ExecStart, a Docker image's
    /// ENTRYPOINT + CMD — that listens on <paramref name="baseUrl"/>, and waits until /health answers.
    /// </summary>
    public static async Task<HubProcess> StartCommandAsync(
        string baseUrl, IReadOnlyList<string> command, string? workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var process = Process.Start(CommandStartInfo(environment, command, workingDirectory))!;
        var hub = new HubProcess(process, baseUrl);
        await hub.WaitUntilHealthyAsync();
        return hub;
    }

    public async Task<JsonElement> GetHealthAsync()
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync($"{BaseUrl}/health");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>SIGTERM, as a service manager stops it, then waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the hub exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync($"{BaseUrl}/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the hub did not become healthy:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(ProcessStartInfo psi, string stdin, TimeSpan timeout)
    {
        psi.RedirectStandardInput = true;
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args) =>
        CommandStartInfo(environment, ["dotnet", HubDll, .. args], null);

    private static ProcessStartInfo CommandStartInfo(IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> command, string? workingDirectory)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in command.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        // Only what the test says: nothing of the developer's own environment may leak into the hub.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("Omslite__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        return psi;
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range: a port the kernel handed out (bind to 0) is free again once the
    /// probe closes, and the next process to ask — another test's PostgreSQL, the hub's own embedded one, an outgoing
    /// connection — may be given it before the hub under test binds it.
    /// </summary>
    public static int FreePort()
    {
        var ephemeralStart = EphemeralRangeStart();
        while (true)
        {
            var port = Random.Shared.Next(ephemeralStart - 12_000, ephemeralStart);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }

    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split('\t', ' ')[0], out var start) && start > 13_000
            ? start
            : 32_768;
    }
}
