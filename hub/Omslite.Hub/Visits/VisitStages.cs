namespace Omslite.Hub.Visits;

/// <summary>A stage as a condition on visit <c>v</c>; <c>NeedsRun</c>: it needs the run CTE and <c>r</c>.</summary>
public sealed record StageFilter(string Condition, bool NeedsRun);

/// <summary>
/// Where a visit stands in its report month — the overview's cards and the review list's <c>state</c> filter, one SQL
/// expression for both so that a card's count and its list always agree (docs/api.md, "Visit stages"). Every visit
/// of the month is in exactly one stage, the first that applies:
/// <list type="number">
/// <item><c>sent</c> — closed (status 2): sent to TFOMS;</item>
/// <item><c>mek</c> — open and refused at MEK;</item>
/// <item><c>flk</c> — open, refused by a TFOMS protocol (FLK) for its month, and in no pack built since;</item>
/// <item><c>problem</c> — the month's latest check or pack refused it, and it has not changed since (its fields, status or
/// PMU; a change of its patient's card is not tracked: check again);</item>
/// <item><c>ready</c> — the month's latest check or pack passed it, and it has not changed since;</item>
/// <item><c>manual</c> — not checked since it changed, typed in the hub;</item>
/// <item><c>corrected</c> — not checked since it changed, synced from an MIS and corrected here (a field or the PMU
/// set differs from what the MIS sent last);</item>
/// <item><c>new</c> — not checked since it changed, synced from an MIS and not corrected.</item>
/// </list>
/// </summary>
public static class VisitStages
{
    public static readonly IReadOnlyList<string> All = ["new", "corrected", "manual", "problem", "flk", "mek", "ready", "sent"];

    public static bool IsStage(string? state) => state is not null && All.Contains(state);

    /// <summary>
    /// The review list's condition for one stage (<c>@stage</c> holds its name). The first two need no run: they are
    /// the first branches of <see cref="Expression"/>, written so that the month's index serves them.
    /// </summary>
    public static StageFilter Filter(string stage, bool year, bool month) => stage switch
    {
        "sent" => new StageFilter("v.status = 2", NeedsRun: false),
        "mek" => new StageFilter("v.status = 1 and v.mek", NeedsRun: false),
        _ => new StageFilter($"({Expression(year, month)}) = @stage", NeedsRun: true),
    };

    /// <summary>
    /// <c>with run as (...)</c>: the latest check or pack of each report month in scope (one row per month), given
    /// <c>@moId</c> and, when the query is limited to them, <c>@year</c> and <c>@month</c>.
    /// </summary>
    public static string Runs(bool year, bool month) =>
        $"""
        with run as (
            select distinct on (report_year, report_month) report_year, report_month, id, created_at
            from pack
            where mo_id = @moId{(year ? " and report_year = @year" : "")}{(month ? " and report_month = @month" : "")}
            order by report_year, report_month, created_at desc, id desc)
        """;

    /// <summary>The join of a visit <c>v</c> to its month's run <c>r</c>, which the expression needs.</summary>
    public const string JoinRun = "left join run r on r.report_year = v.report_year and r.report_month = v.report_month";

    /// <summary>
    /// The stage of visit <c>v</c> (with <c>r</c>). The month filters on the FLK batches only narrow the
    /// set the subquery hashes: a batch counts for the visits of its own report month either way.
    /// </summary>
    public static string Expression(bool year, bool month) =>
        $"""
        case
            when v.status = 2 then 'sent'
            when v.mek then 'mek'
            when (v.report_year, v.report_month, v.id) in (
                select b.report_year, b.report_month, e.visit_id
                from flk_error e join flk_batch b on b.id = e.batch_id
                where b.mo_id = @moId{(year ? " and b.report_year = @year" : "")}{(month ? " and b.report_month = @month" : "")}
                  and not exists (select 1 from pack_visit pv join pack k on k.id = pv.pack_id
                                  where pv.visit_id = e.visit_id and not k.check_only and k.created_at > b.imported_at)) then 'flk'
            when v.updated_at <= r.created_at
                 and (r.id, v.id) in (select pp.pack_id, pp.visit_id from pack_problem pp where pp.pack_id in (select id from run)) then 'problem'
            when v.updated_at <= r.created_at
                 and (r.id, v.id) in (select pv.pack_id, pv.visit_id from pack_visit pv where pv.pack_id in (select id from run)) then 'ready'
            when v.source_id is null then 'manual'
            when v.corrected_fields or v.corrected_services then 'corrected'
            else 'new'
        end
        """;
}
