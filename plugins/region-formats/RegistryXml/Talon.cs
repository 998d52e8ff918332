using Omslite.RegionFormats.RegistryXml.Computing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml;

/// <summary>
/// One visit while it goes through the check chain and the computations: the flat record of registry-pack-25.md
/// §3.2 (the <see cref="RegistryCase"/> in the names of the federal tags), normalised in place by the rules
/// (§4.2) and completed by the computations (§5). Properties without a comment hold the federal tag of their name.
/// </summary>
#pragma warning disable CS1591 // The tag-named properties are the record of §3.2; the class comment says what they hold.
public sealed class Talon
{
    /// <summary>The record of a case under the settings and rules of its pack.</summary>
    public Talon(RegistryCase source, MoSettings settings, FormatRules rules)
    {
        Source = source;
        Settings = settings;
        Rules = rules;
        var patient = source.Patient;
        Number = source.Number;
        Date1 = source.OpenDate;
        Date2 = source.CloseDate;
        Card = patient.CardNumber;
        Mek = source.Mek;
        Vpolis = patient.Policy.Type;
        Spolis = patient.Policy.Series;
        Npolis = patient.Policy.Number;
        Smo = patient.Policy.Smo;
        SmoOgrn = patient.Policy.SmoOgrn;
        SmoOk = patient.Policy.SmoOkato;
        SmoNam = patient.Policy.SmoName;
        StOkato = patient.StOkato;
        Purp = source.Purpose;
        UslOk = source.UslOk;
        ForPom = source.ForPom;
        Rslt = source.Rslt;
        Ishod = source.Ishod;
        VisitPol = source.VisitPol;
        VisitHom = source.VisitHome;
        FromFirm = Blank(source.Referral?.MoShortCode) is { } from ? FederalValues.ShortCode(from) : null;
        NprMoFound = Blank(source.Referral?.MoCode);
        NprDate = source.Referral?.Date;
        Naprlech = Blank(source.Referral?.Number);
        Nsndhosp = Blank(source.Referral?.HospitalisationNumber);
        Ds1 = Blank(source.Ds1);
        Ds2 = Blank(source.Ds2);
        CZab = source.CZab;
        Spec = source.LocalSpecialty;
        Prvs = source.Specialty?.Prvs;
        Profil = source.Specialty?.Profil;
        Iddokt = Blank(source.DoctorSnils);
        Fam = patient.Fam;
        Im = patient.Im;
        Ot = patient.Ot;
        Pol = patient.Sex;
        Dr = patient.BirthDate;
        Soc = patient.Soc;
        Vz = patient.Vz;
        DocType = patient.Document.Type;
        DocSer = Blank(patient.Document.Series);
        DocNum = Blank(patient.Document.Number);
        DocDate = patient.Document.Date;
        DocOrg = Blank(patient.Document.Issuer);
        MoAtt = Blank(patient.AttachmentMoShortCode) is { } att ? FederalValues.ShortCode(att) : null;
    }

    /// <summary>The record the hub sent.</summary>
    public RegistryCase Source { get; }

    /// <summary>The MO and region settings.</summary>
    public MoSettings Settings { get; }

    /// <summary>The format rules of the report period.</summary>
    public FormatRules Rules { get; }

    public int Number { get; }
    public DateOnly? Date1 { get; }
    public DateOnly? Date2 { get; }
    public string? Card { get; }
    public bool Mek { get; }
    public int PrNov { get; set; }

    public int? Vpolis { get; set; }
    public string? Spolis { get; set; }
    public string? Npolis { get; set; }
    public string? Enp { get; set; }
    public string? Smo { get; set; }
    public string? SmoOgrn { get; }
    public string? SmoOk { get; }
    public string? SmoNam { get; }
    public string? StOkato { get; }

    /// <summary>ID_PAC: the policy number as an integer, rendered without leading zeros.</summary>
    public string? IdPac { get; set; }

    public int? Purp { get; set; }
    public int? UslOk { get; }
    public int? ForPom { get; }
    public int? Rslt { get; set; }
    public int? Ishod { get; set; }
    public int? VisitPol { get; }
    public int? VisitHom { get; }

    /// <summary>FROM_FIRM: the referring MO's short code, or the own one (§5.7).</summary>
    public string? FromFirm { get; set; }

    /// <summary>The referring MO's 6-digit code when the MO list knows its short code.</summary>
    public string? NprMoFound { get; }

    public string? NprMo { get; set; }
    public DateOnly? NprDate { get; set; }
    public string? Naprlech { get; }
    public string? Nsndhosp { get; }

    public string? Ds1 { get; }
    public string? Ds2 { get; }
    public int? CZab { get; set; }

    /// <summary>The visit's local specialty code (for messages).</summary>
    public int? Spec { get; }
    public int? Prvs { get; }
    public int? Profil { get; }

    /// <summary>IDDOKT: the doctor's SNILS, 11 digits after the doctor check.</summary>
    public string? Iddokt { get; set; }

    public string? Fam { get; }
    public string? Im { get; }
    public string? Ot { get; }
    public string? Pol { get; }
    public DateOnly? Dr { get; }
    public int? Soc { get; set; }
    public int? Vz { get; set; }

    public int? DocType { get; set; }
    public string? DocSer { get; set; }
    public string? DocNum { get; set; }
    public DateOnly? DocDate { get; set; }
    public string? DocOrg { get; set; }

    /// <summary>The attachment MO's short code (the own MO when the card has none).</summary>
    public string? MoAtt { get; set; }
    public string? MoPr { get; set; }
    public string? DType { get; set; }

    /// <summary>Insured in the region: the insurer's OKATO is the region's (§5.8).</summary>
    public bool IsLocal => SmoOk == Settings.LocalOkato;

    /// <summary>The visit counts (<c>visits</c> = VISIT_POL + VISIT_HOM).</summary>
    public int Visits => (VisitPol ?? 0) + (VisitHom ?? 0);

    /// <summary>A hand-set override of a computed value or constant, when present.</summary>
    public string? Override(string tag) => Source.Overrides.TryGetValue(tag, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>The message prefix of most checks: "1234-".</summary>
    public string Numbered(string text) => $"{Number}-{text}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
#pragma warning restore CS1591
