using System.Diagnostics;

namespace Omslite.Hub.Tests.Infrastructure;

/// <summary>
/// A long-running child of the test process, started at a moment the test chooses: what OpenSSL, PostgreSQL's tools
/// or a test's browser driver are to a hub that starts them while it holds files open. Killed on dispose.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="file"/> (found on PATH) with its arguments, e.g. <c>sleep 600</c>.</summary>
    public static ChildProcess Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start"));
    }

    /// <summary>The files the child has open (the targets of <c>/proc/&lt;pid&gt;/fd</c>).</summary>
    public IReadOnlyList<string> OpenFiles() =>
        Directory.GetFileSystemEntries($"/proc/{Id}/fd").Select(fd => new FileInfo(fd).LinkTarget ?? "").ToList();

    /// <summary>Waits until the child runs <paramref name="name"/> (after a wrapper such as <c>flock</c> has exec'ed it).</summary>
    public async Task WaitUntilRunningAsync(string name)
    {
        for (var attempt = 0; (await File.ReadAllTextAsync($"/proc/{Id}/comm")).Trim() != name; attempt++)
        {
            Assert.True(attempt < 300 && !_process.HasExited, $"the child never became {name}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
