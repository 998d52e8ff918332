using static Omslite.Hub.Api.TextInput;

namespace Omslite.Hub.Patients;

/// <summary>
/// What the card form does to the input before the rules see it (ui.md §3.3): trims, upper-cases names and the
/// issuer, keeps the card number's first token, clears a document type without series and number, derives the
/// policy type and <c>dost</c>.
/// </summary>
public static class PatientNormalizer
{
    public static PatientFields Normalize(PatientFields p)
    {
        var dulSeries = Clean(p.DulSeries);
        var dulNumber = Clean(p.DulNumber);
        var fam = Upper(p.Fam);
        var im = Upper(p.Im);
        var ot = Upper(p.Ot);
        var policySeries = Clean(p.PolicySeries);
        var policyNumber = Clean(p.PolicyNumber);
        return p with
        {
            CardNumber = FirstToken(p.CardNumber),
            Fam = fam,
            Im = im,
            Ot = ot,
            Sex = Clean(p.Sex)?.ToLowerInvariant(),
            DulSeries = dulSeries,
            DulNumber = dulNumber,
            DulType = dulSeries is null && dulNumber is null ? null : p.DulType,
            DulIssuer = Upper(p.DulIssuer),
            UfmsCode = Clean(p.UfmsCode)?.Replace("-", "", StringComparison.Ordinal),
            PolicySeries = policySeries,
            PolicyNumber = policyNumber,
            PolicyType = PolicyKind.Of(policySeries, policyNumber),
            Smo = Clean(p.Smo),
            SmoOkato = Clean(p.SmoOkato),
            Snils = Clean(p.Snils)?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
            MoAtt = Clean(p.MoAtt),
            City = Upper(p.City),
            Street = Upper(p.Street),
            House = Clean(p.House),
            Building = Clean(p.Building),
            Flat = Clean(p.Flat),
            PhoneMobile = Clean(p.PhoneMobile),
            PhoneContact = Clean(p.PhoneContact),
            Dost = Dost(fam, im, ot),
        };
    }

    private static string? Dost(string? fam, string? im, string? ot)
    {
        var dost = (fam is null ? "2_" : "") + (im is null ? "3_" : "") + (ot is null ? "1_" : "");
        return dost.Length == 0 ? null : dost;
    }

    private static string? FirstToken(string? value) =>
        Clean(value)?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
}
