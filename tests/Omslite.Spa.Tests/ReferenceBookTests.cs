using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

[Collection(SpaCollection.Name)]
public sealed class ReferenceBookTests(SpaHub hub)
{
    private const string V006 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <packet>
          <zglv><type>V006</type><version>2.0</version></zglv>
          <zap><IDUMP>1</IDUMP><UMPNAME>Стационарно</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
          <zap><IDUMP>2</IDUMP><UMPNAME>В дневном стационаре</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
          <zap><IDUMP>3</IDUMP><UMPNAME>Амбулаторно</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
        </packet>
        """;

    [Fact]
    public async Task An_admin_uploads_an_nsi_book_and_sees_the_result_message()
    {
        var page = await hub.SignInAsync(SpaHub.AdminLogin, SpaHub.AdminPassword);
        await page.Locator(".menu").GetByText("Справочники", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Справочники");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "V006.xml", MimeType = "text/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(V006),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить" }).ClickAsync();
        var message = page.GetByTestId("task-message");
        await Expect(message).ToContainTextAsync("Файл: V006.xml. Справочник V006: записей 3");
        await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("done"));
        await SpaHub.ShotAsync(page, "reference-books");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "V006.xml", MimeType = "text/xml", Buffer = System.Text.Encoding.UTF8.GetBytes("<packet><zap><IDUMP>1</IDUMP>"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить" }).ClickAsync();
        await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("failed"));
        await Expect(message).ToContainTextAsync("V006.xml");
        await SpaHub.ShotAsync(page, "reference-upload-error");
    }

    [Fact]
    public async Task An_operator_sees_the_books_but_no_upload()
    {
        var page = await hub.SignInAsync();
        await page.GotoAsync($"{hub.BaseUrl}/reference");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Справочники");
        await Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);

        // The book list comes from GET /api/reference; a book opens as a searchable table.
        var side = page.Locator("nav.side");
        await side.GetByRole(AriaRole.Link, new() { Name = "МКБ-10" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("МКБ-10");
        await page.Locator("input[name=q]").FillAsync("ы52");
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.grid tbody tr")).ToContainTextAsync("S52.5");
        await page.Locator("input[name=q]").FillAsync("");
        await Expect(page.Locator("table.grid tbody tr")).Not.ToHaveCountAsync(1);
        await SpaHub.ShotAsync(page, "reference-book-table");
    }
}
