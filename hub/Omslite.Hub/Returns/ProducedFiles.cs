using Dapper;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>A file written to scratch and not recorded yet.</summary>
/// <param name="Name">The name to store it under.</param>
/// <param name="Rows">The data rows the writer reported.</param>
public sealed record WrittenFile(string TempPath, string Name, int Rows)
{
    /// <summary>Removes the scratch file (nothing happens once it has been recorded and moved).</summary>
    public void Discard() => File.Delete(TempPath);
}

/// <summary>A file the hub produced for an MO.</summary>
/// <param name="Rows">The data rows the writer reported.</param>
public sealed record ProducedFile(long Id, string Name, string Path, int Rows);

/// <summary>
/// The files the hub produces for an MO (registers, CSV exports): written to a private temp file first, then moved
/// to <c>&lt;data dir&gt;/files/&lt;MO code&gt;/&lt;name&gt;</c> and recorded in <c>produced_file</c> in the caller's
/// transaction. Downloads find a file by the MO of the token and its name only.
/// </summary>
public sealed class ProducedFiles(OmsliteOptions options, NpgsqlDataSource database)
{
    /// <summary>A scratch file under <c>&lt;data dir&gt;/tmp</c> with a random name.</summary>
    public string TempPath()
    {
        var dir = Path.Combine(options.DataDir, "tmp");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, Guid.NewGuid().ToString("N"));
    }

    /// <summary>The per-MO template folder a clinic may fill with its own register templates.</summary>
    public string TemplateDirectory(string moCode) => Path.Combine(options.DataDir, "templates", moCode);

    /// <summary>
    /// Writes a file through <paramref name="write"/> (which returns the name to store it under and its rows) and records it; the
    /// row commits with <paramref name="tx"/>. On failure nothing is left behind.
    /// </summary>
    public async Task<ProducedFile> SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, string moCode, string kind, string actor,
        Func<Stream, RegisterFile> write, CancellationToken ct) =>
        await RecordAsync(conn, tx, moId, moCode, kind, actor, await WriteAsync(write), ct);

    /// <summary>
    /// Writes a file through <paramref name="write"/> into a scratch file, not yet recorded: what a caller that has
    /// database work to do meanwhile starts first (<see cref="RecordAsync"/> then records it, or
    /// <see cref="WrittenFile.Discard"/> drops it). On failure nothing is left behind.
    /// </summary>
    public async Task<WrittenFile> WriteAsync(Func<Stream, RegisterFile> write)
    {
        var temp = TempPath();
        try
        {
            RegisterFile written;
            await using (var stream = File.Create(temp))
            {
                written = write(stream);
            }

            var name = written.FileName;
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')) || name.StartsWith('.'))
            {
                throw new InvalidOperationException($"недопустимое имя файла «{name}»");
            }

            return new WrittenFile(temp, name, written.Rows);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Moves a written file to its place and records it; the row commits with <paramref name="tx"/>. On failure
    /// nothing is left behind.</summary>
    public async Task<ProducedFile> RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, string moCode, string kind, string actor,
        WrittenFile written, CancellationToken ct)
    {
        string? target = null;
        try
        {
            target = StoredPath(moCode, written.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(written.TempPath, target);
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                insert into produced_file (mo_id, name, kind, size, created_by) values (@moId, @name, @kind, @size, @actor)
                returning id
                """,
                new { moId, name = written.Name, kind, size = new FileInfo(target).Length, actor }, tx, cancellationToken: ct));
            return new ProducedFile(id, written.Name, target, written.Rows);
        }
        catch
        {
            written.Discard();
            if (target is not null)
            {
                File.Delete(target);
            }

            throw;
        }
    }

    /// <summary>Writes and records a file on its own (exports, calculations).</summary>
    public async Task<ProducedFile> StoreAsync(int moId, string moCode, string kind, string actor, Func<Stream, RegisterFile> write, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var file = await SaveAsync(conn, tx, moId, moCode, kind, actor, write, ct);
        try
        {
            await tx.CommitAsync(ct);
            return file;
        }
        catch
        {
            Discard(file);
            throw;
        }
    }

    /// <summary>Removes a file whose transaction did not commit.</summary>
    public static void Discard(ProducedFile? file)
    {
        if (file is not null)
        {
            File.Delete(file.Path);
        }
    }

    /// <summary>Where a recorded file of an MO is kept.</summary>
    public string StoredPath(string moCode, string name) => Path.Combine(options.DataDir, "files", moCode, name);

    /// <summary>The path of a file of the MO by name, or null (another MO's file, or none).</summary>
    public async Task<string?> FindAsync(int moId, string moCode, string name, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var known = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from produced_file where mo_id = @moId and name = @name)", new { moId, name }, cancellationToken: ct));
        var path = StoredPath(moCode, name);
        return known && File.Exists(path) ? path : null;
    }
}
