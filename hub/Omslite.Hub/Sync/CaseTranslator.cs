using Omslite.Hub.Patients;
using Omslite.Hub.Visits;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>The reason a case could not be taken, with its key, for the run's problem list.</summary>
public sealed record CaseProblem(string SourceKey, string Message);

/// <summary>A completed case translated, or why it cannot be.</summary>
public readonly record struct Translation(HubCase? Case, CaseProblem? Problem);

/// <summary>
/// A batch as the merge takes it: the source cases, the translation of each completed one (by source key; of two
/// cases with one key, the later), and the doctors the translation added to the MO's book.
/// </summary>
public sealed record TranslatedBatch(SourceBatch Source, IReadOnlyDictionary<string, Translation> Translations, IReadOnlyList<NewDoctor> NewDoctors);

/// <summary>
/// Turns a completed canonical source case (federal codes) into the hub's patient and visit fields (local codes), with
/// the same normalisation the UI's saves apply, so a synced visit and a typed one look alike.
/// </summary>
/// <remarks>Pure: it needs no database, so a run translates a batch while the one before it is merged.</remarks>
public static class CaseTranslator
{
    /// <summary>ui.md §3.5.6: the unit of a service when the MIS names none.</summary>
    private const int DefaultUnit = VisitServiceStore.DefaultUnit;

    /// <summary>Translates every completed case of a batch (a cancelled one needs no translation).</summary>
    public static TranslatedBatch Translate(SourceBatch batch, TranslationBooks books)
    {
        var translations = new Dictionary<string, Translation>();
        foreach (var source in batch.Cases)
        {
            if (source.State == CaseState.Completed && source.SourceKey is not null)
            {
                translations[source.SourceKey] = Translate(source, books);
            }
        }

        return new TranslatedBatch(batch, translations, books.TakeAdded());
    }

    public static Translation Translate(SourceCase source, TranslationBooks books)
    {
        if (string.IsNullOrWhiteSpace(source.SourceKey) || string.IsNullOrWhiteSpace(source.Patient.SourceKey))
        {
            return new Translation(null, new CaseProblem(source.SourceKey ?? "?", "нет ключа случая или пациента"));
        }

        if (string.IsNullOrWhiteSpace(source.Patient.CardNumber))
        {
            return new Translation(null, new CaseProblem(source.SourceKey, "нет номера карты пациента"));
        }

        var v = source.Visit;
        if (v.CloseDate < v.OpenDate)
        {
            return new Translation(null, new CaseProblem(source.SourceKey, $"дата окончания {v.CloseDate:dd.MM.yyyy} раньше даты начала {v.OpenDate:dd.MM.yyyy}"));
        }

        var spec = books.Specialty(v.Prvs, v.Profile);
        if (spec is null && v.Prvs is not null)
        {
            return new Translation(null, new CaseProblem(source.SourceKey,
                $"нет местной специальности для PRVS {v.Prvs} / профиля {v.Profile}: добавьте её в справочник «Специальности»"));
        }

        var doctor = books.Doctor(Digits(v.DoctorSnils), v.DoctorName, spec);
        var patient = PatientNormalizer.Normalize(new PatientFields
        {
            CardNumber = source.Patient.CardNumber,
            Fam = source.Patient.Fam,
            Im = source.Patient.Im,
            Ot = source.Patient.Ot,
            Sex = source.Patient.Sex,
            BirthDate = source.Patient.BirthDate,
            PolicySeries = source.Patient.PolicySeries,
            PolicyNumber = source.Patient.PolicyNumber,
            Smo = source.Patient.SmoCode,
            SmoOkato = source.Patient.SmoOkato,
            DulType = source.Patient.DulType,
            DulSeries = source.Patient.DulSeries,
            DulNumber = source.Patient.DulNumber,
            DulDate = source.Patient.DulDate,
            DulIssuer = source.Patient.DulIssuer,
            Snils = source.Patient.Snils,
            MoAtt = books.ShortMoCode(source.Patient.AttachmentMoCode),
            Soc = source.Patient.Soc,
            City = source.Patient.City,
            Street = source.Patient.Street,
            House = source.Patient.House,
            Flat = source.Patient.Flat,
            PhoneMobile = source.Patient.Phone,
            PhoneContact = source.Patient.HomePhone,
            StOkato = source.Patient.StOkato,
            SmoOgrn = source.Patient.SmoOgrn,
            SmoName = source.Patient.SmoName,
            UfmsCode = source.Patient.DulIssuerCode,
            Vz = source.Patient.Employment,
        });
        var period = v.ReportPeriod ?? new ReportPeriod(v.CloseDate.Year, v.CloseDate.Month);
        var referral = source.Referral;
        var visit = VisitNormalizer.Complete(VisitNormalizer.Normalize(new VisitFields
        {
            OpenDate = v.OpenDate,
            CloseDate = v.CloseDate,
            ReportYear = period.Year,
            ReportMonth = period.Month,
            Mek = v.Mek,
            Urgent = v.Urgent,
            FirstVisit = v.FirstVisit,
            IstFin = 1,
            Purpose = v.Purpose,
            DocSpec = doctor?.Spec ?? spec,
            DocCode = doctor?.Code,
            Ds1 = v.Ds1,
            Ds2 = v.Ds2,
            Char1 = v.CZab,
            Ishod = v.Ishod,
            Rslt = v.Rslt,
            VisitPol = v.VisitPol,
            VisitHome = v.VisitHome,
            NprMo = books.ShortMoCode(referral?.MoCode),
            NprNumber = referral?.Number,
            NprDate = referral?.Date,
            NprSpec = books.SpecialtyOfPrvs(referral?.Prvs),
            DType = patient.Ot is null ? "5" : null,
            PolicySeries = v.Policy?.Series,
            PolicyNumber = v.Policy?.Number,
            Smo = v.Policy?.SmoCode,
            SmoOkato = v.Policy?.SmoOkato,
        }));
        var services = new List<HubService>();
        foreach (var s in source.Services.GroupBy(s => s.Code.Trim().ToUpperInvariant()))
        {
            var first = s.First();
            var executor = first.DoctorSnils is { } snils ? books.Doctor(Digits(snils), null, null) : null;
            var exec = executor ?? doctor;
            services.Add(new HubService(s.Key, s.Sum(x => x.Quantity), first.Date, exec?.Spec ?? 0, exec?.Code ?? 0, first.Unit ?? DefaultUnit));
        }

        return new Translation(new HubCase(
            source.SourceKey,
            source.ChangeMarker,
            source.Patient.SourceKey,
            patient,
            visit,
            v.Number is > 0 ? v.Number : null,
            v.Sent ? VisitStatus.Closed : VisitStatus.Open,
            services), null);
    }

    private static string? Digits(string? snils) =>
        snils is null ? null : new string(snils.Where(char.IsAsciiDigit).ToArray()) is { Length: > 0 } d ? d : null;
}
