using System.Diagnostics;

namespace Omslite.Hub.WorkingDatabase.Embedded;

/// <summary>The outcome of a finished child process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs the PostgreSQL tools, optionally as another OS user (the server refuses to run as root).</summary>
internal sealed class ProcessRunner(string? runAsUser)
{
    public string? RunAsUser { get; } = runAsUser;

    public async Task<ProcessResult> RunAsync(
        string file, IEnumerable<string> args, TimeSpan timeout, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The server user may not be allowed into the caller's current directory.
            WorkingDirectory = "/",
        };
        if (RunAsUser is null)
        {
            psi.FileName = file;
        }
        else
        {
            psi.FileName = "runuser";
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add(RunAsUser);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(file);
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // Messages are parsed only for logs, but keep them in English and stable.
        psi.Environment["LC_MESSAGES"] = "C";
        // Under systemd (Type=notify) only the hub itself may report readiness, not the PostgreSQL it starts.
        psi.Environment.Remove("NOTIFY_SOCKET");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return new ProcessResult(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
