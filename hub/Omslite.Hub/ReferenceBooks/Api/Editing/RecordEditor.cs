using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;

namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>Who edits, within which scope: the token's login and MO, and the book's parameters (<c>@mo</c>...).</summary>
public sealed record EditScope(string Actor, int Mo, DynamicParameters Parameters, string NotFoundMessage);

/// <summary>The key of the saved row, or the answer that explains why nothing was saved.</summary>
public sealed record EditOutcome(object? Key, IResult? Problem)
{
    public static EditOutcome Saved(object key) => new(key, null);

    public static EditOutcome Refused(IResult problem) => new(null, problem);
}

/// <summary>
/// Creates, updates and (soft) deletes rows of any <see cref="BookEditing"/>: reads the JSON body by the field
/// list, checks the fields and rules (every problem at once, in Russian), saves, and writes the audit lines of what
/// changed (diffing the stored row before and after) in the same transaction.
/// </summary>
public static class RecordEditor
{
    private const string IdColumn = "@id";
    private const string VersionColumn = "@version";

    public static async Task<EditOutcome> CreateAsync(NpgsqlDataSource database, BookEditing editing, EditScope scope, JsonElement body, CancellationToken ct)
    {
        if (ReadBody(editing, body) is not ({ } sent, var errors))
        {
            return NotAnObject();
        }

        var values = editing.Fields.ToDictionary(f => f.Field, f => sent.TryGetValue(f.Field, out var value) ? value : f.Default);
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await CheckAsync(new RuleContext(conn, tx, editing, values, null, scope.Parameters, ct), errors);
        if (errors.Count > 0)
        {
            return EditOutcome.Refused(ApiError.Invalid(errors));
        }

        var columns = editing.Scope.Keys.Concat(editing.Fields.Select(f => f.Column));
        var placeholders = editing.Scope.Values.Concat(editing.Fields.Select((f, i) => FieldValues.AddParameter(scope.Parameters, $"v{i}", f.Type, values[f.Field])));
        return await SaveAsync(tx, async () =>
        {
            var key = await conn.ExecuteScalarAsync<object>(new CommandDefinition(
                $"insert into {editing.Table} ({string.Join(", ", columns)}) values ({string.Join(", ", placeholders)}) returning {editing.KeyColumn}",
                scope.Parameters, tx, cancellationToken: ct));
            var created = (await LoadAsync(conn, tx, editing, scope, key!, ct))!;
            await Audit.Audit.WriteAsync(conn, tx, ChangeSet.Diff(null, created.Values, scope.Actor, scope.Mo, editing.Entity, created.AuditId, "create"), ct);
            return key!;
        }, ct);
    }

    public static async Task<EditOutcome> UpdateAsync(
        NpgsqlDataSource database, BookEditing editing, EditScope scope, object key, JsonElement body, CancellationToken ct)
    {
        if (ReadBody(editing, body) is not ({ } sent, var errors))
        {
            return NotAnObject();
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await LoadAsync(conn, tx, editing, scope, key, ct);
        if (before is null)
        {
            return EditOutcome.Refused(ApiError.NotFound(scope.NotFoundMessage));
        }

        if (editing.Versioned && VersionProblem(before, body.TryGetProperty("version", out var v) ? v : default) is { } conflict)
        {
            return EditOutcome.Refused(conflict);
        }

        errors.AddRange(editing.Fields
            .Where(f => f.Fixed && sent.TryGetValue(f.Field, out var value) && !Equals(value, before.Values[f.Field]))
            .Select(f => new FieldError(f.Field, $"Поле «{f.Label}» нельзя изменить")));
        var values = before.Values.ToDictionary(p => p.Key, p => sent.TryGetValue(p.Key, out var value) ? value : p.Value);
        await CheckAsync(new RuleContext(conn, tx, editing, values, key, scope.Parameters, ct), errors);
        if (errors.Count > 0)
        {
            return EditOutcome.Refused(ApiError.Invalid(errors));
        }

        var changed = editing.Fields.Where(f => !f.Fixed && sent.ContainsKey(f.Field) && !Equals(values[f.Field], before.Values[f.Field])).ToList();
        if (changed.Count == 0)
        {
            return EditOutcome.Saved(key);
        }

        var assignments = changed.Select((f, i) => $"{f.Column} = {FieldValues.AddParameter(scope.Parameters, $"v{i}", f.Type, values[f.Field])}")
            .Concat(Bookkeeping(editing));
        return await SaveAsync(tx, async () =>
        {
            await conn.ExecuteAsync(new CommandDefinition(
                $"update {editing.Table} set {string.Join(", ", assignments)} where {Row(editing)}", scope.Parameters, tx, cancellationToken: ct));
            var after = (await LoadAsync(conn, tx, editing, scope, key, ct))!;
            await Audit.Audit.WriteAsync(conn, tx, ChangeSet.Diff(before.Values, after.Values, scope.Actor, scope.Mo, editing.Entity, before.AuditId, "update"), ct);
            return key;
        }, ct);
    }

    /// <summary>Soft delete: sets the deleted flag. <paramref name="version"/>, when given, must be the current one.</summary>
    public static async Task<EditOutcome> DeleteAsync(
        NpgsqlDataSource database, BookEditing editing, EditScope scope, object key, int? version, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await LoadAsync(conn, tx, editing, scope, key, ct);
        if (before is null)
        {
            return EditOutcome.Refused(ApiError.NotFound(scope.NotFoundMessage));
        }

        if (editing.Versioned && version is not null && version != before.Version)
        {
            return EditOutcome.Refused(Concurrency.Conflict());
        }

        await conn.ExecuteAsync(new CommandDefinition(
            $"update {editing.Table} set {string.Join(", ", Bookkeeping(editing).Prepend("deleted = true"))} where {Row(editing)}",
            scope.Parameters, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(scope.Actor, scope.Mo, editing.Entity, before.AuditId, "delete", "deleted", "false", "true"), ct);
        await tx.CommitAsync(ct);
        return EditOutcome.Saved(key);
    }

    private static (Dictionary<string, object?>? Sent, List<FieldError> Errors) ReadBody(BookEditing editing, JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, errors);
        }

        var sent = new Dictionary<string, object?>();
        foreach (var field in editing.Fields)
        {
            if (!body.TryGetProperty(field.Field, out var json))
            {
                continue;
            }

            var (value, problem) = FieldValues.Read(field, json);
            if (problem is not null)
            {
                errors.Add(new FieldError(field.Field, problem));
            }
            else
            {
                sent[field.Field] = value;
            }
        }

        return (sent, errors);
    }

