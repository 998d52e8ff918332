using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Omslite.Hub.Tests.ReferenceBooks.Api.ReferenceBooksHub;

namespace Omslite.Hub.Tests.ReferenceBooks.Api;

/// <summary>Reading books: none of these tests writes, so they share one hub.</summary>
public class ReferenceBookReadTests(ReferenceBooksHub books) : IClassFixture<ReferenceBooksHub>
{
    [Fact]
    public async Task The_book_list_has_titles_kinds_counts_and_who_may_edit()
    {
        var asAdmin = await books.AdminA.GetFromJsonAsync<JsonElement[]>("/api/reference");
        var asViewer = await books.ViewerA.GetFromJsonAsync<JsonElement[]>("/api/reference");

        var doctors = asAdmin!.Single(b => b.GetProperty("id").GetString() == "doctors");
        var mkb = asAdmin!.Single(b => b.GetProperty("id").GetString() == "MKB10");
        Assert.Equal("Врачи", doctors.GetProperty("title").GetString());
        Assert.Equal("local", doctors.GetProperty("kind").GetString());
        Assert.Equal(60, doctors.GetProperty("rowCount").GetInt64());
        Assert.True(doctors.GetProperty("canEdit").GetBoolean());
        Assert.Equal("federal", mkb.GetProperty("kind").GetString());
        Assert.Equal(6, mkb.GetProperty("rowCount").GetInt64());
        Assert.False(mkb.GetProperty("canEdit").GetBoolean());
        Assert.False(asViewer!.Single(b => b.GetProperty("id").GetString() == "doctors").GetProperty("canEdit").GetBoolean());
        Assert.Contains(asAdmin!, b => b.GetProperty("id").GetString() == "V021");
    }

    [Fact]
    public async Task The_book_list_describes_the_edit_form_of_each_editable_book()
    {
        var list = await books.AdminA.GetFromJsonAsync<JsonElement[]>("/api/reference");
        JsonElement Book(string id) => list!.Single(b => b.GetProperty("id").GetString() == id);
        static List<string?> Names(JsonElement form) =>
            form.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToList();

        // Doctors: add, edit, delete, with the version; the fields in the order of ui.md §2.1's form.
        var doctors = Book("doctors").GetProperty("editing");
        Assert.Equal("id", Book("doctors").GetProperty("key").GetString());
        Assert.True(doctors.GetProperty("canCreate").GetBoolean());
        Assert.True(doctors.GetProperty("canDelete").GetBoolean());
        Assert.True(doctors.GetProperty("versioned").GetBoolean());
        Assert.Equal(["family", "snils", "code", "spec", "division", "district", "tabid"], Names(doctors));
        Assert.Equal(["id", "code", "spec", "family"], Book("doctors").GetProperty("sortable").EnumerateArray().Select(f => f.GetString()));
        var snils = doctors.GetProperty("fields")[1];
        Assert.Equal("СНИЛС", snils.GetProperty("label").GetString());
        Assert.Equal("text", snils.GetProperty("type").GetString());
        Assert.True(snils.GetProperty("required").GetBoolean());
        Assert.Equal("integer", doctors.GetProperty("fields")[2].GetProperty("type").GetString());

        // Specialties: add and edit, no delete; the code is the key, given once.
        var specialties = Book("local-specialties").GetProperty("editing");
        Assert.Equal("spec", Book("local-specialties").GetProperty("key").GetString());
        Assert.False(specialties.GetProperty("canDelete").GetBoolean());
        Assert.False(specialties.GetProperty("versioned").GetBoolean());
        Assert.True(specialties.GetProperty("fields")[0].GetProperty("fixed").GetBoolean());
        var det = specialties.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "det");
        Assert.Equal("boolean", det.GetProperty("type").GetString());
        Assert.False(det.GetProperty("default").GetBoolean());

