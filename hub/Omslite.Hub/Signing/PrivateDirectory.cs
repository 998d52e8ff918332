using System.Text;

namespace Omslite.Hub.Signing;

/// <summary>
/// A scratch directory only the hub's user can enter (0700 on Unix; its files 0600), for the key material openssl
/// reads and the files it signs; deleted with everything in it when disposed.
/// </summary>
public sealed class PrivateDirectory : IDisposable
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly UTF8Encoding Utf8 = new(false);

    private PrivateDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new directory under <paramref name="parent"/> (created when missing).</summary>
    public static PrivateDirectory Create(string parent)
    {
        Directory.CreateDirectory(parent);
        var path = System.IO.Path.Combine(parent, "sign-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            // Windows: the data directory's ACL (the service account only, docs/deploy-windows.md) is inherited.
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }

        return new PrivateDirectory(path);
    }

    /// <summary>Creates a file of the directory for writing.</summary>
    public FileStream CreateFile(string name)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(System.IO.Path.Combine(Path, name), options);
    }

    /// <summary>Writes a text file (PEM) of the directory, UTF-8 without a byte-order mark.</summary>
    public async Task WriteTextAsync(string name, string text, CancellationToken ct)
    {
        await using var file = CreateFile(name);
        await file.WriteAsync(Utf8.GetBytes(text), ct);
    }

    public FileStream OpenRead(string name) =>
        new(System.IO.Path.Combine(Path, name), System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Best effort: on Windows a killed openssl may still hold a file for a moment.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