    /// <summary>Adds the problems of the row's fields, then of its rules, to <paramref name="errors"/>: one per field.</summary>
    private static async Task CheckAsync(RuleContext context, List<FieldError> errors)
    {
        foreach (var field in context.Editing.Fields.Where(f => errors.All(e => e.Field != f.Field)))
        {
            var problem = context.Values[field.Field] is { } value ? field.Problem?.Invoke(value) : field.Required ? field.Missing : null;
            if (problem is not null)
            {
                errors.Add(new FieldError(field.Field, problem));
            }
        }

        // Database rules only over fields that are fine on their own.
        foreach (var rule in context.Editing.Rules.Where(r => errors.All(e => e.Field != r.Field)))
        {
            if (await rule.CheckAsync(context) is { } error)
            {
                errors.Add(error);
            }
        }
    }

    private static IResult? VersionProblem(StoredRow before, JsonElement version) =>
        version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) ? ApiError.Invalid("version", "Укажите версию записи (version), которую вы правили")
        : v != before.Version ? Concurrency.Conflict()
        : null;

    private static IEnumerable<string> Bookkeeping(BookEditing editing)
    {
        if (editing.Versioned)
        {
            yield return "version = version + 1";
        }

        if (editing.Touch is not null)
        {
            yield return editing.Touch;
        }
    }

    private static string Row(BookEditing editing) =>
        $"{editing.ScopeSql} and {editing.KeyColumn} = @key" + (editing.SoftDelete ? " and not deleted" : "");

    private static async Task<EditOutcome> SaveAsync(NpgsqlTransaction tx, Func<Task<object>> save, CancellationToken ct)
    {
        try
        {
            var key = await save();
            await tx.CommitAsync(ct);
            return EditOutcome.Saved(key);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two admins saving the same code at once: the second finds it taken.
            return EditOutcome.Refused(ApiError.Conflict("Такая запись уже есть"));
        }
    }

    private static EditOutcome NotAnObject() =>
        EditOutcome.Refused(Results.Json(new ApiError("Ожидается объект JSON с полями записи"), statusCode: StatusCodes.Status400BadRequest));

    /// <summary>A stored row: its fields as the API names them, the audit id and (when versioned) the version.</summary>
    private sealed record StoredRow(Dictionary<string, object?> Values, string AuditId, int? Version);

    private static async Task<StoredRow?> LoadAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, BookEditing editing, EditScope scope, object key, CancellationToken ct)
    {
        scope.Parameters.Add("key", key);
        var columns = editing.Fields.Select(f => $"{f.Column} as \"{f.Field}\"")
            .Append($"({editing.AuditId ?? editing.KeyColumn})::text as \"{IdColumn}\"")
            .Append(editing.Versioned ? $"version as \"{VersionColumn}\"" : $"null::int as \"{VersionColumn}\"");
        var row = (IDictionary<string, object?>?)await conn.QuerySingleOrDefaultAsync(new CommandDefinition(
            $"select {string.Join(", ", columns)} from {editing.Table} where {Row(editing)} for update",
            scope.Parameters, tx, cancellationToken: ct));
        return row is null
            ? null
            : new StoredRow(
                editing.Fields.ToDictionary(f => f.Field, f => FieldValues.FromDatabase(row[f.Field])),
                (string)row[IdColumn]!,
                (int?)FieldValues.FromDatabase(row[VersionColumn]));
    }
}
