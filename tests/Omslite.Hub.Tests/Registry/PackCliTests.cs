using System.Text.Json;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Registry;

/// <summary><c>omslite pack</c> as an admin runs it: the hub executable, the plugin from the plugins folder.</summary>
public class PackCliTests(PackHubFixture fixture) : IClassFixture<PackHubFixture>
{
    private Dictionary<string, string?> Environment() => new()
    {
        ["ConnectionStrings__Working"] = fixture.Hub.ConnectionString,
        ["Omslite__DataDir"] = fixture.Hub.DataDir,
        ["Omslite__PluginsDir"] = fixture.PluginsDir,
    };

    [Fact]
    public async Task Pack_build_writes_the_zip_into_out_and_prints_the_issue_json()
    {
        var patient = await fixture.AddPatientAsync("cli-1");
        var good = await fixture.AddVisitAsync(patient, 2027, 1);
        await fixture.AddVisitAsync(patient, 2027, 1, ds1: null);
        var outDir = TempDir.Create("pack-out");

        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(Environment(),
            "pack", "build", "--month", "2027-01", "--number", "3", "--mark-sent", "--fresh", "--mo", "250796", "--out", outDir, "--json");

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["zip", "records", "persons", "errors"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Path.Combine(outDir, "H25079670103.zip"), json.GetProperty("zip").GetString());
        Assert.True(File.Exists(json.GetProperty("zip").GetString()));
        Assert.Equal((1, 1, 1), (json.GetProperty("records").GetInt32(), json.GetProperty("persons").GetInt32(), json.GetProperty("errors").GetInt32()));
        Assert.Equal(2, await fixture.StatusAsync(good.Id));
        TempDir.TryDelete(outDir);
    }

    [Fact]
    public async Task Pack_check_prints_the_counts_and_the_problems_and_writes_nothing()
    {
        var patient = await fixture.AddPatientAsync("cli-3");
        var good = await fixture.AddVisitAsync(patient, 2027, 3);
        var bad = await fixture.AddVisitAsync(patient, 2027, 3, ds1: null);

        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(Environment(), "pack", "check", "--month", "2027-03", "--mo", "250796", "--json");

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal((1, 1), (json.GetProperty("records").GetInt32(), json.GetProperty("errors").GetInt32()));
        var problem = json.GetProperty("problems")[0];
        Assert.Equal(bad.Id, problem.GetProperty("visit").GetInt64());
        Assert.Equal($"{bad.Number}-Нет DS1 (основной диагноз)", problem.GetProperty("message").GetString());
        Assert.Equal(1, await fixture.StatusAsync(good.Id));
    }

    [Fact]
    public async Task Check_prints_the_errors_list_and_an_invalid_number_fails_with_a_message()
    {
        var patient = await fixture.AddPatientAsync("cli-2");
        var bad = await fixture.AddVisitAsync(patient, 2027, 2, ds1: null);

        var check = await HubProcess.RunVerbAsync(Environment(), "pack", "check", "--month", "2027-02", "--mo", "250796");
        var wrong = await HubProcess.RunVerbAsync(Environment(), "pack", "build", "--month", "2027-02", "--number", "12", "--mo", "250796");

        Assert.Equal(0, check.ExitCode);
        Assert.Equal($"H записей: 0, L записей: 0. НАЙДЕНО ОШИБОК: 1.\n{bad.Number}-{bad.Number}-Нет DS1 (основной диагноз)\n", check.Stdout.Replace("\r", ""));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Неверный номер пакета: 12 (ожидается 1–9)", wrong.Stderr);
        Assert.Equal(1, await fixture.StatusAsync(bad.Id));
    }
}
