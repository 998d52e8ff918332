using System.Runtime.InteropServices;

namespace Omslite.MisConnectors.SqlFirebird;

/// <summary>
/// Keeps the embedded engine's descriptor of a database file out of the processes the hub starts. Firebird 3 opens the
/// file without O_CLOEXEC and, in its default <c>ServerMode = Super</c>, holds an exclusive <c>flock</c> on it. A process
/// started while the file is open (OpenSSL signing a pack, PostgreSQL's tools, a test's browser driver) inherits the
/// descriptor and with it the lock, which then outlives the engine's own close: the next attachment opens the file
/// anew and is refused with "Database already opened with engine instance, incompatible with current" for as long as
/// that child runs. Marking the descriptor close-on-exec right after the attachment leaves children nothing to inherit.
/// Linux only (the only POSIX target; Windows handles are not inherited unless asked for).
/// </summary>
internal static class EngineDescriptors
{
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    /// <summary>Marks this process's descriptors of <paramref name="databaseFile"/> close-on-exec.</summary>
    public static void KeepFromChildProcesses(string databaseFile)
    {
        if (Canonical(databaseFile) is not { } file)
        {
            return;
        }

        foreach (var descriptor in Of("/proc/self", file))
        {
            var flags = Fcntl(descriptor, GetDescriptorFlags, 0);
            if (flags >= 0 && (flags & CloseOnExec) == 0)
            {
                Fcntl(descriptor, SetDescriptorFlags, flags | CloseOnExec);
            }
        }
    }

    /// <summary>
    /// Whether an attachment now may hand the file to a child: this process has no descriptor of it (the engine will open
    /// it anew) or one that is not close-on-exec (opened past the connector).
    /// </summary>
    public static bool Exposed(string canonicalFile)
    {
        var any = false;
        foreach (var descriptor in Of("/proc/self", canonicalFile))
        {
            any = true;
            if ((Fcntl(descriptor, GetDescriptorFlags, 0) & CloseOnExec) == 0)
            {
                return true;
            }
        }

        return !any;
    }

    /// <summary>The descriptors a process (<c>/proc/&lt;pid&gt;</c>) holds on a file given by its canonical path.</summary>
    public static IEnumerable<int> Of(string process, string canonicalFile)
    {
        foreach (var entry in Entries(Path.Combine(process, "fd")))
        {
            string? target;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // closed meanwhile
            }

            if (target == canonicalFile && int.TryParse(Path.GetFileName(entry), out var descriptor))
            {
                yield return descriptor;
            }
        }
    }

    private static List<string> Entries(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // another user's process, or one that has just exited
        }
    }

    /// <summary>The path the kernel shows for an open file (symbolic links resolved), or null when it does not exist or
    /// this is not Linux.</summary>
    public static string? Canonical(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var resolved = RealPath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command, int argument);

    [DllImport("libc", EntryPoint = "realpath")]
    private static extern nint RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(nint pointer);
}