        // Tariffs: only the price of existing rows; federal books: no form at all.
        var tariffs = Book("tariffs").GetProperty("editing");
        Assert.False(tariffs.GetProperty("canCreate").GetBoolean());
        Assert.Equal(["price"], Names(tariffs));
        Assert.Equal("decimal", tariffs.GetProperty("fields")[0].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, Book("MKB10").GetProperty("editing").ValueKind);
        Assert.Equal("code", Book("MKB10").GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, Book("mo-local").GetProperty("editing").ValueKind);
    }

    [Fact]
    public async Task Lists_come_in_pages_of_50_sorted_by_the_books_order()
    {
        var first = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/doctors");
        var second = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/doctors?page=2");

        Assert.Equal(60, first.GetProperty("total").GetInt64());
        Assert.Equal(50, first.GetProperty("items").GetArrayLength());
        Assert.Equal(Enumerable.Range(1, 50).Select(n => n.ToString()), Field(first, "code"));
        Assert.Equal(Enumerable.Range(51, 10).Select(n => n.ToString()), Field(second, "code"));
    }

    [Fact]
    public async Task A_whitelisted_sort_field_sorts_and_an_unknown_one_falls_back_to_the_default()
    {
        var byFamily = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/doctors?sort=family&desc=true&pageSize=500");
        var unknown = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/doctors?sort=snils;drop table doctor&pageSize=500");

        var families = Field(byFamily, "family");
        Assert.Equal(families.OrderByDescending(f => f, StringComparer.Ordinal).ThenBy(f => f), families);
        Assert.NotEqual(Field(unknown, "family"), families);
        Assert.Equal(Enumerable.Range(1, 60).Select(n => n.ToString()), Field(unknown, "code"));
    }

    [Fact]
    public async Task Numeric_federal_codes_sort_as_numbers()
    {
        var page = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/V002?sort=code");

        Assert.Equal(["9", "78", "100"], Field(page, "code"));
    }

    [Theory]
    [InlineData("S52", new[] { "S52", "S52.5" })]
    [InlineData("s52.", new[] { "S52.5" })]
    [InlineData("Ы52", new[] { "S52", "S52.5" })]
    [InlineData("ы52ю5", new[] { "S52.5" })]
    [InlineData("перелом", new[] { "S52", "S52.5", "S62" })]
    [InlineData("ЗЕРЕЛОМ", new string[0])]
    [InlineData("gthtkjv", new[] { "S52", "S52.5", "S62" })]
    [InlineData("спины", new[] { "M54.5" })]
    public async Task Mkb10_is_searched_by_code_or_name_in_either_keyboard_layout(string q, string[] codes)
    {
        var page = await books.ViewerA.GetFromJsonAsync<JsonElement>($"/api/reference/MKB10?q={Uri.EscapeDataString(q)}");

        Assert.Equal(codes, Field(page, "code"));
    }

    [Fact]
    public async Task Mkb10_search_needs_three_characters()
    {
        var response = await books.ViewerA.GetAsync("/api/reference/MKB10?q=S5");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("q", error.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("не менее 3 символов", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AsOf_keeps_the_entries_valid_on_that_date()
    {
        var all = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/MKB10");
        var in2005 = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/MKB10?asOf=2005-06-01");
        var in2021 = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/MKB10?asOf=2021-06-01");
        var bad = await books.ViewerA.GetAsync("/api/reference/MKB10?asOf=01.06.2021");

        Assert.Equal(6, all.GetProperty("total").GetInt64());
        Assert.Contains("A00", Field(in2005, "code"));
        Assert.DoesNotContain("U07.1", Field(in2005, "code"));
        Assert.Contains("U07.1", Field(in2021, "code"));
        Assert.DoesNotContain("A00", Field(in2021, "code"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_federal_row_is_read_by_code_with_its_own_fields()
    {
        var row = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/mkb10/S52.5");
        var expired = await books.ViewerA.GetAsync("/api/reference/MKB10/A00?asOf=2021-01-01");

        Assert.Equal("Перелом нижнего конца лучевой кости", row.GetProperty("name").GetString());
        Assert.Equal("1", row.GetProperty("attrs").GetProperty("oms").GetString());
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task A_search_that_looks_like_sql_finds_nothing_and_changes_nothing()
    {
        var response = await books.ViewerA.GetAsync($"/api/reference/doctors?q={Uri.EscapeDataString("'; drop table doctor; --")}");
        var wildcard = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/doctors?q=%25");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await JsonAsync(response)).GetProperty("total").GetInt64());
        Assert.Equal(0, wildcard.GetProperty("total").GetInt64());
        Assert.Equal(61, await books.ScalarAsync<long>("select count(*) from doctor"));
    }

    [Fact]
    public async Task An_unknown_book_or_row_is_404_in_russian()
    {
        var response = await books.ViewerA.GetAsync("/api/reference/no-such-book");
        var row = await books.ViewerA.GetAsync("/api/reference/doctors/999999");
        var notANumber = await books.ViewerA.GetAsync("/api/reference/doctors/abc");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Справочник «no-such-book» не найден", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.Equal("Запись «999999» не найдена в справочнике «Врачи»", (await JsonAsync(row)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);
    }

    [Fact]
    public async Task Doctors_are_searched_by_code_prefix_or_name_part()
    {
        var byCode = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/doctors?q=5");
        var byName = await books.ViewerA.GetFromJsonAsync<JsonElement>($"/api/reference/doctors?q={Uri.EscapeDataString("ач я")}");

        Assert.Equal(["5", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59"], Field(byCode, "code"));
        Assert.Equal(["30", "60"], Field(byName, "code"));
        Assert.Equal("Рентгенолог", byName.GetProperty("items")[0].GetProperty("specName").GetString());
    }

    [Fact]
    public async Task Pmu_is_searched_by_short_number_and_code_prefix()
    {
        var fromTwo = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/pmu?n=2");
        var byCode = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/pmu?q=a05");
        var russianLayout = await books.ViewerA.GetFromJsonAsync<JsonElement>($"/api/reference/pmu?q={Uri.EscapeDataString("Ф06")}");
        var tooShort = await books.ViewerA.GetAsync("/api/reference/pmu?q=A0");

        Assert.Equal(["A06.A.002"], Field(fromTwo, "code"));
        Assert.Equal(["A05.A.001"], Field(byCode, "code"));
        Assert.Equal(["A06.A.002"], Field(russianLayout, "code"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
    }

    [Fact]
    public async Task Tariffs_show_the_version_in_force_today_unless_asked_for_another()
    {
        var today = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/tariffs");
        var in2024 = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/tariffs?asOf=2024-07-01");
        var before = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/tariffs?asOf=2023-12-31");
        var versions = await books.ViewerA.GetFromJsonAsync<JsonElement>("/api/reference/tariff-versions");
        var first = versions.GetProperty("items")[0];
        var byVersion = await books.ViewerA.GetFromJsonAsync<JsonElement>($"/api/reference/tariffs?version={first.GetProperty("id")}");

        Assert.Equal(["1200.00"], Field(today, "price"));
        Assert.Equal("2025-01-01", today.GetProperty("items")[0].GetProperty("validFrom").GetString());
        Assert.Equal(["1000.00"], Field(in2024, "price"));
        Assert.Equal(0, before.GetProperty("total").GetInt64());
        Assert.Equal(["2024-01-01", "2025-01-01"], Field(versions, "validFrom"));
        Assert.Equal(["False", "True"], Field(versions, "inForce"));
        Assert.Equal(["1000.00"], Field(byVersion, "price"));
    }

    [Fact]
    public async Task A_user_of_another_mo_sees_none_of_this_mos_local_rows()
    {
        var doctorA = await books.ScalarAsync<int>("select id from doctor where mo_id = @mo order by id limit 1", new { mo = books.MoAId });
        var pmuA = await books.ScalarAsync<int>("select id from pmu where mo_id = @mo order by id limit 1", new { mo = books.MoAId });
        var versionA = await books.ScalarAsync<int>("select id from tariff_version where mo_id = @mo order by id limit 1", new { mo = books.MoAId });

        var doctors = await books.ViewerB.GetFromJsonAsync<JsonElement>("/api/reference/doctors?pageSize=500");
        var pmu = await books.ViewerB.GetFromJsonAsync<JsonElement>("/api/reference/pmu");
        var tariffs = await books.ViewerB.GetFromJsonAsync<JsonElement>("/api/reference/tariffs");
        var tariffsOfA = await books.ViewerB.GetFromJsonAsync<JsonElement>($"/api/reference/tariffs?version={versionA}");

        Assert.Equal(["Доктор Б"], Field(doctors, "family"));
        Assert.Equal(["A05.B.001", "A06.B.002"], Field(pmu, "code"));
        Assert.Equal(["A05.B.001"], Field(tariffs, "code"));
        Assert.Equal(0, tariffsOfA.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await books.ViewerB.GetAsync($"/api/reference/doctors/{doctorA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await books.ViewerB.GetAsync($"/api/reference/pmu/{pmuA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await books.ViewerB.GetAsync($"/api/reference/pmu/{pmuA}/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await books.ViewerB.GetAsync("/api/reference/tariffs/A05.A.001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await books.ViewerA.GetAsync($"/api/reference/doctors/{doctorA}")).StatusCode);
    }

    [Fact]
    public async Task The_reference_api_needs_a_signed_in_user()
    {
        var response = await books.Hub.Anonymous.GetAsync("/api/reference/doctors");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
