using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Omslite.Hub.Demo;
using Omslite.Spa.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omslite.Spa.Tests;

/// <summary>
/// The month an operator lives through, in the browser against the demo as <c>./omslite run</c> makes it (its Firebird
/// MIS synced into a real PostgreSQL): sync, fix a visit the check refuses, check, build and download the pack, take
/// TFOMS's error protocol and reopen the refused visits, take the SMO's invoice and print its register, move the MEK
/// refusals to the next month. In the spa collection so that it never runs beside the other browser tests.
/// </summary>
[Collection(SpaCollection.Name)]
public sealed class FullCycleTests : IAsyncLifetime
{
    private readonly SpaHub _hub = SpaHub.WithDemoMis();
    private readonly string _downloads = Directory.CreateTempSubdirectory("omslite-cycle-").FullName;

    private static DateOnly Month => new(DateTime.Now.Year, DateTime.Now.Month, 1);

    private static string MonthText => Month.ToString("yyyy-MM");

    private static readonly string[] MonthNames =
        ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"];

    public Task InitializeAsync() => _hub.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public async Task An_operator_takes_a_month_from_the_mis_to_the_invoice_register_and_the_mek_transfer()
    {
        var page = await _hub.SignInAsync();

        // Обзор: the hub read the demo MIS at start — its month's completed OMS CT/MRI cases, not the paid, cancelled,
        // unfinished and ultrasound ones — and "Синхронизировать" reads it again in the same hub process: nothing new.
        var card = page.GetByTestId("source-" + DemoMisSource.SourceName);
        var synced = await VisitCountAsync("status = 1");
        Assert.Equal(110, synced);
        await Expect(card.GetByTestId("run-summary")).ToContainTextAsync($"прочитано {synced}: новых {synced}");
        await card.GetByRole(AriaRole.Button, new() { Name = "Синхронизировать" }).ClickAsync();
        await Expect(card.GetByTestId("sync-result")).ToHaveTextAsync("Синхронизация завершена: прочитано 0.");
        // The browser lives in Vladivostok, the hub (and so the demo's month) in the machine's zone: on the last day of a
        // month the overview may open on the next one.
        var monthTitle = $"{MonthNames[Month.Month - 1]} {Month.Year}";
        if (!(await page.GetByTestId("report-month").InnerTextAsync()).EndsWith(monthTitle, StringComparison.Ordinal))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Предыдущий месяц" }).ClickAsync();
        }

        await Expect(page.GetByTestId("report-month")).ToHaveTextAsync($"Отчётный месяц: {monthTitle}");
        await Expect(page.GetByTestId("count-open")).ToHaveTextAsync(synced.ToString());
        await ExpectStagesAsync(page, ("new", synced), ("corrected", 0), ("problem", 0), ("ready", 0), ("sent", 0));
        await SpaHub.ShotAsync(page, "cycle-overview");

