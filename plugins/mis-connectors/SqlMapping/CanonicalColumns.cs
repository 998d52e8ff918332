namespace Omslite.MisConnectors.SqlMapping;

/// <summary>What a canonical column holds, which decides the database types it accepts.</summary>
public enum ColumnKind
{
    /// <summary>A stable key: text or an integer (kept as its invariant text).</summary>
    Key,

    /// <summary>Text; an integer is accepted and kept as its invariant text. Blank becomes null.</summary>
    Text,

    /// <summary>An integer (smallint, integer, bigint, or a numeric without fraction).</summary>
    Integer,

    /// <summary>A date (date or timestamp; the time of day is dropped).</summary>
    Date,

    /// <summary>A yes/no flag: boolean, or an integer where 0 is no.</summary>
    Flag,

    /// <summary>The 64-bit modification stamp the watermark follows.</summary>
    Stamp,
}

/// <summary>One column a mapping query returns: the integrator's contract (see README.md of SqlMapping).</summary>
/// <param name="Index">Position in <see cref="CanonicalColumns.Cases"/> or <see cref="CanonicalColumns.Services"/>.</param>
/// <param name="Name">The column name (compared without regard to case: Firebird answers in upper case).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Required">Whether the query must return it; an optional column left out reads as null (or the
/// SDK default).</param>
/// <param name="Meaning">One line for the documentation and messages.</param>
public sealed record CanonicalColumn(int Index, string Name, ColumnKind Kind, bool Required, string Meaning);

/// <summary>The canonical columns of the two mapping queries, <c>cases.sql</c> and <c>services.sql</c>.</summary>
public static class CanonicalColumns
{
    private static readonly List<CanonicalColumn> CaseList = [];
    private static readonly List<CanonicalColumn> ServiceList = [];

    // cases.sql: one row per case (visit), ordered by change_stamp.
    internal static readonly CanonicalColumn CaseKey = Case("case_key", ColumnKind.Key, true, "стабильный ключ случая (посещения) в МИС");
    internal static readonly CanonicalColumn ChangeStamp = Case("change_stamp", ColumnKind.Stamp, true, "отметка изменения (bigint), растёт при любом изменении случая; по ней идёт водяной знак");
    internal static readonly CanonicalColumn IsCancelled = Case("is_cancelled", ColumnKind.Flag, false, "1 — случай отменён, удалён или больше не ОМС КТ/МРТ (хаб удалит его)");
    internal static readonly CanonicalColumn ChangeMarker = Case("change_marker", ColumnKind.Text, false, "маркер изменения; без него — хэш содержимого случая");
    internal static readonly CanonicalColumn PatientKey = Case("patient_key", ColumnKind.Key, true, "стабильный ключ пациента");
    internal static readonly CanonicalColumn CardNumber = Case("card_number", ColumnKind.Text, true, "номер карты");
    internal static readonly CanonicalColumn Fam = Case("fam", ColumnKind.Text, false, "фамилия");
    internal static readonly CanonicalColumn Im = Case("im", ColumnKind.Text, false, "имя");
    internal static readonly CanonicalColumn Ot = Case("ot", ColumnKind.Text, false, "отчество");
    internal static readonly CanonicalColumn Sex = Case("sex", ColumnKind.Text, false, "пол: «м» или «ж»");
    internal static readonly CanonicalColumn BirthDate = Case("birth_date", ColumnKind.Date, false, "дата рождения");
    internal static readonly CanonicalColumn PolicySeries = Case("policy_series", ColumnKind.Text, false, "серия полиса старого образца");
    internal static readonly CanonicalColumn PolicyNumber = Case("policy_number", ColumnKind.Text, false, "номер полиса: ЕНП 16 цифр, временное свидетельство 9 цифр");
    internal static readonly CanonicalColumn SmoCode = Case("smo_code", ColumnKind.Text, false, "код СМО по F002 (0 — ТФОМС)");
    internal static readonly CanonicalColumn SmoOkato = Case("smo_okato", ColumnKind.Text, false, "ОКАТО территории страхования");
    internal static readonly CanonicalColumn DulType = Case("dul_type", ColumnKind.Integer, false, "тип ДУЛ по F011 (14 — паспорт)");
    internal static readonly CanonicalColumn DulSeries = Case("dul_series", ColumnKind.Text, false, "серия ДУЛ; паспорт — «99 99»");
    internal static readonly CanonicalColumn DulNumber = Case("dul_number", ColumnKind.Text, false, "номер ДУЛ");
    internal static readonly CanonicalColumn DulDate = Case("dul_date", ColumnKind.Date, false, "дата выдачи ДУЛ");
    internal static readonly CanonicalColumn DulIssuer = Case("dul_issuer", ColumnKind.Text, false, "кем выдан ДУЛ");
    internal static readonly CanonicalColumn Snils = Case("snils", ColumnKind.Text, false, "СНИЛС пациента, 11 цифр");
    internal static readonly CanonicalColumn AttachmentMo = Case("attachment_mo", ColumnKind.Text, false, "код МО прикрепления по F003 (6 цифр)");
    internal static readonly CanonicalColumn Soc = Case("soc", ColumnKind.Integer, false, "социальный статус (SOC)");
    internal static readonly CanonicalColumn City = Case("city", ColumnKind.Text, false, "адрес: населённый пункт");
    internal static readonly CanonicalColumn Street = Case("street", ColumnKind.Text, false, "адрес: улица");
    internal static readonly CanonicalColumn House = Case("house", ColumnKind.Text, false, "адрес: дом");
    internal static readonly CanonicalColumn Flat = Case("flat", ColumnKind.Text, false, "адрес: квартира");
    internal static readonly CanonicalColumn Phone = Case("phone", ColumnKind.Text, false, "телефон");
    internal static readonly CanonicalColumn OpenDate = Case("open_date", ColumnKind.Date, true, "дата начала (DATE_1)");
    internal static readonly CanonicalColumn CloseDate = Case("close_date", ColumnKind.Date, true, "дата окончания (DATE_2)");
    internal static readonly CanonicalColumn ReportYear = Case("report_year", ColumnKind.Integer, false, "отчётный год, если МИС его ведёт (вместе с report_month)");
    internal static readonly CanonicalColumn ReportMonth = Case("report_month", ColumnKind.Integer, false, "отчётный месяц 1–12; без него — месяц даты окончания");
    internal static readonly CanonicalColumn Sent = Case("sent", ColumnKind.Flag, false, "уже отправлен в ТФОМС");
    internal static readonly CanonicalColumn Mek = Case("mek", ColumnKind.Flag, false, "отказ МЭК");
    internal static readonly CanonicalColumn Urgent = Case("urgent", ColumnKind.Flag, false, "неотложная помощь (FOR_POM 2), иначе плановая (3)");
    internal static readonly CanonicalColumn FirstVisit = Case("first_visit", ColumnKind.Flag, false, "первичное посещение (по умолчанию да)");
    internal static readonly CanonicalColumn Purpose = Case("purpose", ColumnKind.Integer, false, "региональный код цели (4 — диагностика)");
    internal static readonly CanonicalColumn DoctorSnils = Case("doctor_snils", ColumnKind.Text, false, "СНИЛС врача, 11 цифр");
    internal static readonly CanonicalColumn DoctorName = Case("doctor_name", ColumnKind.Text, false, "ФИО врача");
    internal static readonly CanonicalColumn Prvs = Case("prvs", ColumnKind.Integer, false, "специальность врача по V021 (60 — рентгенолог)");
    internal static readonly CanonicalColumn Profile = Case("profile", ColumnKind.Integer, false, "профиль по V002 (78)");
    internal static readonly CanonicalColumn Ds1 = Case("ds1", ColumnKind.Text, false, "основной диагноз, МКБ-10");
    internal static readonly CanonicalColumn Ds2 = Case("ds2", ColumnKind.Text, false, "сопутствующий диагноз, МКБ-10");
    internal static readonly CanonicalColumn CZab = Case("c_zab", ColumnKind.Integer, false, "характер заболевания, V027");
    internal static readonly CanonicalColumn Ishod = Case("ishod", ColumnKind.Integer, false, "исход (V012 или короткий код региона)");
    internal static readonly CanonicalColumn Rslt = Case("rslt", ColumnKind.Integer, false, "результат (V009 или короткий код региона)");
    internal static readonly CanonicalColumn VisitPol = Case("visit_pol", ColumnKind.Integer, false, "посещений в поликлинике (по умолчанию 1)");
    internal static readonly CanonicalColumn VisitHome = Case("visit_home", ColumnKind.Integer, false, "посещений на дому (по умолчанию 0)");
    internal static readonly CanonicalColumn ReferralMo = Case("referral_mo", ColumnKind.Text, false, "направившая МО по F003 (6 цифр)");
    internal static readonly CanonicalColumn ReferralNumber = Case("referral_number", ColumnKind.Text, false, "номер направления");
    internal static readonly CanonicalColumn ReferralDate = Case("referral_date", ColumnKind.Date, false, "дата направления");
    internal static readonly CanonicalColumn ReferralPrvs = Case("referral_prvs", ColumnKind.Integer, false, "специальность направившего врача, V021");

