using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping.Sample;

/// <summary>What a visit of the sample clinic is, which decides whether it comes over.</summary>
public enum SampleVisitKind
{
    /// <summary>Completed, with completed OMS CT/MRI services: comes over.</summary>
    Completed,

    /// <summary>Completed, but the CT/MRI services were paid by the patient: stays.</summary>
    Paid,

    /// <summary>Cancelled, with its services: stays (or arrives as cancelled once seen).</summary>
    Cancelled,

    /// <summary>In progress, services planned: stays.</summary>
    Unfinished,

    /// <summary>Completed OMS, but an ultrasound rather than CT/MRI: stays.</summary>
    NotCtMri,
}

/// <summary>
/// The sample clinic MIS of one MO and month, generated deterministically (the same request gives the same rows):
/// the rows of every table of the sample schema, streamed so that 100 000 services never sit in memory at once, and
/// what each visit is, so tests know what must come over.
/// </summary>
/// <remarks>
/// <para>Exactly <see cref="SampleSourceRequest.Services"/> completed OMS CT/MRI services (A05.* MRI, A06.* CT), on
/// visits 1..<see cref="CompletedVisits"/>: one service each, two on every tenth visit.</para>
/// <para>With noise, visits after those are paid, cancelled, unfinished and ultrasound ones; every 25th completed
/// visit also carries a paid CT, a cancelled MRI and an ultrasound beside its OMS study; and three completed visits
/// carry the mistakes a region check catches: <see cref="NoReferralVisit"/> (a patient attached elsewhere without a
/// referral), <see cref="NoDiagnosisVisit"/> and <see cref="BadPolicyVisit"/> (an ENP of 15 digits).</para>
/// </remarks>
public sealed class SampleClinicPlan
{
    /// <summary>The MO's departments: CT and MRI.</summary>
    public const short CtDepartment = 1, MriDepartment = 2;

    private static readonly string[] MriCodes = ["A05.23.009", "A05.23.009.001", "A05.03.002", "A05.04.001", "A05.30.005"];
    private static readonly string[] CtCodes = ["A06.09.005", "A06.23.004", "A06.03.058", "A06.30.005", "A06.04.017"];
    private static readonly string[] Diagnoses = ["M51.1", "M42.1", "G44.2", "R91", "J18.9", "K80.2", "G93.4", "M17.1", "I67.8", "S06.0"];
    private static readonly string[] MaleSurnames = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов"];
    private static readonly string[] MaleNames = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Михаил", "Игорь", "Владимир", "Николай", "Евгений"];
    private static readonly string[] FemaleNames = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Юлия", "Галина"];
    private static readonly string[] Patronymics = ["Александров", "Сергеев", "Дмитриев", "Андреев", "Алексеев", "Михайлов", "Игорев", "Владимиров", "Николаев", "Евгеньев"];
    private static readonly string[] Cities = ["Владивосток", "Владивосток", "Владивосток", "Артём", "Уссурийск", "Находка"];
    private static readonly string[] Streets = ["ул. Светланская", "ул. Алеутская", "пр-т Океанский", "ул. Русская", "ул. Калинина", "пр-т 100-летия Владивостока", "ул. Некрасовская"];

    private readonly ulong _seed;

    /// <summary>Plans the sample of a request.</summary>
    public SampleClinicPlan(SampleSourceRequest request)
    {
        if (request.MoCode.Length != 6 || !request.MoCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"MO code '{request.MoCode}' must be 6 digits", nameof(request));
        }

