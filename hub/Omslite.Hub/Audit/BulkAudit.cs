using Dapper;
using Npgsql;

namespace Omslite.Hub.Audit;

/// <summary>
/// The audit of a bulk transition of visits (a pack marked sent, an FLK reopening, a sync's new visits): one
/// <c>audit_log</c> line for the operation — its entity is what caused it (the pack, the protocol's batch, the source)
/// — and one <c>audit_visit</c> row per visit it changed, which the visit's history reads as that visit's line
/// (migration 0017: a full line per visit cost three index entries each).
/// </summary>
public static class BulkAudit
{
    /// <summary>
    /// Two CTEs (to follow other CTEs after a comma) auditing the visits whose ids the CTE <paramref name="changed"/>
    /// returns as <c>id</c>: no line when it returns none. The statement's parameters must include <c>actor</c>,
    /// <c>moId</c> and the line's <c>auditEntity</c>, <c>auditEntityId</c>, <c>auditOperation</c>,
    /// <c>auditField</c>, <c>auditOld</c>, <c>auditNew</c>, and <c>auditLine</c> (see <see cref="Parameters"/>): a
    /// transition written in several statements (a pack's visits marked sent while the pack is built) links its
    /// visits to the line the first of them wrote, which <c>(select id from bulk_line)</c> returns.
    /// </summary>
    public static string Ctes(string changed) =>
        $"""
        bulk_line as (
            insert into audit_log (actor, mo_id, entity, entity_id, operation, field, old_value, new_value)
            select @actor, @moId, @auditEntity, @auditEntityId, @auditOperation, @auditField, @auditOld, @auditNew
            where @auditLine::bigint is null and exists (select from {changed})
            returning id),
        bulk_visits as (
            insert into audit_visit (audit_id, visit_id)
            select coalesce(@auditLine::bigint, (select id from bulk_line)), c.id from {changed} c)
        """;

    /// <summary>The parameters of <see cref="Ctes"/> for the line <paramref name="line"/> (its actor and MO too);
    /// <paramref name="continuing"/>: the line an earlier statement of the same transition wrote.</summary>
    public static DynamicParameters Parameters(AuditEntry line, object? other = null, long? continuing = null)
    {
        var parameters = new DynamicParameters(other);
        parameters.AddDynamicParams(new
        {
            actor = line.Actor, moId = line.MoId, auditEntity = line.Entity, auditEntityId = line.EntityId,
            auditOperation = line.Operation, auditField = line.Field, auditOld = line.OldValue, auditNew = line.NewValue,
            auditLine = continuing,
        });
        return parameters;
    }

    /// <summary>Audits the visits <paramref name="visitIds"/> changed by the operation <paramref name="line"/>, in the
    /// caller's transaction.</summary>
    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AuditEntry line, IReadOnlyCollection<long> visitIds, CancellationToken ct) =>
        visitIds.Count == 0
            ? Task.CompletedTask
            : conn.ExecuteAsync(new CommandDefinition(
                $"with changed as (select unnest(@ids) as id), {Ctes("changed")} select 1",
                Parameters(line, new { ids = visitIds.ToArray() }), tx, cancellationToken: ct));
}