        // Реестры → Пакеты → "Проверить": the demo's three mistaken cases are refused.
        await page.Locator(".menu").GetByText("Реестры", new() { Exact = true }).ClickAsync();
        await page.Locator("input[name=month]").FillAsync(MonthText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        var message = page.GetByTestId("task-message");
        await Expect(message).ToContainTextAsync($"H записей: {synced - 3}, L записей:");
        await Expect(message).ToContainTextAsync("НАЙДЕНО ОШИБОК: 3.");
        var problems = page.GetByTestId("pack-problems").Locator("tbody tr");
        await Expect(problems).ToHaveCountAsync(3);
        await SpaHub.ShotAsync(page, "cycle-check");

        // The visit without a diagnosis: opened from the problem table, fixed, saved.
        var noDiagnosis = problems.Filter(new() { HasText = "DS1" });
        await Expect(noDiagnosis).ToHaveCountAsync(1);
        var fixedNumber = await noDiagnosis.Locator("td").First.InnerTextAsync();
        await noDiagnosis.Locator("td").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync($"Талон № {fixedNumber}");
        await page.Locator("input[name=ds1]").FillAsync("ь51ю1");
        await Expect(page.Locator("input[name=ds1]")).ToHaveValueAsync("M51.1");
        await page.Locator("input[name=ds1]").PressAsync("Control+Enter");
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync($"Талон № {fixedNumber} сохранён");
        await SpaHub.ShotAsync(page, "cycle-visit-fixed");

        // Checked again: two problems left; then built with the login typed, and downloaded.
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Expect(message).ToContainTextAsync($"H записей: {synced - 2}, L записей:");
        await Expect(message).ToContainTextAsync("НАЙДЕНО ОШИБОК: 2.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await page.Locator(".dialog input[name=dialog-input]").FillAsync(DemoUser.Login);
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Сформировать" }).ClickAsync();
        await Expect(message).ToContainTextAsync($"H записей: {synced - 2}, L записей:");
        var packName = $"H250999{Month.Year % 10}{Month.Month:00}01.zip";
        var packLink = page.GetByTestId("pack-file").GetByRole(AriaRole.Button);
        await Expect(packLink).ToHaveTextAsync(packName);
        var pack = await DownloadAsync(page, packLink, packName);
        using (var zip = ZipFile.OpenRead(pack))
        {
            var stem = $"250999T25_{Month:yyMM}9991.xml";
            Assert.Equal(["HM" + stem, "LM" + stem, "PM" + stem], zip.Entries.Select(e => e.Name).Order());
        }

        var cases = ReturnFiles.Cases(pack);
        Assert.Equal(synced - 2, cases.Count);
        Assert.Contains(cases, c => c.Number.ToString() == fixedNumber);
        Assert.Equal(synced - 2, await VisitCountAsync("status = 2"));

        // Ошибки ФЛК: the protocol refuses two packed cases (one also with the ignored 824) and one the MO never had.
        var (first, second) = (cases[0], cases[1]);
        var protocol = ReturnFiles.Protocol(DemoSeeder.MoCode, Month,
            (first.Number, "910", "Полис не найден в РС ЕРЗ"), (first.Number, "824", null), (second.Number, "903", null), (999_999, "910", null));
        await page.Locator(".side").GetByText("Ошибки ФЛК", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Реестры: ошибки ФЛК");
        await page.Locator("input[name=protocol]").SetInputFilesAsync(new FilePayload { Name = protocol.Name, MimeType = "text/xml", Buffer = protocol.Content });
        await Expect(page.GetByTestId("protocol-name")).ToHaveTextAsync(protocol.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Импорт" }).ClickAsync();
        await Expect(message).ToContainTextAsync($"Файл ошибок: {protocol.Name} Записей считано 3");
        var flkResult = page.GetByTestId("flk-result");
        await Expect(flkResult).ToContainTextAsync("Найдено талонов: 2; снова открыто для исправления: 2");
        await Expect(flkResult).ToContainTextAsync("Строк ошибок записано: 3");
        await Expect(flkResult).ToContainTextAsync("Талон не найден (1): 999999");
        var errors = page.GetByTestId("flk-errors").Locator("tbody tr");
        await Expect(errors).ToHaveCountAsync(3);
        await Expect(errors.Nth(0)).ToContainTextAsync("Пациент не идентифицирован в РС ЕРЗ");
        await Expect(errors.Nth(0)).ToContainTextAsync("Полис не найден в РС ЕРЗ");
        await Expect(errors.Nth(1)).ToContainTextAsync("Отсутствует МО прикрепления или направления");
        await Expect(errors.Nth(2)).ToContainTextAsync("Талон не найден");
        await SpaHub.ShotAsync(page, "flk-errors");

        // The CSV of the batch (D4): a header, one line per error, UTF-8 with BOM.
        await page.GetByRole(AriaRole.Button, new() { Name = "Выгрузить в CSV" }).ClickAsync();
        await Expect(page.GetByTestId("flk-export")).ToContainTextAsync("Последние ошибки");
        var csvLink = page.GetByTestId("flk-export").GetByTestId("result-file").GetByRole(AriaRole.Button);
        var csv = await File.ReadAllBytesAsync(await DownloadAsync(page, csvLink, null));
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).TrimEnd().Split("\r\n");
        Assert.Equal("tal_num;crd_num;fam;open_date;close_date;error;cmt;comment", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{first.Number};", lines[1]);

        // The refused visit, opened from the table, is open again and can be corrected and saved.
        await errors.Nth(1).Locator("td").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator(".editor-title h1")).ToContainTextAsync($"Талон № {second.Number}");
        await Expect(page.Locator(".editor-title .state")).ToHaveTextAsync("открыт");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Направление" }).ClickAsync();
        await page.Locator("input[name=nprNumber]").FillAsync("228000777");
        await page.Locator("input[name=nprNumber]").PressAsync("Control+Enter");
        await Expect(page.Locator(".message.ok")).ToHaveTextAsync($"Талон № {second.Number} сохранён");
        await page.GoBackAsync();
        await Expect(page.GetByTestId("flk-errors").Locator("tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(2, await VisitCountAsync("status = 1 and number = any(@numbers)", new[] { first.Number, second.Number }));

        // Счета: the SMO's invoice pays two cases and refuses the third (SUMP 0.00); MEK marking is on by default.
        var (paidA, paidB, refused) = (cases[2], cases[3], cases[4]);
        var invoice = ReturnFiles.Invoice(DemoSeeder.MoCode, "25011", Month, (paidA, 2189.50m), (paidB, 2189.50m), (refused, 0m));
        await page.Locator(".side").GetByText("Счета", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Реестры: счета СМО и ТФОМС");
        await Expect(page.Locator("input[name=cmek]")).ToBeCheckedAsync();
        await Expect(page.Locator("input[name=csmo]")).Not.ToBeCheckedAsync();
        await page.Locator("input[name=invoice]").SetInputFilesAsync(new FilePayload { Name = invoice.Name, MimeType = "application/zip", Buffer = invoice.Content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Импорт" }).ClickAsync();
        await Expect(message).ToContainTextAsync($"Счет {invoice.Name}. Записей в счете 3, (МЭК 1), записей в реестре 3.");
        await Expect(page.GetByTestId("invoice-result")).ToContainTextAsync("Отказов МЭК в счёте: 1; талонов отмечено МЭК и открыто: 1");
        await SpaHub.ShotAsync(page, "invoices");

        // The SMO register (XLSX): data from row 13 in NHISTORY order, the refused case marked МЭК with nothing paid.
        var registerLink = page.GetByTestId("result-file").GetByRole(AriaRole.Button);
        await Expect(registerLink).ToHaveTextAsync(new Regex($@"^reestr_amb_25011_{Month:MM}_{Month.Year}_[A-Za-z0-9]{{5}}\.xlsx$"));
        var register = await DownloadAsync(page, registerLink, null);
        var rows = new[] { paidA, paidB, refused }.OrderBy(c => c.Number).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Number.ToString(), ReturnFiles.Cell(register, $"A{13 + i}"));
        }

        var refusedRow = 13 + rows.IndexOf(refused);
        Assert.Equal("МЭК", ReturnFiles.Cell(register, $"F{refusedRow}"));
        Assert.Equal(0m, Money(ReturnFiles.Cell(register, $"R{refusedRow}")));
        Assert.Equal("ИТОГО:", ReturnFiles.Cell(register, $"S{13 + rows.Count + 2}"));
        Assert.Equal(4379.00m, Money(ReturnFiles.Cell(register, $"T{13 + rows.Count + 2}")));
        var history = page.Locator(".panel", new() { HasText = "Загруженные счета" }).Locator("tbody tr");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync(invoice.Name);
        await Expect(history).ToContainTextAsync("1 / 1");

        // Обзор, the month after the returns: the two the protocol refused (one corrected since, neither sent again), the
        // MEK refusal, the two the pack left out (unchanged since), the rest sent.
        await page.Locator(".menu").GetByText("Обзор", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("report-month")).ToHaveTextAsync($"Отчётный месяц: {monthTitle}");
        await ExpectStagesAsync(page, ("new", 0), ("corrected", 0), ("problem", 2), ("flk", 2), ("mek", 1), ("ready", 0), ("sent", synced - 5));
        await page.GetByTestId("stage-flk").ClickAsync();
        await Expect(page.Locator("table.grid tbody tr td:first-child"))
            .ToHaveTextAsync(new[] { first.Number, second.Number }.Order().Select(n => n.ToString()).ToArray());
        await page.Locator(".menu").GetByText("Реестры", new() { Exact = true }).ClickAsync();

        await CalculateAsync(page, refused.Number);

        // МЭК (from the invoice's result): the refused visit is listed; moved to the next month after the confirmation.
        await page.Locator(".side").GetByText("Счета", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("invoice-result").GetByRole(AriaRole.Link, new() { Name = "перейти к МЭК" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Реестры: перенос случаев МЭК");
        await Expect(page.GetByTestId("mek-total")).ToHaveTextAsync("Всего МЭК по месяцу: 1");
        var mekRow = page.GetByTestId("mek-list").Locator("tbody tr");
        await Expect(mekRow).ToHaveCountAsync(1);
        await Expect(mekRow.Locator("td").First).ToHaveTextAsync(refused.Number.ToString());
        await Expect(mekRow).ToContainTextAsync(refused.Fam);

        var target = Month.AddMonths(1);
        await Expect(page.Locator("input[name=target]")).ToHaveValueAsync(target.ToString("yyyy-MM"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Перенести МЭКи" }).ClickAsync();
        await Expect(page.Locator(".dialog")).ToContainTextAsync("войдут в его пакет как повторная подача");
        await SpaHub.ShotAsync(page, "mek-confirm");
        await page.Locator(".dialog").GetByRole(AriaRole.Button, new() { Name = "Перенести" }).ClickAsync();
        if (target.Year == Month.Year)
        {
            await Expect(message).ToContainTextAsync($"Перенесли МЭКи на {MonthNames[target.Month - 1]} {Month.Year} {target.Year}: записей 1.");
            await Expect(page.GetByTestId("mek-moved")).ToContainTextAsync("Перенесено талонов: 1.");
            await Expect(page.GetByTestId("mek-total")).ToHaveTextAsync("Всего МЭК по месяцу: 0");
            await SpaHub.ShotAsync(page, "mek");
            await using var conn = await _hub.Database.OpenConnectionAsync();
            var moved = await conn.QuerySingleAsync<(int Year, int Month, bool Mek, int Status)>(
                "select report_year::int, report_month::int, mek, status::int from visit where mo_id = @MoId and number = @Number",
                new { _hub.MoId, refused.Number });
            Assert.Equal((target.Year, target.Month, true, 1), moved);
        }
        else
        {
            // December: D7 keeps the original's rule that a MEK case moves only within the current year.
            await Expect(message).ToContainTextAsync("Переносить МЭК можно только на текущий год");
            await Expect(page.GetByTestId("mek-total")).ToHaveTextAsync("Всего МЭК по месяцу: 1");
        }
    }

    /// <summary>
    /// "Расчёты" of the month: the own register for the SMO (the refused case priced at nothing) and the per-referring-MO
    /// registers zipped, one workbook for each MO that referred the month's patients.
    /// </summary>
    private async Task CalculateAsync(IPage page, int refusedNumber)
    {
        await page.Locator(".side").GetByText("Расчёты", new() { Exact = true }).ClickAsync();
        var form = page.Locator(".calculations");
        await form.Locator("input[name=calcMonth]").FillAsync(MonthText);
        await form.Locator("select[name=smo]").SelectOptionAsync("25011");
        await form.GetByRole(AriaRole.Button, new() { Name = "Рассчитать" }).ClickAsync();
        await Expect(form.GetByTestId("task-message")).ToContainTextAsync("Расчет Амбулаторный (предварительный расчет) Записей обработано");
        var own = form.GetByTestId("result-file").GetByRole(AriaRole.Button);
        await Expect(own).ToHaveTextAsync(new Regex($@"^reestr_amb_calc_25011_{Month:MM}_{Month.Year}_[A-Za-z0-9]{{5}}\.xlsx$"));
        var register = await DownloadAsync(page, own, null);
        var numbers = Enumerable.Range(13, 200).Select(r => ReturnFiles.Cell(register, $"A{r}")).TakeWhile(n => !string.IsNullOrEmpty(n)).ToList();
        Assert.Contains(refusedNumber.ToString(), numbers);
        Assert.Equal("МЭК", ReturnFiles.Cell(register, $"F{13 + numbers.IndexOf(refusedNumber.ToString())}"));

        await form.Locator("select[name=kind]").SelectOptionAsync("referrals");
        await form.GetByRole(AriaRole.Button, new() { Name = "Рассчитать" }).ClickAsync();
        await Expect(form.GetByTestId("task-message")).ToContainTextAsync("Расчет Для МО по направлениям Записей обработано");
        var referrals = form.GetByTestId("result-file").GetByRole(AriaRole.Button);
        await Expect(referrals).ToHaveTextAsync(new Regex(@"\.zip$"));
        await SpaHub.ShotAsync(page, "calculations");
        using var zip = ZipFile.OpenRead(await DownloadAsync(page, referrals, null));
        await using var conn = await _hub.Database.OpenConnectionAsync();
        var referringMos = await conn.ExecuteScalarAsync<int>(
            "select count(distinct npr_mo) from visit where mo_id = @MoId and report_year = @Year and report_month = @Month and coalesce(npr_mo, '') <> ''",
            new { _hub.MoId, Month.Year, Month.Month });
        Assert.True(referringMos > 1, $"the demo's patients come from several MOs: {referringMos}");
        Assert.Equal(referringMos, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.EndsWith(".xlsx", e.Name, StringComparison.Ordinal));
    }

    /// <summary>The overview's stage cards show these counts.</summary>
    private static async Task ExpectStagesAsync(IPage page, params (string Stage, int Count)[] stages)
    {
        foreach (var (stage, count) in stages)
        {
            await Expect(page.GetByTestId("count-" + stage)).ToHaveTextAsync(count.ToString());
        }
    }

    private static decimal Money(string? cell) => decimal.Parse(cell ?? "", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> VisitCountAsync(string where, int[]? numbers = null)
    {
        await using var conn = await _hub.Database.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(
            $"select count(*) from visit where mo_id = @MoId and report_year = @Year and report_month = @Month and {where}",
            new { _hub.MoId, Month.Year, Month.Month, numbers });
    }

    /// <summary>Clicks a download link and saves the file; checks the name the browser suggests when one is expected.</summary>
    private async Task<string> DownloadAsync(IPage page, ILocator link, string? expectedName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        if (expectedName is not null)
        {
            Assert.Equal(expectedName, download.SuggestedFilename);
        }

        var path = Path.Combine(_downloads, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }
}
