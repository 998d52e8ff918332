using System.Globalization;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy;

/// <summary>What a pull reads.</summary>
internal enum PullMode
{
    /// <summary>The first pull (no watermark, or resuming from one of its batches): every OMS visit, in change order.</summary>
    First,

    /// <summary>From a watermark: the visits changed since (OMS or not), then those with new service rows.</summary>
    Incremental,

    /// <summary>Every visit of the report months asked for (OMS or not), whatever the watermark.</summary>
    Period,
}

/// <summary>One pull's parameters, fixed before its cursor opens.</summary>
/// <param name="Horizon">Visits stamped at or after it wait for the next pull (a transaction still open may yet commit
/// rows stamped from here on).</param>
/// <param name="ServiceTarget">Per year, the service-row ids this pull covers (new service rows up to them).</param>
internal sealed record PullPlan(
    PullMode Mode,
    ReportPeriod? From,
    ReportPeriod? To,
    Watermark Start,
    DateTime Horizon,
    IReadOnlyDictionary<int, long> ServiceTarget);

/// <summary>
/// The two SELECTs of a pull. <see cref="Keys"/>: which visits, in which order — narrow rows of every year table
/// (<c>UNION ALL</c>, the year as a column), filtered and ordered so that a watermark after any row covers exactly the
/// rows before it. <see cref="Details"/>: one batch of them in full, each with its services as JSON, joined to its
/// card and to the books that translate its local codes.
/// </summary>
internal static class CaseQuery
{
    /// <summary>The stamp of a visit without any <c>modified</c> stamp: before every real one.</summary>
    public static readonly DateTime NoStamp = DateTime.MinValue;

    /// <summary>The year tables the pull reads: all, or those of the period's years.</summary>
    public static IReadOnlyList<YearTables> Years(LegacySchema schema, PullPlan plan) =>
        schema.Years.Where(y => InPeriod(plan, y.Year)).ToList();

    /// <summary>The key query: <c>yy, tal_num, stamp, phase</c> in delivery order; <paramref name="years"/> not empty.</summary>
    public static string Keys(LegacySchema schema, PullPlan plan, IReadOnlyList<YearTables> years)
    {
        var visits = string.Join("\n  union all\n", years.Select(y => KeySelect(schema, plan, y)));
        return $"""
            select x.yy, x.tal_num, x.stamp, {Phase(plan)} as phase from (
              select v.yy, v.tal_num, v.ist_fin, v.new_services,
                     coalesce(greatest(v.visit_stamp, {CardStamp(schema)}), {Literal(NoStamp)}) as stamp
                from (
              {visits}
                ) v
                join {schema.Table("cardz_clin")} c on c.crd_num = v.crd_num
            ) x
            {Where(plan)}
            {OrderBy(plan)}
            """;
    }

    /// <summary>
    /// The details of the visits named by the parameters <c>@t&lt;YY&gt;</c> (an integer array of <c>tal_num</c> per
    /// year in <paramref name="years"/>); one row each, in no particular order.
    /// </summary>
    public static string Details(LegacySchema schema, IEnumerable<YearTables> years)
    {
        var visits = string.Join("\n  union all\n", years.Select(y => DetailSelect(schema, y)));
        string Card(string column, string type) => $"{schema.Optional("cardz_clin", "c", column, type)} as {column}";
        return $"""
            select v.*, greatest(v.visit_stamp, {CardStamp(schema)}) as raw_stamp,
                   c.id as card_id, c.crd_num as card_number, c.fam, c.im, c.ot, c.gender, c.birth_date,
                   c.polis_ser, c.polis_num, c.smo, c.smo_okato, c.dul_type, c.dul_serial, c.dul_number, c.dul_date,
                   c.dul_org, c.mo_att, c.soc, c.city_g, c.street_g, c.home_g, {Card("flat_g", "text")}, c.phone_wrk,
                   {Card("phone_hom", "text")}, {Card("st_okato", "text")}, {Card("smo_ogrn", "text")},
                   {Card("smo_name", "text")}, {Card("ufms", "text")}, {Card("vz", "integer")},
                   sp.prvs, sp.profil, d.snils as doctor_snils, d.family as doctor_name,
                   npr.code as npr_mo_code, att.code as att_mo_code, ns.prvs as npr_prvs
              from (
            {visits}
              ) v
              join {schema.Table("cardz_clin")} c on c.crd_num = v.crd_num
              left join lateral (select prvs, profil from {schema.Table("spec_prvs_profil")}
                                  where spec = v.doc_spec limit 1) sp on true
              left join lateral (select snils, family from {schema.Table("doctor")}
                                  where spec = v.doc_spec and code = v.doc_code limit 1) d on true
              left join lateral (select code from {schema.Table("mo_local")}
                                  where scode = v.npr_mo order by code limit 1) npr on true
              left join lateral (select code from {schema.Table("mo_local")}
                                  where scode = c.mo_att order by code limit 1) att on true
              left join lateral (select prvs from {schema.Table("spec_prvs_profil")}
                                  where spec = v.npr_spec limit 1) ns on true
            """;
    }

    /// <summary>The parameter holding a year's visit numbers in <see cref="Details"/>.</summary>
    public static string NumbersParameter(YearTables year) => $"t{year.Yy:00}";

