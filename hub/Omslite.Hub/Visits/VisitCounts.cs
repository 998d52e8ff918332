using Dapper;
using Npgsql;

namespace Omslite.Hub.Visits;

/// <summary>
/// The overview's figures of one report month: every non-deleted visit counted once in its stage
/// (<see cref="VisitStages"/>; they add up to <c>Total</c>), <c>Open</c> and <c>Closed</c> by status, <c>Conflict</c>
/// the visits a sync flagged (any stage), and when the month's latest check or pack ran (<c>CheckedAt</c>; null if
/// never, or if the month has no visits).
/// </summary>
public sealed record VisitCounts(
    int Year, int Month, int Total, int Open, int Closed, int Conflict,
    int New, int Corrected, int Manual, int Problem, int Flk, int Mek, int Ready, int Sent, DateTime? CheckedAt);

/// <summary>Counts a month's visits by stage in one query over the month's index (docs/benchmarks.md).</summary>
public sealed class VisitCounter(NpgsqlDataSource database)
{
    public async Task<VisitCounts> CountAsync(int moId, int year, int month, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<StageRow>(new CommandDefinition(
            $$"""
            {{VisitStages.Runs(year: true, month: true)}}
            select s.stage, count(*)::int as visits, (count(*) filter (where s.flagged))::int as flagged,
                   (select created_at from run) as checked_at
            from (
                select {{VisitStages.Expression(year: true, month: true)}} as stage,
                       (v.conflicts <> '{}'::jsonb or v.review_reason is not null) as flagged
                from visit v
                {{VisitStages.JoinRun}}
                where v.mo_id = @moId and v.report_year = @year and v.report_month = @month and v.status > 0) s
            group by s.stage
            """,
            new { moId, year, month }, cancellationToken: ct))).ToList();
        int Of(string stage) => rows.FirstOrDefault(r => r.Stage == stage)?.Visits ?? 0;
        var total = rows.Sum(r => r.Visits);
        return new VisitCounts(
            year, month, total, total - Of("sent"), Of("sent"), rows.Sum(r => r.Flagged),
            Of("new"), Of("corrected"), Of("manual"), Of("problem"), Of("flk"), Of("mek"), Of("ready"), Of("sent"), rows.FirstOrDefault()?.CheckedAt);
    }

    private sealed record StageRow(string Stage, int Visits, int Flagged, DateTime? CheckedAt);
}
