namespace Omslite.Hub.Visits;

/// <summary>Which column of <c>visit</c> holds which field of <see cref="VisitFields"/>.</summary>
internal static class VisitColumns
{
    public static readonly (string Column, string Parameter)[] Stored =
    [
        ("open_date", "OpenDate"), ("close_date", "CloseDate"), ("report_year", "ReportYear"), ("report_month", "ReportMonth"),
        ("mek", "Mek"), ("for_pom", "ForPom"), ("first_visit", "FirstVisit"), ("ist_fin", "IstFin"), ("purpose", "Purpose"),
        ("usl_ok", "UslOk"), ("doc_spec", "DocSpec"), ("doc_code", "DocCode"), ("ds1", "Ds1"), ("char1", "Char1"), ("ds2", "Ds2"),
        ("char2", "Char2"), ("ishod", "Ishod"), ("rslt", "Rslt"), ("travma_type", "TravmaType"), ("finality", "Finality"),
        ("visit_pol", "VisitPol"), ("visit_home", "VisitHome"), ("pol_days", "PolDays"), ("home_days", "HomeDays"),
        ("visit_daystac", "VisitDaystac"), ("visit_homstac", "VisitHomstac"), ("days_at_daystac", "DaysAtDaystac"),
        ("days_at_homstac", "DaysAtHomstac"), ("npr_date", "NprDate"), ("npr_mo", "NprMo"), ("npr_spec", "NprSpec"),
        ("npr_number", "NprNumber"), ("hosp_mo", "HospMo"), ("hosp_number", "HospNumber"), ("hosp_urgent", "HospUrgent"),
        ("policy_type", "PolicyType"), ("policy_series", "PolicySeries"), ("policy_number", "PolicyNumber"), ("smo", "Smo"),
        ("smo_okato", "SmoOkato"), ("d_type", "DType"), ("prof_k", "ProfK"), ("ksg", "Ksg"), ("ksk", "Ksk"), ("sh", "Sh"),
    ];

    /// <summary>The select list that reads a row back into <see cref="VisitFields"/> (urgent from for_pom).</summary>
    public static readonly string SelectList =
        "v.for_pom = 2 as urgent, " + string.Join(", ", Stored.Where(c => c.Column != "for_pom").Select(c => "v." + c.Column));

    public static readonly string InsertColumns = string.Join(", ", Stored.Select(c => c.Column));

    public static readonly string InsertValues = string.Join(", ", Stored.Select(c => "@" + c.Parameter));

    public static readonly string UpdateSet = string.Join(", ", Stored.Select(c => $"{c.Column} = @{c.Parameter}"));

    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["number"] = "v.number",
        ["openDate"] = "v.open_date",
        ["closeDate"] = "v.close_date",
        ["cardNumber"] = "p.card_number",
        ["fio"] = "p.fam",
        ["ds1"] = "v.ds1",
        ["doctor"] = "d.family",
        ["reportMonth"] = "v.report_month",
        ["status"] = "v.status",
    };
}
