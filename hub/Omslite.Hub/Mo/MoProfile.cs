using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.Mo;

/// <summary>
/// The MO record as the API shows and edits it (table <c>mo</c>, 0001_mo.sql). The 6-digit F003 code names the
/// MO everywhere and is not edited here; the short code keeps its leading zeros (D2.7).
/// </summary>
public static class MoProfile
{
    public static readonly BookEditing Editing = new(
        "mo",
        "id",
        [
            new("code", "code", "Код МО", FieldType.Text) { Fixed = true },
            new("shortCode", "short_code", "Краткий код МО", FieldType.Text)
            {
                Required = true,
                Problem = FieldChecks.Matches(@"^\S{3}$", "Краткий код МО — ровно 3 символа, ведущие нули сохраняются (например, 007)"),
            },
            new("name", "name", "Наименование МО", FieldType.Text) { Required = true },
            new("region", "region", "Код региона", FieldType.Text)
            {
                Required = true,
                Problem = FieldChecks.Matches("^[0-9]{2}$", "Код региона — 2 цифры, например 25"),
            },
            new("okato", "okato", "ОКАТО", FieldType.Text)
            {
                Required = true,
                Problem = FieldChecks.Matches("^[0-9]{5}$", "ОКАТО региона — 5 цифр, например 05000"),
            },
            new("regionFormat", "region_format", "Формат региона", FieldType.Text),
            new("lpu1", "lpu_1", "LPU_1", FieldType.Text),
            new("plat", "plat", "PLAT", FieldType.Text),
            new("settings", "settings", "Настройки", FieldType.Json) { Required = true, MissingMessage = "Настройки — объект JSON" },
        ])
    {
        Scope = new Dictionary<string, string>(),
        CanCreate = false,
        AuditId = "code",
        Touch = "updated_at = now()",
    };

    /// <summary>The row as JSON, with the fields named as <see cref="Editing"/> names them.</summary>
    public static readonly string SelectJson =
        "select json_build_object(" + string.Join(", ", Editing.Fields.Select(f => $"'{f.Field}', {f.Column}")) + ")::text from mo where id = @mo";
}
