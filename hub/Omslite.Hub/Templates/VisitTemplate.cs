namespace Omslite.Hub.Templates;

/// <summary>A named set of visit defaults (ui.md §3.6), its own entity rather than a visit row with a name in the card column.</summary>
public sealed record TemplateFields
{
    public string? Name { get; init; }
    public bool Urgent { get; init; }
    public bool FirstVisit { get; init; } = true;
    public int? IstFin { get; init; }
    public int? Purpose { get; init; }
    public int? DocSpec { get; init; }
    public int? DocCode { get; init; }
    public string? Ds1 { get; init; }
    public int? Char1 { get; init; }
    public int? Ishod { get; init; }
    public int? Rslt { get; init; }
    public int? Finality { get; init; }
    public int VisitPol { get; init; }
    public int VisitHome { get; init; }
    public int? ProfK { get; init; }
    public string? Ksg { get; init; }
    public string? Sh { get; init; }
}

public sealed record TemplateRecord(int Id, TemplateFields Fields);

public sealed record ApplyTemplate(int TemplateId, int? Version);