    // services.sql: one row per billable service (PMU) of the cases whose keys are in @case_keys.
    internal static readonly CanonicalColumn ServiceCaseKey = Service("case_key", ColumnKind.Key, true, "ключ случая, к которому относится услуга (как case_key в cases.sql)");
    internal static readonly CanonicalColumn ServiceKey = Service("service_key", ColumnKind.Key, true, "стабильный ключ строки услуги");
    internal static readonly CanonicalColumn Code = Service("code", ColumnKind.Text, true, "код ПМУ по приказу 804н (A05.* МРТ, A06.* КТ)");
    internal static readonly CanonicalColumn ServiceDate = Service("service_date", ColumnKind.Date, true, "дата оказания");
    internal static readonly CanonicalColumn Quantity = Service("quantity", ColumnKind.Integer, false, "кратность (по умолчанию 1)");
    internal static readonly CanonicalColumn ServiceDoctorSnils = Service("doctor_snils", ColumnKind.Text, false, "СНИЛС исполнителя, если это не врач случая");
    internal static readonly CanonicalColumn Unit = Service("unit", ColumnKind.Integer, false, "код подразделения-исполнителя");

    /// <summary>The columns of <c>cases.sql</c>, in documentation order.</summary>
    public static IReadOnlyList<CanonicalColumn> Cases => CaseList;

    /// <summary>The columns of <c>services.sql</c>, in documentation order.</summary>
    public static IReadOnlyList<CanonicalColumn> Services => ServiceList;

    private static CanonicalColumn Case(string name, ColumnKind kind, bool required, string meaning) =>
        Add(CaseList, name, kind, required, meaning);

    private static CanonicalColumn Service(string name, ColumnKind kind, bool required, string meaning) =>
        Add(ServiceList, name, kind, required, meaning);

    private static CanonicalColumn Add(List<CanonicalColumn> list, string name, ColumnKind kind, bool required, string meaning)
    {
        var column = new CanonicalColumn(list.Count, name, kind, required, meaning);
        list.Add(column);
        return column;
    }
}
