using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;
using Omslite.Hub.Security;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Sync;

public sealed record ResolveField(string? Field, string? Take);

/// <summary>
/// The visit editor's "Источник" tab: for every field the MIS sends, its MIS value and the hub's value side by side,
/// whether it was corrected here, the open conflicts; and the two ways out of a conflict — take the MIS value
/// ("вернуть значение МИС") or keep the local correction.
/// </summary>
public static class VisitSourceEndpoints
{
    public static void MapVisitSource(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/visits/{id:long}/source").RequireMo();
        group.MapGet("/", GetAsync);
        group.MapPost("/resolve", ResolveAsync).RequireAuthorization(Policies.Write);
    }

    private static async Task<IResult> GetAsync(long id, CurrentUser user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await Load(conn, null, user.Mo, id, ct);
        if (row is null)
        {
            return ApiError.NotFound($"Талон \"{id}\" не найден");
        }

        var mis = ColumnValues.FromJson(row.MisValues);
        var current = ColumnValues.FromJson(row.Current);
        var conflicts = Conflicts(row.Conflicts);
        return Results.Ok(new
        {
            source = row.Source,
            sourceKey = row.SourceKey,
            reviewReason = row.ReviewReason,
            // Every field a sync writes (mis_values keeps only the non-null ones), for a visit that came from an MIS.
            fields = (row.MisValues is null ? [] : VisitColumns.Stored.Select(c => c.Column)).Select(field => new
            {
                field,
                mis = mis.GetValueOrDefault(field),
                local = current.GetValueOrDefault(field),
                corrected = current.GetValueOrDefault(field) != mis.GetValueOrDefault(field),
                conflict = conflicts.GetValueOrDefault(field),
            }),
            conflicts,
        });
    }

    private static async Task<IResult> ResolveAsync(long id, ResolveField body, CurrentUser user, NpgsqlDataSource db, CancellationToken ct)
    {
        if (body.Field is not { Length: > 0 } field || body.Take is not ("mis" or "local"))
        {
            return ApiError.Invalid("take", "Укажите поле и что оставить: mis или local");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await Load(conn, tx, user.Mo, id, ct);
        if (row is null)
        {
            return ApiError.NotFound($"Талон \"{id}\" не найден");
        }

        var mis = ColumnValues.FromJson(row.MisValues);
        var columns = VisitColumns.Stored.Select(c => c.Column).ToHashSet();
        if (row.MisValues is null || !columns.Contains(field))
        {
            return ApiError.Invalid("field", $"Поле {field} не приходит из МИС");
        }

        if (body.Take == "mis")
        {
            if (row.Status != VisitStatus.Open)
            {
                return ApiError.Conflict("Талон закрыт: изменения невозможны. Откройте талон, чтобы исправить его.");
            }

            // The column name comes from the visit's own column list above, never from the request as such.
            await conn.ExecuteAsync(new CommandDefinition(
                $"update visit v set {field} = (select r.{field} from jsonb_populate_record(v, @patch::jsonb) r), version = version + 1, updated_at = now() where id = @id",
                new { id, patch = JsonSerializer.Serialize(new Dictionary<string, string?> { [field] = mis.GetValueOrDefault(field) }) }, tx, cancellationToken: ct));
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "update visit set conflicts = conflicts - @field, review_reason = case when conflicts - @field = '{}'::jsonb then null else review_reason end where id = @id",
            new { id, field }, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(user.Login, user.Mo, "visit", id.ToString(),
            body.Take == "mis" ? "take-mis-value" : "keep-local-value", field, ColumnValues.FromJson(row.Current).GetValueOrDefault(field), body.Take == "mis" ? mis.GetValueOrDefault(field) : null), ct);
        await tx.CommitAsync(ct);
        return Results.Ok(new { resolved = field });
    }

    private static Dictionary<string, FieldConflict> Conflicts(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, FieldConflict>>(json) ?? [];

    private static async Task<Row?> Load(NpgsqlConnection conn, NpgsqlTransaction? tx, int moId, long id, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            select v.status, v.source_key, s.name as source, m.mis_values::text as mis_values, to_jsonb(v)::text as current,
                   v.conflicts::text as conflicts, v.review_reason
            from visit v left join mis_source s on s.id = v.source_id left join visit_mis m on m.visit_id = v.id
            where v.id = @id and v.mo_id = @moId and v.status > 0 {(tx is null ? "" : "for update of v")}
            """,
            new { id, moId }, tx, cancellationToken: ct));

    private sealed record Row(short Status, string? SourceKey, string? Source, string? MisValues, string Current, string? Conflicts, string? ReviewReason);
}
