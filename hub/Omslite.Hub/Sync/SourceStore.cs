using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>An MIS source as the API shows it: the connection string masked, never in clear.</summary>
public sealed record SourceRecord(
    int Id, int MoId, string Name, string Connector, string Connection, string? Schedule,
    IReadOnlyDictionary<string, string> Settings, bool Enabled, bool FromConfiguration);

/// <summary>A create or update of a source; a null connection string on update keeps the stored one.</summary>
public sealed record SourceInput(
    string? Name, string? Connector, string? ConnectionString, string? Schedule, Dictionary<string, string>? Settings, bool? Enabled);

/// <summary>The MIS sources of an MO: stored with the connection string encrypted, audited without it.</summary>
public sealed class SourceStore(NpgsqlDataSource database, SecretProtector secrets)
{
    private const string Columns =
        "id, mo_id, name, connector, connection_protected, schedule, settings::text as settings, enabled, from_configuration";

    public Task<IReadOnlyList<SourceRecord>> ListAsync(int? moId, CancellationToken ct) =>
        QueryAsync("@moId::int is null or mo_id = @moId", new { moId }, ct);

    /// <summary>One source (of the MO, when given); only its own connection string is decrypted.</summary>
    public async Task<SourceRecord?> GetAsync(int? moId, int id, CancellationToken ct) =>
        (await QueryAsync("id = @id and (@moId::int is null or mo_id = @moId)", new { id, moId }, ct)).SingleOrDefault();

    /// <summary>A source by name; null when there is none, an error when several MOs have one of that name.</summary>
    public async Task<SourceRecord?> FindByNameAsync(string name, CancellationToken ct)
    {
        var matches = await QueryAsync("name = @name", new { name }, ct);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new InvalidOperationException($"Источник «{name}» есть в нескольких МО: переименуйте один из них"),
        };
    }

    private async Task<IReadOnlyList<SourceRecord>> QueryAsync(string where, object args, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from mis_source where {where} order by name", args, cancellationToken: ct));
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>The decrypted connection of a source, for the connector only.</summary>
    public async Task<SourceConnection> ConnectionAsync(int id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<Row>(new CommandDefinition($"select {Columns} from mis_source where id = @id", new { id }, cancellationToken: ct));
        return new SourceConnection(row.ConnectionProtected is null ? "" : secrets.Unprotect(row.ConnectionProtected), Settings(row.Settings));
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a source after checking the input.</summary>
    public async Task<SaveResult<SourceRecord>> SaveAsync(
        int moId, string actor, int? id, SourceInput input, bool fromConfiguration, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 64)
        {
            errors.Add(new FieldError("name", "Укажите имя источника (до 64 символов)"));
        }

        if (string.IsNullOrWhiteSpace(input.Connector))
        {
            errors.Add(new FieldError("connector", "Укажите плагин-коннектор"));
        }

        if (id is null && string.IsNullOrWhiteSpace(input.ConnectionString))
        {
            errors.Add(new FieldError("connectionString", "Укажите строку подключения к базе МИС"));
        }

        if (!string.IsNullOrWhiteSpace(input.Schedule))
        {
            try
            {
                CronSchedule.Parse(input.Schedule.Trim());
            }
            catch (FormatException ex)
            {
                errors.Add(new FieldError("schedule", ex.Message));
            }
        }

        if (errors.Count > 0)
        {
            return new SaveResult<SourceRecord>.Invalid(errors);
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = id is null ? null : await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from mis_source where id = @id and mo_id = @moId for update", new { id, moId }, tx, cancellationToken: ct));
        if (id is not null && current is null)
        {
            return new SaveResult<SourceRecord>.NotFound($"Источник {id} не найден");
        }

        var name = input.Name!.Trim();
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists(select 1 from mis_source where mo_id = @moId and name = @name and id <> coalesce(@id, -1))",
                new { moId, name, id }, tx, cancellationToken: ct)))
        {
            return new SaveResult<SourceRecord>.Invalid([new FieldError("name", $"Источник «{name}» уже есть")]);
        }

        var args = new
        {
            id,
            moId,
            name,
            connector = input.Connector!.Trim(),
            connection = string.IsNullOrWhiteSpace(input.ConnectionString) ? current?.ConnectionProtected : secrets.Protect(input.ConnectionString.Trim()),
            schedule = string.IsNullOrWhiteSpace(input.Schedule) ? null : input.Schedule.Trim(),
            settings = JsonSerializer.Serialize(input.Settings ?? (current is null ? new Dictionary<string, string>() : Settings(current.Settings))),
            enabled = input.Enabled ?? current?.Enabled ?? true,
            fromConfiguration,
        };
        var savedId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            id is null
                ? """
                  insert into mis_source (mo_id, name, connector, connection_protected, schedule, settings, enabled, from_configuration)
                  values (@moId, @name, @connector, @connection, @schedule, @settings::jsonb, @enabled, @fromConfiguration) returning id
                  """
                : """
                  update mis_source set name = @name, connector = @connector, connection_protected = @connection, schedule = @schedule,
                      settings = @settings::jsonb, enabled = @enabled, updated_at = now()
                  where id = @id returning id
                  """,
            args, tx, cancellationToken: ct));
        var before = current is null ? null : ToRecord(current);
        var after = new SourceRecord(savedId, moId, name, args.connector, "", args.schedule, Settings(args.settings), args.enabled, fromConfiguration);
        var entries = ChangeSet.Diff(before is null ? null : before with { Connection = "" }, after, actor, moId, "mis_source", savedId.ToString(), id is null ? "create" : "update").ToList();
        if (!string.IsNullOrWhiteSpace(input.ConnectionString) && current is not null)
        {
            entries.Add(new AuditEntry(actor, moId, "mis_source", savedId.ToString(), "update", "connectionString", "***", "***"));
        }

        await Audit.Audit.WriteAsync(conn, tx, entries, ct);
        await tx.CommitAsync(ct);
        return new SaveResult<SourceRecord>.Saved((await GetAsync(moId, savedId, ct))!);
    }

    /// <summary>Forgets how far the source was read (its database was built anew: its change stamps start again), so
    /// that the next sync reads it from the start; the cases already synced are keyed and come back as unchanged or
    /// updated. Audited.</summary>
    public async Task ForgetWatermarkAsync(int moId, int id, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var old = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select watermark from mis_source where id = @id and mo_id = @moId for update", new { id, moId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "update mis_source set watermark = null where id = @id and mo_id = @moId", new { id, moId }, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(actor, moId, "mis_source", id.ToString(), "update", "watermark", old, null), ct);
        await tx.CommitAsync(ct);
    }

    private SourceRecord ToRecord(Row row) => new(
        row.Id, row.MoId, row.Name, row.Connector,
        row.ConnectionProtected is null ? "" : ConnectionStringMask.Mask(secrets.Unprotect(row.ConnectionProtected)),
        row.Schedule, Settings(row.Settings), row.Enabled, row.FromConfiguration);

    private static IReadOnlyDictionary<string, string> Settings(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private sealed record Row(
        int Id, int MoId, string Name, string Connector, string? ConnectionProtected, string? Schedule, string? Settings, bool Enabled,
        bool FromConfiguration);
}