    private static string CardStamp(LegacySchema schema) => schema.CardHasModified ? "c.modified" : "null::timestamp";

    private static string KeySelect(LegacySchema schema, PullPlan plan, YearTables year)
    {
        var from = plan.Start.ServicesOf(year.Yy);
        var to = plan.ServiceTarget.GetValueOrDefault(year.Yy);
        var newServices = plan.Mode == PullMode.Incremental && to > from
            ? $"exists (select 1 from {schema.Table(year.Services)} s where s.tal_num = t.tal_num and s.id > {from} and s.id <= {to})"
            : "false";
        var select = $"""
              select {year.Yy} as yy, t.tal_num, t.ist_fin, {VisitStamp(year)} as visit_stamp, t.crd_num,
                     {newServices} as new_services
                from {schema.Table(year.Visits)} t
            """;
        if (plan.Mode != PullMode.Period)
        {
            return select;
        }

        var first = plan.From is { } f && f.Year == year.Year ? f.Month : 1;
        var last = plan.To is { } l && l.Year == year.Year ? l.Month : 12;
        return select + string.Create(CultureInfo.InvariantCulture, $"\n     where t.talon_month between {first} and {last}");
    }

    private static string DetailSelect(LegacySchema schema, YearTables year) => $"""
          select {year.Yy} as yy, t.tal_num, {VisitStamp(year)} as visit_stamp, t.crd_num, t.open_date, t.close_date,
                 t.talon_type, t.talon_month, t.mek, t.ist_fin, t.first_vflag, t.doc_spec, t.doc_code, t.purp,
                 t.for_pom, t.rslt, t.ishod, t.visit_pol, t.visit_home, t.npr_mo, t.npr_spec, t.naprlech,
                 t.npr_date, t.ds1, t.ds2, t.char1,
                 {schema.Optional(year.Visits, "t", "polis_ser", "text")} as visit_polis_ser,
                 {schema.Optional(year.Visits, "t", "polis_num", "text")} as visit_polis_num,
                 {schema.Optional(year.Visits, "t", "smo", "integer")} as visit_smo,
                 {schema.Optional(year.Visits, "t", "smo_okato", "text")} as visit_smo_okato,
                 (select json_agg(json_build_object('id', s.id, 'date', s.date_usl, 'code', s.code_usl,
                             'quantity', s.kol_usl, 'spec', s.exec_spec, 'doctor', s.exec_doc,
                             'unit', s.exec_podr, 'snils', ed.snils) order by s.id)
                    from {schema.Table(year.Services)} s
                    left join lateral (select snils from {schema.Table("doctor")}
                                        where spec = s.exec_spec and code = s.exec_doc limit 1) ed on true
                   where s.tal_num = t.tal_num) as services
            from {schema.Table(year.Visits)} t
           where t.tal_num = any(@{NumbersParameter(year)})
        """;

    private static string VisitStamp(YearTables year) => year.HasModified ? "t.modified" : "null::timestamp";

    /// <summary>Whether the row belongs to the visits changed since the watermark (phase 0) or to those with new
    /// service rows (phase 1); always 0 outside incremental pulls.</summary>
    private static string Phase(PullPlan plan) =>
        plan.Mode == PullMode.Incremental && plan.Start.Changes is { } s
            ? $"case when (x.stamp, x.yy, x.tal_num) > ({Literal(s.Stamp)}, {s.Yy}, {s.TalNum}) then 0 else 1 end"
            : "0";

    private static string Where(PullPlan plan)
    {
        if (plan.Mode == PullMode.Period)
        {
            return "";
        }

        const string key = "(x.stamp, x.yy, x.tal_num)";
        var beforeHorizon = $"x.stamp < {Literal(plan.Horizon)}";
        // The first pull brings OMS visits only; later pulls bring the others too, as cancelled, so that a visit
        // that stopped being OMS leaves the hub.
        var oms = plan.Mode == PullMode.First ? "x.ist_fin = 1 and " : "";
        if (plan.Start.Changes is not { } s)
        {
            return $"where {oms}{beforeHorizon}";
        }

        var position = $"({Literal(s.Stamp)}, {s.Yy}, {s.TalNum})";
        var changed = $"where ({oms}{key} > {position} and {beforeHorizon})";
        if (plan.Mode == PullMode.First)
        {
            return changed;
        }

        var scanFrom = plan.Start.ServiceScan is { Last: var last } ? $" and (x.yy, x.tal_num) > ({last.Yy}, {last.TalNum})" : "";
        return $"{changed}\n   or ({key} <= {position} and x.new_services{scanFrom})";
    }

    /// <summary>Changed visits in change order, then the visits with new service rows in (year, number) order.</summary>
    private static string OrderBy(PullPlan plan) =>
        plan.Mode == PullMode.Incremental
            ? $"order by {Phase(plan)}, case when {Phase(plan)} = 0 then x.stamp end, x.yy, x.tal_num"
            : "order by x.stamp, x.yy, x.tal_num";

    private static bool InPeriod(PullPlan plan, int year) =>
        plan.Mode != PullMode.Period
        || ((plan.From is not { } f || year >= f.Year) && (plan.To is not { } t || year <= t.Year));

    private static string Literal(DateTime stamp) =>
        $"timestamp '{stamp.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'";
}
