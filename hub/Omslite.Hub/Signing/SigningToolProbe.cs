namespace Omslite.Hub.Signing;

/// <summary>Whether the signing tool works: OpenSSL's version line, and the reason when it does not.</summary>
public sealed record SigningToolState(bool Ready, string? Version, string Engine, string? Error);

/// <summary>
/// The readiness check of the signing tool for <c>/health</c> (access-and-deployment.md §6): openssl starts, and its
/// GOST engine loads and initialises (<c>openssl engine -t gost</c>). The answer is kept for a minute, so a health
/// check polled every few seconds does not start processes each time.
/// </summary>
public sealed class SigningToolProbe(OpenSslTool tool, TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, SigningToolState State)? _last;

    public async Task<SigningToolState> CheckAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.At < KeepFor)
            {
                return last.State;
            }

            var state = await ProbeAsync(ct);
            _last = (now, state);
            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SigningToolState> ProbeAsync(CancellationToken ct)
    {
        var directory = Path.GetTempPath();
        try
        {
            var version = await tool.RunAsync(directory, ["version"], ct);
            if (!version.Succeeded)
            {
                return new SigningToolState(false, null, tool.Engine, OpenSslMessage.Describe(version, tool.Engine));
            }

            var name = version.Output.Trim();
            var engine = await tool.RunAsync(directory, ["engine", "-t", tool.Engine], ct);
            if (!engine.Succeeded)
            {
                return new SigningToolState(false, name, tool.Engine, OpenSslMessage.Describe(engine, tool.Engine));
            }

            return engine.Output.Contains("[ available ]", StringComparison.Ordinal)
                ? new SigningToolState(true, name, tool.Engine, null)
                : new SigningToolState(false, name, tool.Engine,
                    $"движок ГОСТ «{tool.Engine}» загружается, но не готов к работе (OpenSSL: {OpenSslMessage.Detail(engine.Output)})");
        }
        catch (SigningToolException ex)
        {
            return new SigningToolState(false, null, tool.Engine, ex.Message);
        }
    }
}
