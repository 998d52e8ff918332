namespace Omslite.Hub.Patients;

/// <summary>Which column of <c>patient</c> holds which field: the one place the API names meet the schema.</summary>
internal static class PatientColumns
{
    /// <summary>(column, parameter) pairs of every stored field of <see cref="PatientFields"/>.</summary>
    public static readonly (string Column, string Parameter)[] Stored =
    [
        ("card_number", "CardNumber"), ("fam", "Fam"), ("im", "Im"), ("ot", "Ot"), ("sex", "Sex"),
        ("birth_date", "BirthDate"), ("dost", "Dost"), ("policy_type", "PolicyType"), ("policy_series", "PolicySeries"),
        ("policy_number", "PolicyNumber"), ("smo", "Smo"), ("smo_okato", "SmoOkato"), ("st_okato", "StOkato"),
        ("smo_ogrn", "SmoOgrn"), ("smo_name", "SmoName"), ("dul_type", "DulType"), ("dul_series", "DulSeries"),
        ("dul_number", "DulNumber"), ("dul_date", "DulDate"), ("dul_issuer", "DulIssuer"), ("ufms_code", "UfmsCode"),
        ("snils", "Snils"), ("mo_att", "MoAtt"), ("soc", "Soc"), ("vz", "Vz"), ("city", "City"), ("street", "Street"),
        ("house", "House"), ("building", "Building"), ("flat", "Flat"), ("phone_mobile", "PhoneMobile"),
        ("phone_contact", "PhoneContact"),
    ];

    public static readonly string SelectList = string.Join(", ", Stored.Select(c => c.Column));

    public static readonly string InsertColumns = string.Join(", ", Stored.Select(c => c.Column));

    public static readonly string InsertValues = string.Join(", ", Stored.Select(c => "@" + c.Parameter));

    public static readonly string UpdateSet = string.Join(", ", Stored.Select(c => $"{c.Column} = @{c.Parameter}"));

    /// <summary>Sortable list fields → SQL.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["cardNumber"] = "p.card_number",
        ["fam"] = "p.fam",
        ["birthDate"] = "p.birth_date",
        ["policyNumber"] = "p.policy_number",
        ["updatedAt"] = "p.updated_at",
    };
}
