using System.ComponentModel;
using System.Diagnostics;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Signing;

/// <summary>What one openssl run printed and how it ended.</summary>
public sealed record OpenSslRun(int ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>The signing tool could not be run at all (missing, hung); the message is Russian, for the user.</summary>
public sealed class SigningToolException(string message) : Exception(message);

/// <summary>
/// Runs the configured openssl (<c>Omslite:Signing:OpenSsl</c>) as a process with an argument list — never through a
/// shell — in a given working directory, with no input (a prompt for a key's password fails instead of waiting),
/// stdout and stderr captured, and a time limit after which the process is killed.
/// </summary>
public sealed class OpenSslTool(SigningOptions options)
{
    /// <summary>The GOST engine's id or library path, for <c>-engine</c>.</summary>
    public string Engine => options.Engine;

    /// <summary>The executable as configured, for messages.</summary>
    public string Executable => options.OpenSsl;

    public async Task<OpenSslRun> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.OpenSsl)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SigningToolException($"не удалось запустить OpenSSL «{options.OpenSsl}»");
        }
        catch (Win32Exception ex)
        {
            throw new SigningToolException(
                $"не удалось запустить OpenSSL «{options.OpenSsl}»: {ex.Message} (установите OpenSSL 3 с движком ГОСТ или укажите путь в настройке Omslite:Signing:OpenSsl)");
        }

        using (process)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It has already exited: the pipe is gone, which is all closing it is for.
            }

            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended in the meantime.
                }

                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                throw new SigningToolException(
                    $"OpenSSL не завершил работу за {options.TimeoutSeconds} с и остановлен (настройка Omslite:Signing:TimeoutSeconds)");
            }

            return new OpenSslRun(process.ExitCode, await output, await errors);
        }
    }
}
