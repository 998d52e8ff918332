using System.Diagnostics;

namespace Omslite.Hub.Tests.Signing;

/// <summary>
/// Real GOST R 34.10-2012 (256-bit, parameter set A) keys made by OpenSSL with the GOST engine: a test CA (ca.key,
/// ca.pem) and a signer (key.pem, crt.pem) whose certificate the CA issued — the shape of an MO's pem/ folder.
/// The engine is a runtime package (libengine-gost-openssl) that <c>./omslite test</c> installs; without it the
/// tests fail with that instruction instead of skipping. Self-contained: the UI tests compile this file too.
/// </summary>
public sealed class GostTestKeys : IDisposable
{
    private GostTestKeys(string dir) => Dir = dir;

    public string Dir { get; }

    public string Certificate => Path.Combine(Dir, "crt.pem");

    public string Key => Path.Combine(Dir, "key.pem");

    public string Ca => Path.Combine(Dir, "ca.pem");

    /// <summary>A second key pair of the same kind, for "the key does not match the certificate".</summary>
    public string OtherKey => Path.Combine(Dir, "other.key");

    public static async Task<GostTestKeys> CreateAsync()
    {
        await RequireEngineAsync();
        var keys = new GostTestKeys(Directory.CreateDirectory(
            Path.Combine(Path.GetTempPath(), "omslite-tests", "gost-" + Guid.NewGuid().ToString("N")[..12])).FullName);
        await keys.OpenSslAsync("genpkey", "-engine", "gost", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", "ca.key");
        await keys.OpenSslAsync("req", "-engine", "gost", "-x509", "-new", "-key", "ca.key", "-out", "ca.pem", "-days", "3650",
            "-subj", "/CN=Тестовый УЦ/O=Минцифры (тест)", "-utf8", "-md_gost12_256");
        await keys.OpenSslAsync("genpkey", "-engine", "gost", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", "key.pem");
        await keys.OpenSslAsync("req", "-engine", "gost", "-new", "-key", "key.pem", "-out", "crt.csr",
            "-subj", "/CN=ООО «Центр КТ»/O=Центр КТ", "-utf8", "-md_gost12_256");
        await keys.OpenSslAsync("x509", "-engine", "gost", "-req", "-in", "crt.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "crt.pem", "-days", "365", "-md_gost12_256");
        await keys.OpenSslAsync("genpkey", "-engine", "gost", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", "other.key");
        return keys;
    }

    /// <summary>Runs openssl in the key folder; a failure fails the test with OpenSSL's message.</summary>
    public async Task<string> OpenSslAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(Dir, args);
        Assert.True(exit == 0, $"openssl {string.Join(' ', args)} failed ({exit}): {stderr}");
        return stdout + stderr;
    }

    /// <summary>
    /// Verifies a detached signature of a file as TFOMS's side would with OpenSSL:
    /// <c>openssl cms -verify -engine gost -binary -inform DER -in SIG -content FILE -CAfile ca.pem</c>.
    /// </summary>
    public async Task<(int Exit, string Output)> VerifyAsync(string content, string signature)
    {
        var (exit, stdout, stderr) = await RunAsync(Dir,
            ["cms", "-verify", "-engine", "gost", "-binary", "-inform", "DER", "-in", signature, "-content", content, "-CAfile", Ca,
             "-out", Path.Combine(Path.GetDirectoryName(signature)!, Path.GetFileName(signature) + ".out")]);
        return (exit, stdout + stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp dir is not a test failure.
        }
    }

    private static async Task RequireEngineAsync()
    {
        (int Exit, string Stdout, string Stderr) probe;
        try
        {
            probe = await RunAsync(Path.GetTempPath(), ["engine", "-t", "gost"]);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"openssl is not installed ({ex.Message}): apt-get install openssl libengine-gost-openssl (./omslite test installs them)");
            throw;
        }

        Assert.True(probe.Exit == 0 && probe.Stdout.Contains("[ available ]"),
            "OpenSSL's GOST engine is missing: apt-get install libengine-gost-openssl (./omslite test installs it). openssl said: " + probe.Stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string dir, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
