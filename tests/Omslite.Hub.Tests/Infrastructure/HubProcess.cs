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
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunVerbWithInputAsync(
        IReadOnlyDictionary<string, string?> environment, string stdin, params string[] args)
    {
        var psi = StartInfo(environment, args);
        psi.RedirectStandardInput = true;
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>serve</c> (or another hosting verb) on a free port and waits until /health answers.</summary>
    public static async Task<HubProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, string verb = "serve")
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var process = Process.Start(StartInfo(environment, [verb, "--urls", baseUrl]))!;
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

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(HubDll);
        foreach (var arg in args)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