        if (request.Services < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "the number of services cannot be negative");
        }

        Request = request;
        _seed = (ulong)long.Parse(request.MoCode) * 1_000_003UL + (ulong)(request.Period.Year * 100 + request.Period.Month);

        var completed = 0;
        while (completed + completed / 10 < request.Services)
        {
            completed++;
        }

        CompletedVisits = completed;
        var noise = request.WithNoise;
        PaidVisits = noise ? Math.Max(2, completed / 20) : 0;
        CancelledVisits = noise ? Math.Max(2, completed / 50) : 0;
        UnfinishedVisits = noise ? Math.Max(2, completed / 50) : 0;
        NotCtMriVisits = noise ? Math.Max(2, completed / 50) : 0;
        VisitCount = completed + PaidVisits + CancelledVisits + UnfinishedVisits + NotCtMriVisits;
        PatientCount = Math.Max(1, VisitCount * 4 / 5);
        NoReferralVisit = noise && completed >= 3 ? 3 : 0;
        NoDiagnosisVisit = noise && completed >= 5 ? 5 : 0;
        BadPolicyVisit = noise && completed >= 8 ? 8 : 0;
        ReferringMos = Enumerable.Range(101, 7)
            .Select(n => request.MoCode[..3] + n.ToString("000"))
            .Where(code => code != request.MoCode)
            .Take(6)
            .ToArray();
    }

    /// <summary>The request.</summary>
    public SampleSourceRequest Request { get; }

    /// <summary>Visits 1..this are completed OMS CT/MRI visits.</summary>
    public int CompletedVisits { get; }

    /// <summary>How many paid visits follow.</summary>
    public int PaidVisits { get; }

    /// <summary>How many cancelled visits follow.</summary>
    public int CancelledVisits { get; }

    /// <summary>How many unfinished visits follow.</summary>
    public int UnfinishedVisits { get; }

    /// <summary>How many ultrasound visits follow.</summary>
    public int NotCtMriVisits { get; }

    /// <summary>All visits.</summary>
    public int VisitCount { get; }

    /// <summary>All patients (some have two visits).</summary>
    public int PatientCount { get; }

    /// <summary>The completed visit of a patient attached elsewhere that has no referral (0: none).</summary>
    public int NoReferralVisit { get; }

    /// <summary>The completed visit without a diagnosis (0: none).</summary>
    public int NoDiagnosisVisit { get; }

    /// <summary>The completed visit whose patient's ENP has 15 digits (0: none).</summary>
    public int BadPolicyVisit { get; }

    /// <summary>The F003 codes of the MOs that refer patients (patients are attached to them).</summary>
    public IReadOnlyList<string> ReferringMos { get; }

    /// <summary>The database name of the sample on a server (PostgreSQL, SQL Server): one per MO and month, so that
    /// rebuilding it never touches another database.</summary>
    public string DatabaseName => $"omslite_sample_{Request.MoCode}_{Request.Period.Year:0000}{Request.Period.Month:00}";

    /// <summary>
    /// Fills a new, empty sample database the same way on every engine: the plugin's embedded
    /// <c>sample/schema.sql</c>, every table in order, then <c>sample/indexes.sql</c> (indexes after the bulk load).
    /// </summary>
    /// <param name="plugin">The plugin assembly that embeds the scripts.</param>
    /// <param name="connectionString">How the connector reaches the new database.</param>
    /// <param name="runScript">Runs one script in the engine's way.</param>
    /// <param name="load">Bulk-inserts one table in the engine's way.</param>
    /// <returns>The sample source, read with the <c>sample-clinic</c> mapping.</returns>
    public async Task<SourceConnection> FillAsync(
        System.Reflection.Assembly plugin, string connectionString, Func<string, Task> runScript, Func<SampleTable, Task> load)
    {
        await runScript(Script(plugin, "schema.sql"));
        foreach (var table in Tables())
        {
            await load(table);
        }

        await runScript(Script(plugin, "indexes.sql"));
        return new SourceConnection(connectionString, new Dictionary<string, string> { [Mapping.Settings.Mapping] = Mapping.DefaultName });
    }

    private static string Script(System.Reflection.Assembly plugin, string file) =>
        Mapping.ReadResource(plugin, $"sample/{file}")
        ?? throw new InvalidOperationException($"sample/{file} is not embedded in {plugin.GetName().Name}");

    /// <summary>What a visit is.</summary>
    public SampleVisitKind KindOf(int visit)
    {
        var edge = CompletedVisits;
        if (visit <= edge)
        {
            return SampleVisitKind.Completed;
        }

        if (visit <= (edge += PaidVisits))
        {
            return SampleVisitKind.Paid;
        }

        if (visit <= (edge += CancelledVisits))
        {
            return SampleVisitKind.Cancelled;
        }

        return visit <= edge + UnfinishedVisits ? SampleVisitKind.Unfinished : SampleVisitKind.NotCtMri;
    }

    /// <summary>The patient of a visit.</summary>
    public int PatientOf(int visit) => ((visit - 1) % PatientCount) + 1;

    /// <summary>How many of the visit's services are completed OMS CT/MRI services (the ones that come over).</summary>
    public int BillableServicesOf(int visit) =>
        KindOf(visit) == SampleVisitKind.Completed ? Math.Min(Cumulative(visit), Request.Services) - Cumulative(visit - 1) : 0;

    /// <summary>Whether a completed visit also has paid, cancelled and non-CT services (noise only).</summary>
    public bool HasMixedServices(int visit) => Request.WithNoise && visit % 25 == 12 && KindOf(visit) == SampleVisitKind.Completed;

    /// <summary>Whether the patient is attached to the clinic itself (and so needs no referral).</summary>
    public bool AttachedHere(int patient) =>
        Pick(patient, 1, 20) == 0 && !(NoReferralVisit > 0 && patient == PatientOf(NoReferralVisit));

    /// <summary>The F003 code of the MO the patient is attached to.</summary>
    public string AttachmentOf(int patient) => AttachedHere(patient) ? Request.MoCode : ReferringMos[Pick(patient, 2, ReferringMos.Count)];

    /// <summary>Whether the visit came with a referral (its id is the visit's).</summary>
    public bool HasReferral(int visit) => visit != NoReferralVisit && !AttachedHere(PatientOf(visit));

    /// <summary>The visit's date (DATE_1).</summary>
    public DateOnly VisitDate(int visit) => Request.Period.FirstDay.AddDays(Pick(visit, 3, Request.Period.LastDay.Day));

    /// <summary>The visit's last day: a tenth of the studies are read the next day, within the month.</summary>
    public DateOnly? FinishedDate(int visit)
    {
        var kind = KindOf(visit);
        if (kind is SampleVisitKind.Cancelled or SampleVisitKind.Unfinished)
        {
            return null;
        }

        var date = VisitDate(visit);
        return Pick(visit, 4, 10) == 0 && date < Request.Period.LastDay ? date.AddDays(1) : date;
    }

    /// <summary>The tables of the sample schema in the order they must be filled.</summary>
    public IEnumerable<SampleTable> Tables()
    {
        yield return new SampleTable("organizations", [Col<int>("id"), Col<string>("f003_code"), Col<string>("name")], Organizations());
        yield return new SampleTable("insurers", [Col<int>("id"), Col<string>("f002_code"), Col<string>("okato"), Col<string>("name")], Insurers());
        yield return new SampleTable("specialties", [Col<int>("id"), Col<string>("name"), Col<int>("v021_code"), Col<int>("v002_profile")],
            [[1, "Врач-рентгенолог", 60, 78]]);
        yield return new SampleTable("doctors", [Col<int>("id"), Col<string>("full_name"), Col<string>("snils"), Col<int>("specialty_id")], Doctors());
        yield return new SampleTable("patients",
            [Col<int>("id"), Col<string>("card_no"), Col<string>("last_name"), Col<string>("first_name"), Col<string>("middle_name"),
             Col<string>("gender"), Col<DateOnly>("birth_date"), Col<string>("snils"), Col<string>("phone"), Col<string>("city"),
             Col<string>("street"), Col<string>("house"), Col<string>("flat"), Col<string>("attached_mo"), Col<short>("social_status")],
            Patients());
        yield return new SampleTable("patient_policies",
            [Col<int>("id"), Col<int>("patient_id"), Col<int>("insurer_id"), Col<short>("policy_kind"), Col<string>("series"),
             Col<string>("number"), Col<DateOnly>("valid_from"), Col<DateOnly>("valid_to")],
            Policies());
        yield return new SampleTable("identity_documents",
            [Col<int>("id"), Col<int>("patient_id"), Col<short>("doc_type"), Col<string>("series"), Col<string>("number"),
             Col<DateOnly>("issue_date"), Col<string>("issued_by"), Col<bool>("is_main")],
            Documents());
        yield return new SampleTable("referrals",
            [Col<int>("id"), Col<int>("patient_id"), Col<string>("from_mo_code"), Col<string>("number"), Col<DateOnly>("issue_date"),
             Col<int>("doctor_specialty")],
            Referrals());
        yield return new SampleTable("visits",
            [Col<int>("id"), Col<int>("patient_id"), Col<int>("doctor_id"), Col<int>("referral_id"), Col<DateOnly>("visit_date"),
             Col<DateOnly>("finished_date"), Col<string>("status"), Col<short>("purpose_code"), Col<string>("diagnosis_code"),
             Col<string>("diagnosis2_code"), Col<short>("disease_character"), Col<short>("outcome_code"), Col<short>("result_code"),
             Col<bool>("is_urgent")],
            Visits());
        yield return new SampleTable("performed_services",
            [Col<int>("id"), Col<int>("visit_id"), Col<string>("service_code"), Col<short>("quantity"), Col<DateOnly>("performed_on"),
             Col<int>("doctor_id"), Col<short>("department_code"), Col<string>("payment_type"), Col<string>("status")],
            Services());
    }

    private static SampleColumn Col<T>(string name) => new(name, typeof(T));

    private IEnumerable<object?[]> Organizations()
    {
        yield return [1, Request.MoCode, "ООО «Центр КТ и МРТ» (пример)"];
        for (var i = 0; i < ReferringMos.Count; i++)
        {
            yield return [i + 2, ReferringMos[i], $"ГБУЗ «Клиническая поликлиника № {i + 1}»"];
        }
    }

    private static IEnumerable<object?[]> Insurers() =>
    [
        [1, "25011", "05000", "ООО «ВС Альянс»"],
        [2, "25016", "05000", "ООО «СВ Прим»"],
        [3, "27003", "08000", "Хабаровский филиал страховой медицинской организации"],
    ];

    private IEnumerable<object?[]> Doctors()
    {
        string[] names = ["Орлова Анна Викторовна", "Гончаров Павел Сергеевич", "Белова Ирина Петровна", "Ким Виктор Александрович", "Тарасова Елена Игоревна", "Лебедев Олег Николаевич"];
        for (var i = 0; i < names.Length; i++)
        {
            yield return [i + 1, names[i], FormatSnils(100_200_300 + (i * 1_010_101)), 1];
        }
    }

    private IEnumerable<object?[]> Patients()
    {
        for (var p = 1; p <= PatientCount; p++)
        {
            var male = Pick(p, 10, 2) == 0;
            var surname = MaleSurnames[Pick(p, 11, MaleSurnames.Length)];
            yield return
            [
                p, $"{Request.Period.Year % 100:00}-{p:000000}",
                male ? surname : surname + "а",
                male ? MaleNames[Pick(p, 12, MaleNames.Length)] : FemaleNames[Pick(p, 12, FemaleNames.Length)],
                Patronymics[Pick(p, 13, Patronymics.Length)] + (male ? "ич" : "на"),
                male ? "M" : "F",
                BirthDate(p),
                FormatSnils(200_000_000 + p),
                $"+7 9{Pick(p, 14, 100):00} {Pick(p, 15, 1000):000}-{Pick(p, 16, 100):00}-{Pick(p, 17, 100):00}",
                Cities[Pick(p, 18, Cities.Length)], Streets[Pick(p, 19, Streets.Length)],
                (1 + Pick(p, 20, 120)).ToString(), Pick(p, 21, 4) == 0 ? null : (1 + Pick(p, 22, 200)).ToString(),
                AttachmentOf(p), (short)0,
            ];
        }
    }

    private IEnumerable<object?[]> Policies()
    {
        var badPatient = BadPolicyVisit > 0 ? PatientOf(BadPolicyVisit) : 0;
        for (var p = 1; p <= PatientCount; p++)
        {
            var kind = Pick(p, 30, 20) switch { 0 => (short)2, 1 => (short)1, _ => (short)3 };
            var insurer = Pick(p, 31, 10) switch { 0 => 3, < 5 => 1, _ => 2 };
            var number = kind switch
            {
                3 => $"25{Pick(p, 32, 100_000_000):00000000}{p % 1_000_000:000000}",
                2 => $"{Pick(p, 33, 1000):000}{p % 1_000_000:000000}",
                _ => $"{p % 1_000_000:000000}",
            };
            if (p == badPatient)
            {
                (kind, number) = (3, number.Length >= 15 ? number[..15] : number.PadLeft(15, '2'));
            }

            yield return [p, p, insurer, kind, kind == 1 ? "ВС" : null, number, new DateOnly(2019, 5, 1), null];
        }
    }

    private IEnumerable<object?[]> Documents()
    {
        for (var p = 1; p <= PatientCount; p++)
        {
            var birth = BirthDate(p);
            var child = birth.AddYears(14) > Request.Period.FirstDay;
            if (child)
            {
                yield return [p, p, (short)3, "I-ВС", $"{p % 1_000_000:000000}", birth.AddMonths(1), "Отдел ЗАГС администрации г. Владивостока", true];
                continue;
            }

            var issued = birth.AddYears(20 + Pick(p, 42, 10));
            yield return
            [
                p, p, (short)14, $"05{Pick(p, 40, 100):00}", $"{Pick(p, 41, 1_000_000):000000}",
                issued < Request.Period.FirstDay ? issued : birth.AddYears(14), "ГУ МВД России по Приморскому краю", true,
            ];
        }
    }

    private IEnumerable<object?[]> Referrals()
    {
        for (var v = 1; v <= VisitCount; v++)
        {
            if (!HasReferral(v))
            {
                continue;
            }

            var patient = PatientOf(v);
            yield return
            [
                v, patient, AttachmentOf(patient), $"{AttachmentOf(patient)[3..]}-{Request.Period.Year % 100:00}-{v:000000}",
                VisitDate(v).AddDays(-1 - Pick(v, 50, 14)), Pick(v, 51, 3) switch { 0 => 76, 1 => 53, _ => 49 },
            ];
        }
    }

    private IEnumerable<object?[]> Visits()
    {
        for (var v = 1; v <= VisitCount; v++)
        {
            var kind = KindOf(v);
            var status = kind switch
            {
                SampleVisitKind.Cancelled => "cancelled",
                SampleVisitKind.Unfinished => "in_progress",
                _ => "completed",
            };
            var diagnosis = v == NoDiagnosisVisit ? null : Diagnoses[Pick(v, 60, Diagnoses.Length)];
            yield return
            [
                v, PatientOf(v), 1 + Pick(v, 61, 6), HasReferral(v) ? v : null, VisitDate(v), FinishedDate(v), status,
                (short)4, diagnosis, Pick(v, 62, 10) == 0 ? "I10" : null, (short)(1 + Pick(v, 63, 2)), (short)4, (short)14,
                Pick(v, 64, 20) == 0,
            ];
        }
    }

    private IEnumerable<object?[]> Services()
    {
        var id = 0;
        for (var v = 1; v <= VisitCount; v++)
        {
            var kind = KindOf(v);
            var date = VisitDate(v);
            var doctor = 1 + Pick(v, 61, 6);
            var count = kind == SampleVisitKind.Completed ? BillableServicesOf(v) : 1;
            for (var i = 0; i < count; i++)
            {
                var mri = Pick(v, 70 + i, 2) == 0;
                var code = kind == SampleVisitKind.NotCtMri ? "A04.16.001"
                    : mri ? MriCodes[Pick(v, 72 + i, MriCodes.Length)] : CtCodes[Pick(v, 74 + i, CtCodes.Length)];
                var (payment, status) = kind switch
                {
                    SampleVisitKind.Paid => ("PAID", "done"),
                    SampleVisitKind.Cancelled => ("OMS", "cancelled"),
                    SampleVisitKind.Unfinished => ("OMS", "planned"),
                    _ => ("OMS", "done"),
                };
                var performer = i == 1 ? 1 + (doctor % 6) : doctor;
                yield return [++id, v, code, (short)1, FinishedDate(v) ?? date, performer, mri ? MriDepartment : CtDepartment, payment, status];
            }

            if (HasMixedServices(v))
            {
                yield return [++id, v, "A06.30.005", (short)1, date, doctor, CtDepartment, "PAID", "done"];
                yield return [++id, v, "A05.23.009", (short)1, date, doctor, MriDepartment, "OMS", "cancelled"];
                yield return [++id, v, "A04.16.001", (short)1, date, doctor, CtDepartment, "OMS", "done"];
            }
        }
    }

    private DateOnly BirthDate(int patient) => new DateOnly(1940, 1, 1).AddDays(Pick(patient, 80, 365 * 70));

    private int Cumulative(int visit) => visit + visit / 10;

    /// <summary>A deterministic pick in 0..n-1 for an entity and a purpose (SplitMix64 of the seed, entity, salt).</summary>
    private int Pick(long entity, int salt, int n)
    {
        var z = _seed + (ulong)entity * 0x9E3779B97F4A7C15UL + (ulong)salt * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)n);
    }

    /// <summary>A SNILS with a valid check number, as the MIS keeps it: "123-456-789 01".</summary>
    internal static string FormatSnils(int number)
    {
        var digits = number.ToString("000000000");
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (9 - i);
        }

        var check = sum < 100 ? sum : sum is 100 or 101 ? 0 : sum % 101 % 100;
        return $"{digits[..3]}-{digits[3..6]}-{digits[6..]} {check:00}";
    }
}

/// <summary>A column of a sample table: its name and the .NET type of its values (int, short, string, DateOnly, bool).</summary>
public sealed record SampleColumn(string Name, Type Type);

/// <summary>A table of the sample schema and its rows, streamed.</summary>
public sealed record SampleTable(string Name, IReadOnlyList<SampleColumn> Columns, IEnumerable<object?[]> Rows);
