namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>The reference books the hub imports, as data: one descriptor each.</summary>
public static class NsiBooks
{
    private static readonly string[] FfomsBegin = ["DATEBEG"];
    private static readonly string[] FfomsEnd = ["DATEEND"];
    private static readonly string[] RegistryBegin = ["d_begin", "DATEBEG"];
    private static readonly string[] RegistryEnd = ["d_end", "DATEEND"];
    private static readonly Dictionary<string, string> NoAttributes = [];

    public static readonly IReadOnlyList<NsiBook> All =
    [
        Ffoms("V002", "Классификатор профилей оказанной медицинской помощи", "IDPR", "PRNAME"),
        Ffoms("V006", "Классификатор условий оказания медицинской помощи", "IDUMP", "UMPNAME"),
        Ffoms("V008", "Классификатор видов медицинской помощи", "IDVMP", "VMPNAME"),
        Ffoms("V009", "Классификатор результатов обращения за медицинской помощью", "IDRMP", "RMPNAME",
            new() { ["DL_USLOV"] = "uslOk" }),
        Ffoms("V010", "Классификатор способов оплаты медицинской помощи", "IDSP", "SPNAME"),
        Ffoms("V012", "Классификатор исходов заболевания", "IDIZ", "IZNAME", new() { ["DL_USLOV"] = "uslOk" }),
        Ffoms("V014", "Классификатор форм оказания медицинской помощи", "IDFRMMP", "FRMMPNAME"),
        Ffoms("V021", "Классификатор медицинских специальностей (должностей)", "IDSPEC", "SPECNAME",
            new() { ["POSTNAME"] = "postName", ["IDPOST_MZ"] = "postMz" }),
        Ffoms("V025", "Классификатор целей посещения", "IDPC", "N_PC"),
        Ffoms("V027", "Классификатор характера заболевания", "IDCZ", "N_CZ"),
        new("F002", "Единый реестр страховых медицинских организаций", ["F002"],
            ["smocod"], ["nam_smop", "nam_smok"], RegistryBegin, RegistryEnd,
            new Dictionary<string, string>
            {
                ["tf_okato"] = "okato", ["nam_smok"] = "shortName", ["Ogrn"] = "ogrn", ["KPP"] = "kpp", ["www"] = "site",
            }),
        new("F003", "Единый реестр медицинских организаций", ["F003"],
            ["mcod"], ["nam_mop", "nam_mok"], RegistryBegin, RegistryEnd,
            new Dictionary<string, string>
            {
                ["tf_okato"] = "okato", ["nam_mok"] = "shortName", ["Ogrn"] = "ogrn", ["KPP"] = "kpp", ["e_mail"] = "email",
            }),
        Ffoms("F008", "Классификатор типов документов, подтверждающих факт страхования по ОМС", "IDDOC", "DOCNAME"),
        Ffoms("F011", "Классификатор типов документов, удостоверяющих личность", "IDDoc", "DocName",
            new() { ["DocSer"] = "serialTpl", ["DocNum"] = "numberTpl", ["DocShortName"] = "shortName" }),
        new("O002", "Общероссийский классификатор объектов административно-территориального деления (ОКАТО)",
            ["O002", "OKATO"], ["OKATO"], ["NAME", "NAME1"], FfomsBegin, FfomsEnd,
            new Dictionary<string, string> { ["REGION"] = "region", ["OKRUG"] = "okrug" }),
        new("MKB10", "Международная классификация болезней (МКБ-10)", ["MKB10", "MKB-10", "M001", "MKB"],
            ["IDDS"], ["DSNAME"], FfomsBegin, FfomsEnd,
            new Dictionary<string, string> { ["OMS"] = "oms", ["OMS_DS"] = "omsDs" }),
        new("UFMS", "Подразделения, выдающие паспорта (УФМС)", ["UFMS"],
            ["CODE"], ["NAME"], FfomsBegin, FfomsEnd, NoAttributes),
        new("TFOMS_ERR", "Коды ошибок ТФОМС", ["TFOMS_ERR", "ERRORS_BARS"],
            ["NUM"], ["NAME"], FfomsBegin, FfomsEnd, NoAttributes) { JoinsRepeatedCodes = true },
    ];

    /// <summary>The book a header type or a book code names (V002, M001, MKB-10...), if any.</summary>
    public static NsiBook? ByName(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : All.FirstOrDefault(b => b.Aliases.Any(a => string.Equals(a, name.Trim(), StringComparison.OrdinalIgnoreCase)));

    private static NsiBook Ffoms(string code, string name, string codeField, string nameField, Dictionary<string, string>? attributes = null) =>
        new(code, name, [code], [codeField], [nameField], FfomsBegin, FfomsEnd, attributes ?? NoAttributes);
}
